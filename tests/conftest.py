import functools
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache, caches

from tests.cleaner_training import write_pages


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches (the real configured one, and the fragments')."""
    cache.clear()
    caches["template_fragments"].clear()
    yield
    cache.clear()


def pytest_configure(config):
    """Test-only settings, applied before any server (the browser tests' too) starts.

    Plain HTTP for the test client and live server (TLS is the proxy's job),
    unhashed static files (collectstatic is a deployment step), fast hashing,
    uploaded images in a temporary folder that the live server serves, on
    SQLite a test database in a file, and a "replica" alias that mirrors the
    test database (``TEST: MIRROR``) for the read replica's router tests;
    nothing else routes to it.
    """
    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
    settings.MEDIA_SERVE = True
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # A file rather than SQLite's shared in-memory database, whose table
        # locks fail at once instead of waiting: the race tests write from
        # several threads, as gunicorn's workers do.
        folder = Path(tempfile.mkdtemp(prefix="newsroom-tests-"))
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
    settings.DATABASES.setdefault("replica", {**database, "TEST": {"MIRROR": "default"}})


def pytest_unconfigure(config):
    from django.conf import settings

    if "newsroom-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(username="edna", groups=["Editors"])


@pytest.fixture
def reporter(db):
    from tests.factories import UserFactory

    return UserFactory(username="ray", groups=["Reporters"])


@pytest.fixture
def moderator(db):
    from tests.factories import UserFactory

    return UserFactory(username="mo", groups=["Moderators"])


@pytest.fixture
def wire():
    """A wire service on 127.0.0.1 (tests/wire_server.py), stopped after the test."""
    from tests.wire_server import WireServer

    server = WireServer().start()
    yield server
    server.stop()


@pytest.fixture
def wire_settings(settings):
    """The wire tests' limits: the local server's address allowed, a one-second timeout,
    no interval between requests to one host."""
    settings.INGEST = {
        **settings.INGEST,
        "ALLOW_ADDRESSES": ["127.0.0.1/32"],
        "HOST_INTERVAL": 0,
        "FETCH_TIMEOUT": 1.0,
        "RETRY_SECONDS": 1,
    }
    return settings.INGEST


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Call a service and run the tasks it queued once its transaction commits (with no
    broker, Celery runs them in this process, as in ``make run``)."""

    def run(function, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture(scope="session")
def small_zyte(tmp_path_factory):
    """A small corpus laid out like the Zyte one (``tests/cleaner_training.py``)."""
    return write_pages(tmp_path_factory.mktemp("zyte"))


@pytest.fixture(scope="session")
def small_model(small_zyte):
    """The real trainer's report on the small corpus alone, with no newsroom labels."""
    from articles.cleaning.train import train_model

    return train_model(zyte=small_zyte, corpus=None, seed=7)


@pytest.fixture
def small_training(small_zyte, monkeypatch):
    """``train_cleaner`` runs the real trainer on the small corpus alone: seconds, not the
    minutes the Zyte pages and ``tests/corpus`` take."""
    from articles.cleaning import train

    monkeypatch.setenv("NEWSROOM_ZYTE_CORPUS", str(small_zyte))
    monkeypatch.setattr(train, "train_model", functools.partial(train.train_model, corpus=None))
