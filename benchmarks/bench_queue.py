"""How fast the moderators' queue opens with 100,000 comments: ``make bench-queue``.

For SQLite (a file in a temporary folder) and PostgreSQL (the database
``newsroom_bench_queue`` on the server in DATABASE_URL, or on
postgres://postgres@127.0.0.1:5432 when none is given; skipped when none
answers), builds a fresh database with 200 articles and 100,000 comments
(20% pending, 70% approved, 5% rejected, 5% spam, 500 reported) from 5,000
commenters, one article holding 500 approved comments. Then, in process
through Django's test client with DEBUG off, it times the admin's pending
queue (and the reported and "all" views) as a logged-in moderator, prints
the queries each page makes, and compares the article page with 500
approved comments to one with 5.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "newsroom_bench_queue"
COMMENTS = 100_000
ARTICLES = 200
SENDERS = 5_000
RUNS = 30


def _postgres_url() -> str | None:
    given = os.environ.get("DATABASE_URL", "") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not given.startswith("postgres"):
        return None
    try:
        import psycopg

        admin = urlsplit(given)._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    except Exception as error:  # no server: the PostgreSQL half is skipped, and says so
        print(f"PostgreSQL skipped: {error}")
        return None
    return urlsplit(given)._replace(path=f"/{DB_NAME}").geturl()


def _env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "PAGE_CACHE_SECONDS": "0",
        "CACHE_URL": "locmemcache://bench-queue",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'queue.sqlite3'}")]
        postgres = _postgres_url()
        if postgres:
            targets.append(("PostgreSQL", postgres))
        for label, url in targets:
            print(f"\n== {label} ==", flush=True)
            subprocess.run([sys.executable, __file__, "--run"], cwd=ROOT, env=_env(url), check=True)


def _load() -> tuple:
    import datetime as dt
    import random

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Comment, CommentReport

    call_command("migrate", "--noinput", verbosity=0)
    rng = random.Random(7)
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Saltmere harbour notes, part {n}",
            slug=f"saltmere-harbour-notes-{n}",
            body="The harbour wall held through Storm Brannock.\n\nRepairs begin in spring.",
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(hours=n + 1),
            first_published_at=now - dt.timedelta(hours=n + 1),
        )
        for n in range(ARTICLES)
    )
    big, small = articles[0], articles[1]
    statuses = ["pending"] * 20 + ["approved"] * 70 + ["rejected"] * 5 + ["spam"] * 5
    rows = []
    for n in range(COMMENTS):
        if n < 500:
            article, status = big, "approved"
        elif n < 505:
            article, status = small, "approved"
        else:
            article, status = rng.choice(articles[2:]), rng.choice(statuses)
        sender = rng.randrange(SENDERS)
        rows.append(
            Comment(
                article=article,
                author_name=f"Reader {sender}",
                author_email=f"reader{sender}@mail.example",
                body=f"Comment {n} on the harbour wall, the ferry and the lifeboat crew.",
                status=status,
                reasons=["new commenter (pre-moderation)"] if status == "pending" else [],
                ip_address=f"10.{sender % 250}.{n % 250}.1",
                content_hash=f"{n:064x}",
            )
        )
    Comment.objects.bulk_create(rows, batch_size=5000)
    approved = list(Comment.objects.filter(status="approved").values_list("pk", flat=True)[:500])
    CommentReport.objects.bulk_create(
        CommentReport(comment_id=pk, reason="abuse", detail="Rude to the skipper.")
        for pk in approved
    )
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would leave them
        cursor.execute("ANALYZE")
    moderator = User.objects.create_user("bench-moderator", password="x", is_staff=True)
    moderator.groups.set(Group.objects.filter(name="Moderators"))
    return moderator, big, small


def _measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def run() -> None:
    import django

    django.setup()
    from django.test import Client

    started = time.perf_counter()
    moderator, big, small = _load()
    print(f"loaded {COMMENTS:,} comments in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(moderator)
    for name, url in [
        ("pending queue", "/admin/articles/comment/"),
        ("pending queue, oldest first", "/admin/articles/comment/?o=6"),
        ("reported queue", "/admin/articles/comment/?queue=reported"),
        ("all comments", "/admin/articles/comment/?queue=all"),
        ("page 50 of pending", "/admin/articles/comment/?p=50"),
    ]:
        median, p95, queries = _measure(client, url)
        print(f"{name:30} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries")
    reader = Client()
    for label, article in [("500 approved comments", big), ("5 approved comments", small)]:
        median, p95, queries = _measure(reader, article.get_absolute_url())
        print(
            f"article page, {label:22} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if "--run" in sys.argv:
        run()
    else:
        main()
