"""Two app servers under load, steady and through outages: ``make bench-faults``.

Starts the fault suite's stack (tests/faults/stack.py): its own redis-server
and PostgreSQL cluster on free loopback ports, the demo stories, and two
gunicorn servers with 2 sync workers each, DEBUG off. Then measures:

1. the article page from the page cache, on both servers at once (wrk);
2. the same page uncached (PAGE_CACHE_SECONDS=0), on both servers (wrk);
3. comments posted concurrently to both servers (Python clients, each
   comment from its own address so the flood limits do not refuse it);
4. pages and comments together while Redis, then PostgreSQL, is killed and
   restarted, with every answer counted by status.

Prints requests/s, p50/p99 latency and error counts for each.
"""

import argparse
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SECRET_KEY = "bench-faults-only-key-not-for-production-0123456789abcdef"
os.environ.update(DJANGO_SETTINGS_MODULE="newsroom.settings", SECRET_KEY=SECRET_KEY)

import django  # noqa: E402

django.setup()

from articles.forms import form_timestamp  # noqa: E402
from tests.faults.stack import AppServer, Stack, StackUnavailable, request  # noqa: E402

_serial = itertools.count(1)


def _wrk(port: int, path: str, seconds: int, connections: int) -> str:
    return subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _both_servers_wrk(apps, path: str, seconds: int, connections: int) -> dict:
    """wrk on each server at the same time; requests/s added up, the slower latencies kept."""
    outputs = [None, None]

    def run(index):
        outputs[index] = _wrk(apps[index].port, path, seconds, connections)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row = {"requests": 0, "rps": 0.0, "p50": 0.0, "p99": 0.0, "errors": 0}
    for out in outputs:
        row["requests"] += int(re.search(r"(\d+) requests in", out).group(1))
        row["rps"] += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        row["p50"] = max(row["p50"], _ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)))
        row["p99"] = max(row["p99"], _ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)))
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        sockets = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        )
        row["errors"] += int(non_2xx.group(1)) if non_2xx else 0
        row["errors"] += sum(int(n) for n in sockets.groups()) if sockets else 0
    return row


