import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache, caches

from tests.cleaner_fakes import fake_10a  # noqa: F401  (a fixture for every test module)


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
