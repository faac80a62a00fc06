"""How fast the wire comes in: ``make bench-ingest``.

Serves 10,000 generated Saltmere stories (benchmarks/ingest_copy.py) as pages behind
20 RSS feeds on 127.0.0.1, starts its own redis-server on a free port as the broker,
and imports them all with real ``celery worker`` processes: once with one worker
process, then with two, each time into a fresh database (PostgreSQL
``newsroom_bench_ingest`` when the server at DATABASE_URL, or 127.0.0.1:5432, answers;
else an SQLite file). For each run it prints items per second, what became of the
items, the share of the workers' time spent cleaning, in the database and fetching
(from each item's recorded timings), and how long the desk's article list took
(Django's test client, as ``bench_desk.py`` times it) while the batch ran.
Target: near-linear from one worker process to two; the desk under 300 ms.

The per-host interval is off (INGEST_HOST_INTERVAL=0): every page comes from the one
local server, which would otherwise be asked once a second.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import ingest_copy  # noqa: E402
from tests.faults.stack import Redis, StackUnavailable, free_port  # noqa: E402

DB_NAME = "newsroom_bench_ingest"
PER_FEED = 500
TARGET_MS = 300


def _postgres_url() -> str | None:
    given = os.environ.get("DATABASE_URL", "")
    base = given if given.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    try:
        import psycopg

        admin = urlsplit(base)._replace(path="/postgres").geturl()
        psycopg.connect(admin, connect_timeout=3).close()
    except Exception:  # no server: the bench runs on SQLite
        return None
    return urlsplit(base)._replace(path=f"/{DB_NAME}").geturl()


def _fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(urlsplit(url).path).unlink(missing_ok=True)
        return
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def _wait_ready(log: Path, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if log.exists() and " ready." in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the worker did not start: see {log}")


def run(workers: int, *, env: dict, items: int, folder: Path) -> dict:
    """One run: a fresh database, ``workers`` worker processes, every item imported."""
    _fresh_database(env["DATABASE_URL"])
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log = folder / f"worker-{workers}.log"
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "newsroom", "worker",
            "--concurrency", str(workers), "--loglevel", "INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat", "-n", f"bench{workers}@%h",
        ],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        _wait_ready(log)
        child = subprocess.run(
            [sys.executable, __file__, "--child", "--items", str(items)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    return json.loads(child.stdout.strip().splitlines()[-1])


def child(items: int) -> None:
    """In the bench's environment: queue the feeds, time the desk until every item is done."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from articles.models import IngestItem
    from articles.services import ingest

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    editor = User.objects.create_user("bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    client.get(changelist)

    base = os.environ["BENCH_WIRE"]
    feeds = (items + PER_FEED - 1) // PER_FEED
    started = time.perf_counter()
    for k in range(feeds):
        first = k * PER_FEED
        count = min(PER_FEED, items - first)
        ingest.batch_from_url(url=f"{base}/feed/{first}-{count}.xml")
    queued = time.perf_counter() - started
    done_states = list(IngestItem.DONE)
    desk_ms = []
    while IngestItem.objects.exclude(status__in=done_states).exists():
        tick = time.perf_counter()
        answer = client.get(changelist)
        assert answer.status_code == 200
        desk_ms.append((time.perf_counter() - tick) * 1000)
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))
    wall = time.perf_counter() - started
    total = IngestItem.objects.count()
    statuses = dict(IngestItem.objects.values_list("status").annotate(n=Count("pk")))
    sums = {"fetch": 0.0, "clean": 0.0, "db": 0.0, "total": 0.0}
    for timings in IngestItem.objects.values_list("timings", flat=True).iterator():
        for key in sums:
            sums[key] += timings.get(key, 0.0)
    print(
        json.dumps(
            {
                "items": total,
                "wall": wall,
                "queued": queued,
                "statuses": statuses,
                "sums": sums,
                "desk": desk_ms,
            }
        )
    )


def _report(workers: int, result: dict) -> str:
    sums, total = result["sums"], result["sums"]["total"] or 1
    share = {key: 100 * sums[key] / total for key in ("clean", "db", "fetch")}
    other = 100 - sum(share.values())
    desk = sorted(result["desk"]) or [0.0]
    p95 = desk[min(len(desk) - 1, int(len(desk) * 0.95))]
    median = statistics.median(desk)
    verdict = "ok" if p95 < TARGET_MS else f"over the {TARGET_MS} ms target"
    counts = result["statuses"]
    return (
        f"  {workers} worker process{'es' if workers > 1 else ''}: {result['items']:,} items in "
        f"{result['wall']:.1f} s = {result['items'] / result['wall']:.1f} items/s "
        f"(queueing took {result['queued']:.1f} s)\n"
        f"    drafted {counts.get('drafted', 0):,}, linked {counts.get('repeat', 0):,}, "
        f"parked {counts.get('parked', 0):,}\n"
        f"    workers' time: cleaning {share['clean']:.0f}%, database {share['db']:.0f}%, "
        f"fetch {share['fetch']:.0f}%, the rest {other:.0f}% "
        f"(mean {sums['total'] / max(result['items'], 1):.0f} ms an item)\n"
        f"    desk article list while it ran: median {median:.0f} ms, p95 {p95:.0f} ms "
        f"over {len(result['desk'])} loads: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2", help="worker process counts to run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.items)
        return
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-ingest-"))
    try:
        redis = Redis(folder)
    except StackUnavailable as missing:
        sys.exit(str(missing))
    wire_port = free_port()
    server = multiprocessing.Process(target=ingest_copy.serve, args=(wire_port,), daemon=True)
    database = _postgres_url() or f"sqlite:///{folder / 'bench_ingest.sqlite3'}"
    try:
        redis.start()
        server.start()
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "CACHE_URL": redis.url,
            "CELERY_BROKER_URL": redis.url.rsplit("/", 1)[0] + "/1",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-key-not-for-production-0123456789",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "INGEST_ALLOW_ADDRESSES": "127.0.0.1/32",
            "INGEST_HOST_INTERVAL": "0",
            "ENV_FILE": str(folder / "no.env"),
            "BENCH_WIRE": f"http://127.0.0.1:{wire_port}",
            "PYTHONPATH": str(ROOT),
        }
        engine = "PostgreSQL" if database.startswith("postgres") else "SQLite"
        print(
            f"bench-ingest: {args.items:,} generated stories as pages behind "
            f"{(args.items + PER_FEED - 1) // PER_FEED} RSS feeds on 127.0.0.1; {engine}; "
            f"Redis broker; {os.cpu_count()} cores"
        )
        results = {}
        for workers in (int(n) for n in args.workers.split(",")):
            results[workers] = run(workers, env=env, items=args.items, folder=folder)
            print(_report(workers, results[workers]), flush=True)
        if 1 in results and 2 in results:
            rate = {n: r["items"] / r["wall"] for n, r in results.items()}
            print(f"  speed-up from 1 to 2 worker processes: x{rate[2] / rate[1]:.2f}")
    finally:
        server.terminate()
        redis.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
