"""How fast the public site answers: ``make bench-site``.

Builds a fresh database (an SQLite file in a temporary folder, or the
PostgreSQL database ``newsroom_bench_site`` when DATABASE_URL points at a
server), loads 1,000 articles with 50 approved comments each, and serves
the site with gunicorn (2 sync workers, DEBUG off) on 127.0.0.1. wrk then
measures the article page, the front page and a search with the page cache
on and off (PAGE_CACHE_SECONDS=0), next to a no-database Django view
returning a static 30 KB page. Prints requests/s, p50/p99 and the ratios.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
WAGTAIL_ARTICLE_RPS = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp: Path) -> str:
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        return urlsplit(given)._replace(path="/newsroom_bench_site").geturl()
    return f"sqlite:///{tmp / 'bench.sqlite3'}"


def _env(database_url: str, **extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    env.setdefault("CACHE_URL", "locmemcache://bench")
    env.update(extra)
    return env


def _prepare(env: dict) -> None:
    if env["DATABASE_URL"].startswith("postgres"):
        import psycopg

        admin_url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS newsroom_bench_site WITH (FORCE)")
            conn.execute("CREATE DATABASE newsroom_bench_site")
    steps = [
        ["manage.py", "migrate", "--noinput", "-v0"],
        ["manage.py", "collectstatic", "--noinput", "-v0"],
        [
            "-c",
            "import django; django.setup(); from benchmarks.site_data import site_data_load; site_data_load()",
        ],
    ]
    for step in steps:
        subprocess.run([PYTHON, *step], cwd=ROOT, env=env, check=True)
    if env["DATABASE_URL"].startswith("postgres"):
        _checkpoint(env["DATABASE_URL"])


def _checkpoint(database_url: str) -> None:
    """Write the loaded data out now, so the checkpointer is not busy during the measurements."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        try:
            conn.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            print("(CHECKPOINT needs a superuser; measuring without it)", flush=True)


def _serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "newsroom.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.1)
    _stop(server)
    raise RuntimeError("gunicorn did not start")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)


def _parse_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _wrk(url: str, seconds: int, connections: int) -> dict:
    for _ in range(2):  # warm both workers' caches and connections
        urllib.request.urlopen(url, timeout=10).read()
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _parse_ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),
        "p99": _parse_ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    database_url = _database_url(tmp)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"Preparing {engine}: 1,000 articles x 50 approved comments ...", flush=True)
    _prepare(_env(database_url))
    results = {}
    # The yardstick runs for the whole benchmark and is measured right before
    # each page, so a machine busy with other work skews both alike.
    nodb_port = _free_port()
    nodb = _serve(_env(database_url, DJANGO_SETTINGS_MODULE="benchmarks.nodb_settings"), nodb_port)
    try:
        for mode, seconds in (("uncached", "0"), ("cached", "60")):
            port = _free_port()
            server = _serve(_env(database_url, PAGE_CACHE_SECONDS=seconds), port)
            try:
                for name, path in (
                    ("article", _article_url(port, "harbour-wall-story-0")),
                    ("article, no comments", _article_url(port, "harbour-notice-without-comments")),
                    ("front page", "/"),
                    ("search", "/search/?q=harbour+wall"),
                ):
                    yardstick = _wrk(
                        f"http://127.0.0.1:{nodb_port}/", args.seconds, args.connections
                    )
                    page = _wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections)
                    results[f"{name}, {mode}"] = {**page, "nodb": yardstick["rps"]}
            finally:
                _stop(server)
    finally:
        _stop(nodb)
    _report(results, engine, args)
    shutil.rmtree(tmp, ignore_errors=True)


def _article_url(port: int, slug: str) -> str:
    """An article's address, as the front page links it."""
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    return re.search(rf'<h2><a href="(/\d{{4}}/\d+/\d+/{slug}/)">', html).group(1)


def _report(results: dict, engine: str, args) -> None:
    print(
        f"\nbench-site on {engine}: gunicorn 2 sync workers each, wrk -t1 -c{args.connections}"
        f" -d{args.seconds}s; no-DB = a static 30 KB Django view measured just before each page"
    )
    header = f"{'page':<34}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'no-DB req/s':>13}{'ratio':>7}"
    print(header)
    for name, r in results.items():
        print(
            f"{name:<34}{r['rps']:>8.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>8}"
            f"{r['nodb']:>13.0f}{r['rps'] / r['nodb']:>7.2f}"
        )
    uncached = results["article, uncached"]["rps"]
    cached = results["article, cached"]
    print(
        f"\nuncached article: {uncached / WAGTAIL_ARTICLE_RPS:.1f}x Wagtail's {WAGTAIL_ARTICLE_RPS} req/s"
        f" (target 3x) -> {'met' if uncached >= 3 * WAGTAIL_ARTICLE_RPS else 'MISSED'}"
    )
    ratio = cached["rps"] / cached["nodb"]
    print(
        f"cached article: {ratio:.0%} of the no-database view (target 70%)"
        f" -> {'met' if ratio >= 0.7 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
