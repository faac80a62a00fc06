"""Partners' tokens: required, refused when unknown or revoked, limited per token, never kept in clear."""

import hashlib
from types import SimpleNamespace

import pytest
from django.db import connection

from articles.api import throttling
from articles.models import ApiToken
from articles.services.api_tokens import api_token_revoke
from tests.api_support import LIST, api_get, detail_url, token_make
from tests.factories import ArticleFactory
from tests.test_outages import database_away, redis_stopped  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

# The middle of a minute on the clock: no window turns while a test counts.
MID_MINUTE = 1_800_000_030.0


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, held still."""
    now = SimpleNamespace(value=MID_MINUTE)
    monkeypatch.setattr(throttling, "time", SimpleNamespace(time=lambda: now.value))
    return now


def test_every_api_address_needs_a_token(client):
    """No token: 401 with a JSON message saying how to send one, and a Bearer challenge."""
    article = ArticleFactory(published=True)
    for url in (LIST, detail_url(article.pk), detail_url(article.pk + 1)):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        error = response.json()
        assert error["error"] == "unauthorized"
        assert "Authorization: Bearer" in error["message"]
        assert article.headline not in response.content.decode()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nr_not-a-token-this-site-made",
        "Bearer " + "x" * 5000,
        "Basic dXNlcjpwYXNz",
        "Bearer",
    ],
)
def test_a_wrong_token_or_scheme_is_a_401(client, header):
    """A made-up, oversized or empty token, or another scheme, is refused with a message."""
    token_make()
    response = client.get(LIST, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["message"]


def test_a_revoked_token_stops_working_at_once(client, editor):
    """The request after the revocation is a 401 that says the token was revoked."""
    key = token_make()
    assert api_get(client, LIST, key).status_code == 200
    api_token_revoke(token=ApiToken.objects.get(), user=editor)
    response = api_get(client, LIST, key)
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_tokens_are_stored_only_as_a_hash(client):
    """No column of the tokens table holds the token; its SHA-256 is what is kept."""
    key = token_make()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert not any(key in str(value) for value in rows[0])
    assert ApiToken.objects.get().key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert api_get(client, LIST, key).status_code == 200


def test_use_is_noted_for_the_desk(client):
    """A token's last use is recorded, so editors can see which partners still call."""
    key = token_make()
    assert ApiToken.objects.get().last_used_at is None
    api_get(client, LIST, key)
    assert ApiToken.objects.get().last_used_at is not None


def test_past_its_rate_limit_a_token_gets_429_with_retry_after(client, clock):
    """The request over the limit is a 429 with Retry-After until the minute turns; others still pass."""
    key = token_make(rate_limit=3)
    other = token_make(partner="Quay FM")
    for _ in range(3):
        assert api_get(client, LIST, key).status_code == 200
    response = api_get(client, LIST, key)
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert response.json()["error"] == "rate_limited"
    assert api_get(client, LIST, other).status_code == 200
    clock.value += 30
    assert api_get(client, LIST, key).status_code == 200


def test_the_site_wide_limit_applies_to_a_token_without_its_own(client, clock, settings):
    """API_RATE_LIMIT is the limit of every token the desk gave no limit of its own."""
    settings.NEWSROOM = {**settings.NEWSROOM, "API_RATE_LIMIT": 2}
    key = token_make()
    assert [api_get(client, LIST, key).status_code for _ in range(3)] == [200, 200, 429]


def test_with_the_cache_away_the_api_still_answers(client, redis_stopped, clock):  # noqa: F811
    """Nothing can be counted, so nothing is refused: the cache is an accelerator, not a dependency."""
    key = token_make(rate_limit=1)
    article = ArticleFactory(published=True)
    for _ in range(3):
        assert api_get(client, detail_url(article.pk), key).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_with_the_database_away_the_api_answers_503_in_json(client):
    """An outage is a 503 with Retry-After and a JSON message, not the site's HTML page."""
    key = token_make()
    with database_away():
        response = api_get(client, LIST, key)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["error"] == "unavailable"
