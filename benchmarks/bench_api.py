"""How fast the read API answers: ``make bench-api``.

Builds a fresh database (an SQLite file in a temporary folder, or the
PostgreSQL database ``newsroom_bench_api`` when DATABASE_URL points at a
server) with the benchmark's 1,000 stories (``site_data``, no comments),
makes a token, and serves the site with gunicorn (2 sync workers, DEBUG off)
on 127.0.0.1. wrk then measures a list page of 20 and of 100 stories, one
story, and one story asked again with its ETag (a 304). The rate limit is
raised out of the way: this measures the API, not the limit.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.bench_site import PYTHON, ROOT, _env, _free_port, _parse_ms, _serve, _stop

DATABASE = "newsroom_bench_api"
MAKE_TOKEN = (
    "import django; django.setup();"
    "from benchmarks.site_data import site_data_load; site_data_load(comments_per_article=0);"
    "from articles.models import ApiToken;"
    "from articles.services.api_tokens import api_token_create;"
    "print(api_token_create(token=ApiToken(partner='Benchmark'), user=None))"
)


def _database_url(tmp: Path) -> str:
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        return urlsplit(given)._replace(path=f"/{DATABASE}").geturl()
    return f"sqlite:///{tmp / 'bench.sqlite3'}"


def _prepare(env: dict) -> str:
    """Migrate, load the stories; returns a token for them."""
    if env["DATABASE_URL"].startswith("postgres"):
        import psycopg

        admin_url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DATABASE}")
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    made = subprocess.run(
        [PYTHON, "-c", MAKE_TOKEN], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return made.stdout.strip().splitlines()[-1]


def _get(url: str, headers: dict) -> urllib.request.addinfourl:
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def _wrk(url: str, headers: dict, seconds: int, connections: int) -> dict:
    flags = [part for name, value in headers.items() for part in ("-H", f"{name}: {value}")]
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", *flags, url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *flags, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # wrk counts a 304 as a success, and anything 4xx/5xx as "Non-2xx or 3xx".
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
    tmp = Path(tempfile.mkdtemp(prefix="bench-api-"))
    database_url = _database_url(tmp)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    env = _env(database_url, API_RATE_LIMIT="1000000000")
    print(
        f"Preparing {engine}: 1,000 stories with bylines, sources, links and tags ...", flush=True
    )
    key = _prepare(env)
    auth = {"Authorization": f"Bearer {key}"}
    port = _free_port()
    server = _serve(env, port)
    base = f"http://127.0.0.1:{port}/api/v1/stories/"
    try:
        first = _first_story(base, auth)
        etag = _get(first, auth).headers["ETag"]
        cases = [
            ("list, 20 stories", base, auth),
            ("list, 100 stories", base + "?limit=100", auth),
            ("one story", first, auth),
            ("one story again (304)", first, {**auth, "If-None-Match": etag}),
        ]
        results = {
            name: _wrk(url, headers, args.seconds, args.connections) for name, url, headers in cases
        }
    finally:
        _stop(server)
    print(
        f"\nbench-api on {engine}: gunicorn 2 sync workers, wrk -t1 -c{args.connections}"
        f" -d{args.seconds}s, 1,000 stories"
    )
    print(f"{'request':<26}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<26}{r['rps']:>8.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>8}")
    shutil.rmtree(tmp, ignore_errors=True)


def _first_story(base: str, headers: dict) -> str:
    """The first listed story's address on this server."""
    story = json.load(_get(base + "?limit=1", headers))["items"][0]
    return base + story["uri"].rstrip("/").rsplit("/", 1)[1] + "/"


if __name__ == "__main__":
    main()
