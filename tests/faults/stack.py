"""Newsroom as production runs it, on this machine only: its own Redis, its own PostgreSQL
cluster and two gunicorn app servers, each on a free loopback port, each killed, frozen
and restarted on demand.

Nothing here touches the machine's own PostgreSQL or Redis services: every
server is started from its binary with a data directory in a temporary folder
and a port the kernel handed out, and only those processes are signalled.
"""

from __future__ import annotations

import glob
import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class StackUnavailable(Exception):
    """A binary the stack needs is not installed; the message says which and how to get it."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(check, what: str, timeout: float = 30.0) -> float:
    """Poll ``check`` until it is true; the seconds it took. Raises after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if check():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def _signal_group(process: subprocess.Popen | None, signum: int) -> None:
    if process is not None and _group_alive(process.pid):
        os.killpg(process.pid, signum)


def _spawn(args: list[str], log: Path, **kwargs) -> subprocess.Popen:
    """Start a server in its own process group, its output appended to ``log``."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        return subprocess.Popen(
            args, stdout=fd, stderr=fd, stdin=subprocess.DEVNULL, start_new_session=True, **kwargs
        )
    finally:
        os.close(fd)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Redis:
    def __init__(self, folder: Path):
        if not os.access(REDIS_SERVER, os.X_OK):
            raise StackUnavailable(
                f"redis-server not found at {REDIS_SERVER}: apt-get install redis-server"
            )
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = _spawn(
            [
                REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.folder),
                "--loglevel", "warning",
            ],
            self.folder / "redis.log",
        )  # fmt: skip
        _wait_for(self.answers, "redis-server")

    def answers(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")

    def kill(self) -> None:
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        _signal_group(self.process, signal.SIGSTOP)

    def thaw(self) -> None:
        _signal_group(self.process, signal.SIGCONT)

    def stop(self) -> None:
        self.thaw()
        _signal_group(self.process, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: p.split("/")[4])
    if not found:
        raise StackUnavailable(
            "PostgreSQL's server binaries are missing (/usr/lib/postgresql/*/bin): "
            "apt-get install postgresql"
        )
    return Path(found[-1]).parent


class Postgres:
    """A throwaway cluster: trust authentication on loopback, fsync off, in a temporary folder.

    As root, PostgreSQL must run as an ordinary user: the cluster belongs to
    the ``postgres`` account the Debian package created.
    """

    def __init__(self, folder: Path):
        self.bin = _postgres_bin()
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                raise StackUnavailable(
                    "Running as root, PostgreSQL needs the 'postgres' account."
                ) from None
            os.chown(folder, self.user.pw_uid, self.user.pw_gid)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/newsroom"

    def _run_as_owner(self) -> dict:
        return {"user": self.user.pw_uid, "group": self.user.pw_gid} if self.user else {}

    def create(self) -> None:
        subprocess.run(
            [
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync",
            ],
            check=True,
            capture_output=True,
            cwd=self.folder,
            **self._run_as_owner(),
        )  # fmt: skip
        self.start()
        import psycopg

        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE newsroom")

    def start(self) -> None:
        self.process = _spawn(
            [
                str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port),
                "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.folder}",
                "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=60",
            ],
            self.folder / "postgres.log",
            cwd=self.folder,
            **self._run_as_owner(),
        )  # fmt: skip
        _wait_for(self.answers, "PostgreSQL")

    def answers(self) -> bool:
        import psycopg

        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        try:
            with psycopg.connect(admin, connect_timeout=1):
                return True
        except psycopg.OperationalError:
            return False

    def kill(self) -> None:
        """As a crash: every PostgreSQL process at once, no shutdown."""
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)
        _wait_for(lambda: not _group_alive(self.process.pid), "the killed PostgreSQL's children")

    def stop(self) -> None:
        _signal_group(self.process, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)


@dataclass
class Answer:
    status: int  # 0 when no HTTP answer came (refused, reset, timed out)
    headers: dict
    body: str
    error: str = ""


def request(
    port: int, method: str, path: str, *, body: str = "", headers=None, timeout=5.0
) -> Answer:
    """One plain HTTP request to an app server, no redirects followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, text)
    except (OSError, http.client.HTTPException) as error:
        return Answer(0, {}, "", f"{type(error).__name__}: {error}")
    finally:
        conn.close()


class AppServer:
    """gunicorn serving Newsroom with DEBUG off, as in production."""

    def __init__(self, folder: Path, name: str, env: dict):
        self.port = free_port()
        self.env = env
        self.log = folder / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = _spawn(
            [
                PYTHON, "-m", "gunicorn", "newsroom.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                "--timeout", "30", "--graceful-timeout", "2", "--log-level", "warning",
            ],
            self.log,
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        _wait_for(lambda: request(self.port, "GET", "/robots.txt").status == 200, "gunicorn")

    def kill(self) -> None:
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        _signal_group(self.process, signal.SIGTERM)
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=10)


# A reader whose post met an outage sends it again at once; the limit between
# two comments from one client is one second here so that resending is quick.
_QUICK_RESEND = (
    "from articles.models import ModerationSettings; "
    "rules = ModerationSettings.load(); rules.flood_interval_seconds = 1; rules.save()"
)


class Stack:
    """Redis, PostgreSQL and two app servers sharing them, with the demo stories loaded."""

    def __init__(self, folder: Path, *, secret_key: str):
        self.folder = folder
        self.secret_key = secret_key
        folder.chmod(0o755)  # PostgreSQL's own account must reach its folder inside
        (folder / "pg").mkdir()
        self.redis = Redis(folder)
        self.postgres = Postgres(folder / "pg")
        self.apps: list[AppServer] = []

    def env(self, **extra) -> dict:
        unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST"}
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env.update(
            DATABASE_URL=self.postgres.url,
            CACHE_URL=self.redis.url,
            SECRET_KEY=self.secret_key,
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            TRUSTED_PROXY_COUNT="1",
            LOG_LEVEL="WARNING",
            DJANGO_SETTINGS_MODULE="newsroom.settings",
        )
        env.update(extra)
        return env

    def start(self, *, app_env=None) -> None:
        self.redis.start()
        self.postgres.create()
        env = self.env(**(app_env or {}))
        for command in (
            ["manage.py", "migrate", "--noinput", "-v0"],
            ["manage.py", "collectstatic", "--noinput", "-v0"],
            ["manage.py", "load_demo", "--allow-production"],
            ["manage.py", "shell", "-c", _QUICK_RESEND],
        ):
            subprocess.run([PYTHON, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        self.apps = [AppServer(self.folder, name, env) for name in ("app-a", "app-b")]
        for app in self.apps:
            app.start()

    def sql(self, query: str, params=()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.postgres.url, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()

    def stop(self) -> None:
        for app in self.apps:
            app.stop()
        self.redis.stop()
        self.postgres.stop()
