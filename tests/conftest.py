import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the real configured one)."""
    cache.clear()
    yield
    cache.clear()


def pytest_configure(config):
    """Test-only settings, applied before any server (the browser tests' too) starts.

    Plain HTTP for the test client and live server (TLS is the proxy's job),
    unhashed static files (collectstatic is a deployment step), fast hashing.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