class Tally:
    """Every answer of a Python load run: status counts and latencies."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[int, int] = {}
        self.latencies: list[float] = []

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(seconds * 1000)

    def row(self, elapsed: float) -> dict:
        lat = sorted(self.latencies)
        total = len(lat)
        ok = sum(n for s, n in self.statuses.items() if 200 <= s < 400)
        return {
            "requests": total,
            "rps": total / elapsed,
            "p50": statistics.median(lat) if lat else 0.0,
            "p99": lat[min(total - 1, int(total * 0.99))] if lat else 0.0,
            "ok": ok,
            "429": self.statuses.get(429, 0),
            "503": self.statuses.get(503, 0),
            "500": sum(n for s, n in self.statuses.items() if s >= 500 and s != 503),
            "none": self.statuses.get(0, 0),
        }


def _post_comment(port: int, article_id: int) -> int:
    n = next(_serial)
    token = uuid.uuid4().hex[:10]
    form = {
        "name": "Morwenna Pascoe",
        "email": f"bench-{token}@harbour.example",
        "url": "",
        "body": f"bench-{token}: the quay flooded at high tide ({n}).",
        "timestamp": form_timestamp(article_id=article_id, now=time.time() - 30),
        "subject": "",
    }
    answer = request(
        port,
        "POST",
        f"/comments/post/{article_id}/",
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": f"2001:db8:{n:x}::1",
        },
        timeout=10.0,
    )
    return answer.status


def _load(
    apps, seconds: float, *, article: tuple[str, int], readers: int, posters: int, during=None
) -> tuple[dict, dict]:
    """Readers fetch the article, posters send comments, both to alternating servers."""
    pages, comments = Tally(), Tally()
    stop = threading.Event()
    path, article_id = article

    def reader(n):
        for app in itertools.cycle(apps[n % 2 :] + apps[: n % 2]):
            if stop.is_set():
                return
            start = time.monotonic()
            pages.add(request(app.port, "GET", path, timeout=10.0).status, time.monotonic() - start)

    def poster(n):
        for app in itertools.cycle(apps[n % 2 :] + apps[: n % 2]):
            if stop.is_set():
                return
            start = time.monotonic()
            comments.add(_post_comment(app.port, article_id), time.monotonic() - start)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    threads += [threading.Thread(target=poster, args=(n,)) for n in range(posters)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        if during is not None:
            during()
        remaining = seconds - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    elapsed = time.monotonic() - started
    return pages.row(elapsed), comments.row(elapsed)


def _outages(stack):
    def run():
        time.sleep(2)
        stack.redis.kill()
        time.sleep(3)
        stack.redis.start()
        time.sleep(2)
        stack.postgres.kill()
        time.sleep(3)
        stack.postgres.start()
        time.sleep(2)

    return run


def _restart_apps(stack, **env) -> None:
    for app in stack.apps:
        app.stop()
    stack.apps = [AppServer(stack.folder, f"app-{i}", stack.env(**env)) for i in range(2)]
    for app in stack.apps:
        app.start()


def _article(stack) -> tuple[str, int]:
    front = request(stack.apps[0].port, "GET", "/")
    path = re.search(r'href="(/\d{4}/\d{1,2}/\d{1,2}/[\w-]+/)"', front.body).group(1)
    page = request(stack.apps[0].port, "GET", path)
    return path, int(re.search(r'action="/comments/post/(\d+)/"', page.body).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4, help="wrk connections per server")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    folder = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    try:
        stack = Stack(folder, secret_key=SECRET_KEY)
    except StackUnavailable as missing:
        sys.exit(str(missing))
    print("Starting Redis, PostgreSQL and two app servers with the demo stories ...", flush=True)
    rows: dict[str, dict] = {}
    try:
        stack.start()
        article = _article(stack)
        for app in stack.apps:
            for _ in range(4):
                request(app.port, "GET", article[0])
        rows["article, cached (wrk)"] = _both_servers_wrk(
            stack.apps, article[0], args.seconds, args.connections
        )
        _restart_apps(stack, PAGE_CACHE_SECONDS="0")
        rows["article, uncached (wrk)"] = _both_servers_wrk(
            stack.apps, article[0], args.seconds, args.connections
        )
        _restart_apps(stack)
        _pages, rows["comments, 4 posters"] = _load(
            stack.apps, args.seconds, article=article, readers=0, posters=4
        )
        pages, posts = _load(
            stack.apps, 12, article=article, readers=4, posters=2, during=_outages(stack)
        )
        rows["article, Redis then PostgreSQL killed"] = pages
        rows["comments, Redis then PostgreSQL killed"] = posts
        stored = stack.sql("SELECT count(*) FROM articles_comment WHERE body LIKE 'bench-%%'")[0][0]
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)
    _report(rows, args, stored)


def _report(rows: dict, args, stored: int) -> None:
    print(
        f"\nbench-faults: 2 gunicorn servers x 2 sync workers, DEBUG off, own Redis and PostgreSQL;"
        f" wrk -t1 -c{args.connections} -d{args.seconds}s on each server at once"
    )
    print(
        f"{'':<40}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>9}{'2xx/3xx':>8}{'429':>5}{'503':>6}{'5xx':>5}{'none':>6}{'errors':>8}"
    )
    for name, r in rows.items():
        if "ok" in r:
            print(
                f"{name:<40}{r['requests']:>9}{r['rps']:>8.0f}{r['p50']:>8.1f}{r['p99']:>9.1f}"
                f"{r['ok']:>8}{r['429']:>5}{r['503']:>6}{r['500']:>5}{r['none']:>6}{'':>8}"
            )
        else:
            print(
                f"{name:<40}{r['requests']:>9}{r['rps']:>8.0f}{r['p50']:>8.1f}{r['p99']:>9.1f}"
                f"{'':>8}{'':>5}{'':>6}{'':>5}{'':>6}{r['errors']:>8}"
            )
    accepted = sum(r["ok"] for name, r in rows.items() if name.startswith("comments"))
    print(
        f"\ncomments answered 302: {accepted}; bench comments stored: {stored}"
        " (a comment answered 503 or not at all may or may not be stored; none is stored twice)"
    )
    print("5xx other than 503, and 'none' (no HTTP answer), should be 0 for readers.")


if __name__ == "__main__":
    main()
