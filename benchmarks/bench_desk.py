"""How fast the editors' desk answers: ``make bench-desk``.

Builds a fresh database (an SQLite file in a temporary folder, then the
PostgreSQL database ``newsroom_bench_desk`` when DATABASE_URL points at a
server) with 10,000 articles, each with a byline and three findings, plus
one imported story with 200 paragraphs and 200 findings. An editor logged
in with Django's test client opens the desk home, the article list (plain,
filtered on open findings, searched) and the review screen (the 200-finding
story, and the shared sample imported when ../shared is there); each page is
timed over several runs and the median is printed in milliseconds, with its
number of queries. Target: under 300 ms each.

Each database runs in its own process, because settings are read once.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 10_000
TARGET_MS = 300
DB_NAME = "newsroom_bench_desk"
SAMPLE = ROOT.parent / "shared" / "samples" / "ukraine-strikes-raw.txt"


def _database_urls(tmp: Path) -> list[str]:
    urls = [f"sqlite:///{tmp / 'bench_desk.sqlite3'}"]
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        urls.append(urlsplit(given)._replace(path=f"/{DB_NAME}").geturl())
    return urls


def _fresh_postgres(url: str) -> None:
    import psycopg

    admin_url = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def _load(now):
    from django.contrib.auth.models import Group, User

    from articles.models import Article, Author, Byline, Finding, Section

    sections = [Section.objects.create(name=name) for name in ("Local", "Weather", "Courts")]
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {i}", slug=f"r-{i}") for i in range(50)
    )
    statuses = [Article.Status.PUBLISHED, Article.Status.DRAFT, Article.Status.REVIEW]
    articles = Article.objects.bulk_create(
        (
            Article(
                headline=f"Saltmere council story number {i}",
                slug=f"saltmere-story-{i}",
                dek="The harbour town's council met again.",
                body=f"Paragraph one of story {i}.\n\nThe council will meet again next week.",
                section=sections[i % 3],
                status=statuses[i % 3],
                published_at=now if i % 3 == 0 else None,
                first_published_at=now if i % 3 == 0 else None,
                source_paragraphs=[f"Paragraph one of story {i}.", "Share this story", "Sure!"],
            )
            for i in range(ARTICLES)
        ),
        batch_size=1000,
    )
    Byline.objects.bulk_create(
        (Byline(article=a, author=authors[i % 50], position=0) for i, a in enumerate(articles)),
        batch_size=2000,
    )
    Finding.objects.bulk_create(
        (
            Finding(article=a, paragraph_index=p, rule=f"chrome.r{p}", action="remove", message="m")
            for a in articles
            for p in (1, 2)
        ),
        batch_size=2000,
    )
    big = Article.objects.create(
        headline="A long imported story from the Saltmere Gazette",
        slug="long-imported-story",
        source_paragraphs=[f"Paragraph {i} about the storm Brannock." for i in range(200)],
        body="\n\n".join(f"Paragraph {i} about the storm Brannock." for i in range(200)),
    )
    Finding.objects.bulk_create(
        Finding(
            article=big,
            paragraph_index=i,
            rule=f"dup.rule{i % 9}",
            action=["remove", "review", "fix"][i % 3],
            replacement=f"Paragraph {i}, fixed." if i % 3 == 2 else "",
            message="The cleaner's note.",
            evidence=f"Paragraph {i}",
        )
        for i in range(200)
    )
    editor = User.objects.create_user("bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    return editor, big


def _sample(editor):
    from articles.services.imports import story_import

    if not SAMPLE.exists():
        return None
    return story_import(data=SAMPLE.read_bytes(), user=editor)[0]


def _median_ms(client, path: str, runs: int) -> tuple[float, int]:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)  # warm: templates, connection, session
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), len(queries)


def run_one(runs: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    editor, big = _load(timezone.now())
    loaded = time.perf_counter() - started
    client = Client()
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    sample = _sample(editor)
    pages = {
        "desk home": reverse("admin:index"),
        "article list": changelist,
        "article list, open findings": f"{changelist}?open_findings=yes",
        "article list, search": f"{changelist}?q=number+9999",
        "review screen, 200 findings": reverse("admin:articles_article_review", args=[big.pk]),
    }
    if sample is not None:
        pages["review screen, the sample"] = reverse(
            "admin:articles_article_review", args=[sample.pk]
        )
    print(
        f"\n{connection.vendor}: {ARTICLES:,} articles loaded in {loaded:.1f} s; median of {runs} runs"
    )
    for label, path in pages.items():
        ms, queries = _median_ms(client, path, runs)
        verdict = "ok" if ms < TARGET_MS else f"over the {TARGET_MS} ms target"
        print(f"  {label:<30} {ms:8.1f} ms  {queries:3d} queries  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for url in _database_urls(Path(tmp)):
            if url.startswith("postgres"):
                _fresh_postgres(url)
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DEBUG": "0",
                "SECRET_KEY": "benchmark-only-key-not-for-production-0123456789",
                "SECURE_SSL_REDIRECT": "0",
                "LOG_LEVEL": "ERROR",
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "CACHE_URL": "locmemcache://bench-desk",
                "PYTHONPATH": str(ROOT),
            }
            command = [sys.executable, __file__, "--child", "--runs", str(args.runs)]
            subprocess.run(command, cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
