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


def test_interval_counts_the_email_across_addresses(client):
    """Changing IP address does not escape the limit on the same email."""
    moderation_settings(flood_interval_seconds=30, flood_per_hour=0)
    article = ArticleFactory(published=True)
    client.defaults["REMOTE_ADDR"] = "192.0.2.1"
    post_comment(client, article, body="One.")
    client.defaults["REMOTE_ADDR"] = "192.0.2.2"
    assert post_comment(client, article, body="Two.").status_code == 429


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


def test_flood_limit_with_redis(client, settings):
    """With Redis as the cache, the limit is shared through Redis (a real server, never skipped)."""
    redis.Redis.from_url(REDIS_URL).ping()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-comments-test",
        }
    }
    cache.clear()
    try:
        assert type(caches["default"]).__name__ == "RedisCache"
        _flood_interval_applies(client, ArticleFactory(published=True))
        keys = redis.Redis.from_url(REDIS_URL).keys("newsroom-comments-test:*comments:flood:*")
        assert keys
    finally:
        cache.clear()
