"""Flood control: limits per IP and per email, counted in the configured cache."""

import os

import pytest
import redis
from django.core.cache import cache, caches

from articles.models import Comment
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("COMMENTS_TEST_REDIS", "redis://127.0.0.1:6379/7")


def _flood_interval_applies(client, article):
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    assert post_comment(client, article, body="First thought on the pier.").status_code == 302
    response = post_comment(client, article, body="Second thought, straight after.")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Please wait 30 seconds between comments." in html
    assert "Second thought, straight after." in html
    assert Comment.objects.count() == 1


def test_second_comment_within_the_interval_is_refused_and_kept(client):
    """A second comment within the interval gets a 429 page that keeps the text."""
    _flood_interval_applies(client, ArticleFactory(published=True))


def test_interval_on_the_email_holds_rather_than_refuses(client):
    """A second comment from the same email within the interval, from elsewhere, is held with
    the reason; the answer is the one any new comment gets, so it tells nothing about the address."""
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    client.defaults["REMOTE_ADDR"] = "192.0.2.1"
    first = post_comment(client, article, body="One.")
    stranger = client.__class__(REMOTE_ADDR="192.0.2.2")
    second = post_comment(stranger, article, body="Two.")
    fresh = client.__class__(REMOTE_ADDR="192.0.2.3")
    unrelated = post_comment(fresh, article, body="Three.", email="jory@quay.example")
    assert first.status_code == second.status_code == unrelated.status_code == 302
    held = Comment.objects.get(body="Two.")
    assert held.status == Comment.Status.PENDING
    assert any(reason.startswith("flood limit for this email address") for reason in held.reasons)
    assert set(second.cookies) == set(unrelated.cookies)


def test_interval_counts_the_ip_across_emails(client):
    """Changing email address does not escape the limit on the same IP."""
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    post_comment(client, article, body="One.")
    response = post_comment(client, article, body="Two.", email="someone.else@harbour.example")
    assert response.status_code == 429


def test_hourly_limit(client):
    """At most M comments an hour from one sender; the next is a 429."""
    moderation_settings(flood_interval_seconds=0, flood_per_hour=3)
    article = ArticleFactory(published=True)
    for n in range(3):
        assert post_comment(client, article, body=f"Comment number {n}.").status_code == 302
    response = post_comment(client, article, body="One too many.")
    assert response.status_code == 429
    assert "At most 3 comments an hour" in response.content.decode()


def test_a_different_sender_is_not_limited(client):
    """The limit is per sender: another reader on another address may comment."""
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    post_comment(client, article, body="One.")
    other = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert post_comment(other, article, body="Two.", email="pol@quay.example").status_code == 302


@pytest.mark.redis
def test_flood_limit_with_redis(client, settings):
    """With Redis as the cache, the limit is shared through Redis (a real server: without one
    the test fails, never skips; make test leaves it out, CI runs it)."""
    redis.Redis.from_url(REDIS_URL).ping()
    location = {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": REDIS_URL}
    prefix = {"KEY_PREFIX": "newsroom-comments-test"}
    settings.CACHES = {
        "default": {**location, **prefix},
        "strict": {**location, **prefix, "OPTIONS": {"strict": True}},
    }
    cache.clear()
    try:
        assert type(caches["strict"]).__name__ == "RedisCache"
        _flood_interval_applies(client, ArticleFactory(published=True))
        keys = redis.Redis.from_url(REDIS_URL).keys("newsroom-comments-test:*comments:flood:*")
        assert keys
    finally:
        cache.clear()


def test_an_ipv6_client_is_limited_by_its_64(client):
    """Two addresses of one IPv6 /64 are one client; another /64 is another."""
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    first = client.__class__(REMOTE_ADDR="2001:db8:5a1:7::1")
    same_64 = client.__class__(REMOTE_ADDR="2001:db8:5a1:7:ffff::2")
    next_64 = client.__class__(REMOTE_ADDR="2001:db8:5a1:8::1")
    assert post_comment(first, article, body="One.").status_code == 302
    refused = post_comment(same_64, article, body="Two.", email="pol@quay.example")
    assert refused.status_code == 429
    allowed = post_comment(next_64, article, body="Three.", email="jory@quay.example")
    assert allowed.status_code == 302


def test_an_unreadable_forwarded_address_is_still_limited(client, settings):
    """`X-Forwarded-For: unknown` is no way around the limit: such clients share one count."""
    settings.NEWSROOM = {**settings.NEWSROOM, "TRUSTED_PROXY_COUNT": 1}
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "unknown"}
    assert post_comment(client.__class__(**proxy), article, body="One.").status_code == 302
    again = post_comment(client.__class__(**proxy), article, body="Two.", email="p@q.example")
    assert again.status_code == 429
    assert Comment.objects.get().ip_address is None
