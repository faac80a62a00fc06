import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the real configured one)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast password hashing, and plain HTTP for the test client (TLS is the proxy's job)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    # collectstatic is a deployment step; tests read static files unhashed.
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
