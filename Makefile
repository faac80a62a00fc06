# Two commands do everything on a fresh machine with Python 3.11+:
#   make run   - install, migrate, load the demo, serve on http://127.0.0.1:8000
#   make test  - install, lint with ruff, run the test suite on SQLite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRAIN_STAMP := $(VENV)/.installed-train
# The test suite's npm packages, at the versions tests/e2e/package-lock.json pins: axe-core
# (accessibility, in the browser tests) and vnu-jar (the Nu HTML Checker, run on the machine's
# Java 17+; --ignore-scripts stops vnu-jar's postinstall from downloading a Java of its own).
# The stamp is renewed whenever package.json or the lock file changes.
NODE_STAMP := tests/e2e/node_modules/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run worker test test-faults lint install train-cleaner bench bench-cleaner bench-html bench-site bench-desk bench-queue bench-faults bench-api bench-ingest clean wrk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/e2e --ignore-scripts --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the accessibility checks and the HTML checker need it (apt-get install npm)"; \
	fi

install: $(STAMP)

$(TRAIN_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,train]'
	touch $(TRAIN_STAMP)

# Retrains the cleaner's paragraph classifier (scikit-learn, the `train` extra) from the Zyte
# pages in ../shared/corpus, tests/corpus and generated chatbot leftovers, prints its figures
# on the held-out sites and templates, and rewrites articles/cleaning/model/paragraphs.bin
# (the same bytes on every run).
train-cleaner: $(TRAIN_STAMP)
	$(BIN)/python -m articles.cleaning.train

# The first run writes a local .env (ignored by git): DEBUG on and a key made
# for this machine, so every command in the README works after it. Production
# sets its own variables and refuses to start without a real SECRET_KEY.
.env:
	@$(PYTHON) -c 'import secrets; print("# Written by the first make run for this machine only. Never commit it.\nDEBUG=1\nSECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "Wrote .env: DEBUG=1 and a generated SECRET_KEY, for local development."

run: .env $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST)

# A real Celery worker on CELERY_BROKER_URL (Redis), with beat inside it for the
# feed polls and the sweep of lost items. Production runs `celery -A newsroom beat`
# once, apart, and workers without --beat on as many machines as needed. Without a
# broker (make run) tasks run in-process and no worker is needed.
worker: .env $(STAMP)
	@[ -n "$$CELERY_BROKER_URL" ] || grep -q '^CELERY_BROKER_URL=..*' .env || { \
		echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1) in the environment or .env;"; \
		echo "without it, tasks run in the process that queues them and no worker is needed."; \
		exit 2; }
	$(BIN)/celery -A newsroom worker --beat --schedule $(VENV)/celerybeat-schedule --loglevel INFO

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# DEBUG is off under test, as in production, whatever a local .env says; so
# the suite needs a key.
test: export DEBUG ?= 0
test: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The fault suite (tests/faults, marker "faults"): its own redis-server and
# PostgreSQL cluster on free loopback ports, two gunicorn servers, each killed
# and restarted. Needs redis-server and PostgreSQL's server binaries; never
# touches the machine's own services.
test-faults: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-faults: $(STAMP)
	$(BIN)/python -m pytest -m faults $(PYTEST_ARGS)

bench: bench-cleaner bench-html bench-site bench-desk bench-queue bench-faults bench-api bench-ingest

# The cleaner's precision and recall per rule family on tests/corpus, then on what the
# shipped classifier never saw (held-out generator templates, and the held-out Zyte sites'
# pages read whole, clipped around their story, and as furniture in pasted copy), then its
# speed: the real sample after warm-up, and 10 KB, 100 KB and 1 MB of copy.
bench-cleaner: $(STAMP)
	$(BIN)/python benchmarks/bench_cleaning_corpus.py
	$(BIN)/python benchmarks/bench_cleaner_heldout.py
	$(BIN)/python benchmarks/bench_cleaner_speed.py

# Serves 1,000 stories with gunicorn on 127.0.0.1 and measures them with wrk, and the
# article page just after its edit and the front page's hit rate in process.
# DATABASE_URL=postgres://... runs it on PostgreSQL (database BENCH_SITE_DATABASE,
# newsroom_bench_site unless set). BENCH_SITE_BASELINE=<another checkout, with its .venv>
# measures that one too, in turn: the before and after of a change.
bench-site: $(STAMP) wrk
	$(BIN)/python benchmarks/bench_site.py

# The load generator of bench-site and bench-faults, from Debian's packages (as root).
wrk:
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && apt-get install -y -qq wrk; }

# The 181 pages of ../shared/corpus/zyte-article-extraction, scored with that
# benchmark's metric: plain trafilatura beside Newsroom's clean().
bench-html: $(STAMP)
	$(BIN)/python benchmarks/bench_html.py

# The admin's article list and review screen with 10,000 articles: SQLite, then
# PostgreSQL (database newsroom_bench_desk) when DATABASE_URL=postgres://... is set.
bench-desk: $(STAMP)
	$(BIN)/python benchmarks/bench_desk.py

# The moderators' pending queue with 100,000 comments and the article page with
# 500 approved comments: SQLite, then PostgreSQL (database newsroom_bench_queue)
# on DATABASE_URL's server or postgres://postgres@127.0.0.1:5432 when it answers.
bench-queue: $(STAMP)
	$(BIN)/python benchmarks/bench_queue.py

# The fault suite's servers under load: cached and uncached article pages and
# concurrent comment posting on two app servers, then the same while Redis and
# PostgreSQL are killed and restarted; requests/s, latencies and error counts.
bench-faults: $(STAMP) wrk
	$(BIN)/python benchmarks/bench_faults.py

# The read API with 1,000 stories under gunicorn and wrk: a list page of 20 and of 100, one
# story, and one story asked again with its ETag. DATABASE_URL=postgres://... runs it on
# PostgreSQL (database newsroom_bench_api).
bench-api: $(STAMP) wrk
	$(BIN)/python -m benchmarks.bench_api

# 10,000 generated stories behind RSS feeds on 127.0.0.1, imported by real Celery
# workers (one process, then two) on a redis-server of its own; items/s, where the
# workers' time goes, and the desk's article list while the batch runs.
# PostgreSQL (database newsroom_bench_ingest) when it answers, else SQLite.
bench-ingest: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tests/e2e/node_modules tests/e2e/screenshots
