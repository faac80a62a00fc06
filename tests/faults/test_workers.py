"""A Celery worker killed in the middle of a batch: after a restart nothing is lost or doubled.

The worker is a real ``celery worker`` process on the fault suite's own Redis (as the
broker) and PostgreSQL; the stories come from a feed served on 127.0.0.1, each page a
little slow, so the kill lands while items are being fetched, cleaned and imported.
Run with ``make test-faults``.
"""

import re
import signal
import subprocess
import time

import pytest

from tests.faults.stack import PYTHON, ROOT, _signal_group, _spawn
from tests.wire_server import WireServer, page, rss

pytestmark = pytest.mark.faults

STORIES = 40
PAGE_DELAY = 0.4


@pytest.fixture
def wire_feed():
    server = WireServer().start()
    entries = []
    for n in range(STORIES):
        headline = f"Saltmere harbour log, entry {n}: the {n}th boat home"
        paragraphs = [
            f"The trawler Morwenna {n} came into Saltmere harbour at {n % 12 + 1}pm with "
            f"{n * 3 + 20} boxes of mackerel, skipper Jory Pascoe {n} said.",
            f"Harbour master Elowen Carne said berth {n} would stay open until {n % 5 + 6} "
            "o'clock for the late boats.",
        ]
        url = server.route(f"/log/{n}", page(headline, paragraphs), delay=PAGE_DELAY)
        entries.append((f"log-{n}", url, headline))
    server.route("/feed.xml", rss(entries, title="Saltmere harbour log"))
    yield server
    server.stop()


class Worker:
    def __init__(self, stack, env: dict, name: str):
        self.log = stack.folder / f"{name}.log"
        self.env = env
        self.name = name
        self.process = None

    def start(self) -> None:
        self.process = _spawn(
            [
                PYTHON, "-m", "celery", "-A", "newsroom", "worker", "--concurrency", "2",
                "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
                "--without-heartbeat", "-n", f"{self.name}@%h",
            ],
            self.log,
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip

    def kill(self) -> None:
        """As a crash: the main process and its pool children at once."""
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        _signal_group(self.process, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)


def _counts(stack, batch: int) -> dict[str, int]:
    rows = stack.sql(
        "SELECT status, count(*) FROM articles_ingestitem WHERE batch_id = %s GROUP BY status",
        (batch,),
    )
    return dict(rows)


def _wait(check, limit: float, what: str):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} within {limit:.0f} s")


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(stack, wire_feed):
    env = stack.env(
        CELERY_BROKER_URL=stack.redis.url.rsplit("/", 1)[0] + "/1",
        # A killed worker's unacknowledged tasks come back after this many seconds.
        CELERY_VISIBILITY_TIMEOUT="5",
        INGEST_ALLOW_ADDRESSES="127.0.0.1/32",
        INGEST_HOST_INTERVAL="0",
        INGEST_FETCH_TIMEOUT="10",
    )
    first = Worker(stack, env, "worker-a")
    second = Worker(stack, env, "worker-b")
    try:
        first.start()
        queued = subprocess.run(
            [
                PYTHON,
                "manage.py",
                "ingest",
                wire_feed.url("/feed.xml"),
                "--no-wait",
                "--no-progress",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert queued.returncode == 0, queued.stderr
        batch = int(re.search(r"^Batch (\d+)", queued.stdout, re.M).group(1))
        assert f"{STORIES} items: {STORIES} queued" in queued.stdout

        _wait(lambda: _counts(stack, batch).get("drafted", 0) >= 6, 60, "six drafts")
        first.kill()
        at_kill = _counts(stack, batch)
        assert at_kill.get("drafted", 0) < STORIES, f"the kill came too late: {at_kill}"

        second.start()
        # Kombu looks for unacknowledged tasks past their visibility timeout on every
        # tenth turn of a ten-second timer: the killed worker's come back within ~100 s.
        _wait(
            lambda: _counts(stack, batch).get("drafted", 0) == STORIES,
            240,
            f"every item drafted after the restart (at the kill: {at_kill})",
        )
    finally:
        first.stop()
        second.stop()

    assert _counts(stack, batch) == {"drafted": STORIES}
    [(articles, distinct_raw, headlines)] = stack.sql(
        "SELECT count(*), count(DISTINCT a.raw_copy_id), count(DISTINCT a.headline) "
        "FROM articles_article a JOIN articles_ingestitem i ON i.article_id = a.id "
        "WHERE i.batch_id = %s",
        (batch,),
    )
    assert (articles, distinct_raw, headlines) == (STORIES, STORIES, STORIES)
    [(harbour_log_drafts,)] = stack.sql(
        "SELECT count(*) FROM articles_article WHERE headline LIKE 'Saltmere harbour log, entry %%'"
    )
    assert harbour_log_drafts == STORIES, "no story imported twice"
    [(raw_copies,)] = stack.sql(
        "SELECT count(*) FROM articles_rawcopy WHERE received_via = 'ingest'"
    )
    assert raw_copies == STORIES
