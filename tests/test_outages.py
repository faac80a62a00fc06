"""With Redis or the database away, readers get pages or a clear 503, and nothing is lost.

The cache is pointed at a real Redis address where nothing answers: a closed
port (Redis stopped) or a socket that accepts and never replies (Redis
frozen). The database is made unreachable by pointing the connection at a
place where it cannot open. The fault-test suite (``-m faults``) does the same
to real servers under two app servers.
"""

import contextlib
import logging
import socket

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.caching import versions_read
from articles.models import Article, Comment, CommentReport
from articles.services.flood import NOT_COUNTED
from newsroom.cache import CacheUnavailable
from tests.comments_support import form_data, moderation_settings, post_comment
from tests.factories import ArticleFactory, BylineFactory, CommentFactory, full_story
from tests.test_admin_desk import change_data

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _point_cache_at(settings, location: str) -> None:
    backend = {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": location}
    settings.CACHES = {"default": backend, "strict": {**backend, "OPTIONS": {"strict": True}}}


@pytest.fixture
def redis_stopped(settings):
    """The cache is a Redis address that refuses connections."""
    _point_cache_at(settings, f"redis://127.0.0.1:{_free_port()}/0")


@pytest.fixture
def redis_frozen(settings):
    """The cache is a Redis address that accepts connections and never answers (SIGSTOP)."""
    with socket.socket() as frozen:
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(64)
        _point_cache_at(settings, f"redis://127.0.0.1:{frozen.getsockname()[1]}/0")
        yield


@contextlib.contextmanager
def database_away():
    """The default connection cannot open: a SQLite file in no folder, or a closed port."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/newsroom.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


# The cache backend on its own


def test_a_stopped_cache_answers_misses_and_drops_writes(redis_stopped, caplog):
    """Reads miss, writes are dropped, incr raises as for a missing key; the failure is logged."""
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        assert cache.get("front", "miss") == "miss"
        assert cache.set("front", "page") is None
        assert cache.add("front", "page") is False
        assert cache.get_many(["a", "b"]) == {}
        with pytest.raises(ValueError):
            cache.incr("generation")
    assert "Cache get failed" in caplog.text


def test_the_strict_alias_says_the_cache_is_unavailable(redis_stopped):
    """Callers that must know get CacheUnavailable instead of a miss."""
    with pytest.raises(CacheUnavailable):
        caches["strict"].add("comments:flood:gap", 1)


def test_after_a_failure_the_cache_is_left_alone_for_a_moment(redis_frozen, caplog):
    """A frozen Redis costs one timeout, not one per call: the calls that follow skip it."""
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        for _ in range(5):
            assert cache.get("front") is None
    assert caplog.text.count("Cache get failed") == 1
    assert "TimeoutError" in caplog.text


# Readers and writers with Redis stopped or frozen


@pytest.mark.parametrize("outage", ["redis_stopped", "redis_frozen"])
def test_readers_get_every_page_while_the_cache_is_away(client, outage, request):
    """Front, article, section and search pages are served, uncached, never a 500."""
    article = full_story(comments=2)
    request.getfixturevalue(outage)
    for url in ("/", article.get_absolute_url(), article.section.get_absolute_url(), "/search/"):
        response = client.get(url, {"q": "harbour"} if url == "/search/" else {})
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response


def test_a_comment_that_cannot_be_counted_is_held_with_the_reason(client, redis_stopped):
    """The flood limits cannot count: the comment is stored and held, not refused or published."""
    moderation_settings(
        flood_interval_seconds=15, flood_per_hour=20, premoderate_new_commenters=False
    )
    article = ArticleFactory(published=True)
    response = post_comment(client, article, body="The tide came over the quay at noon.")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert NOT_COUNTED in comment.reasons
    page = client.get(response["Location"]).content.decode()
    assert "awaiting moderation" in page


def test_a_report_is_stored_while_the_cache_is_away(client, redis_stopped):
    """Without the cache to deduplicate reports, the report is kept rather than dropped."""
    comment = CommentFactory()
    url = reverse("articles:comment_report", args=[comment.pk])
    assert client.post(url, {"reason": "abuse", "detail": ""}).status_code == 302
    assert CommentReport.objects.filter(comment=comment).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_editor_publish_succeeds_and_says_so_while_the_cache_is_away(redis_stopped, caplog):
    """The publish commits and redirects; the invalidation that failed is logged, owed, and
    made once the cache answers again."""
    from tests.factories import UserFactory

    editor = UserFactory(username="edna", groups=["Editors"])
    article = ArticleFactory(headline="Lifeboat named after the harbour master")
    BylineFactory(article=article)
    client = Client()
    client.force_login(editor)
    publish = reverse("admin:articles_article_publish", args=[article.pk])
    with caplog.at_level(logging.ERROR, logger="articles.caching"):
        response = client.post(publish, {"action": "publish"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert "Public cache not invalidated" in caplog.text


def test_an_invalidation_owed_is_made_when_the_cache_answers(settings):
    """After a failed renewal, this process renews the version before it next reads one."""
    from articles.caching import versions_bump

    before = versions_read(["front"])["front"]
    location = settings.CACHES
    _point_cache_at(settings, f"redis://127.0.0.1:{_free_port()}/0")
    versions_bump(["front"])
    settings.CACHES = location
    renewed = versions_read(["front"])["front"]
    assert renewed != before
    assert versions_read(["front"])["front"] == renewed


# The database away


@pytest.mark.django_db(transaction=True)
def test_a_reader_gets_a_503_with_retry_after_while_the_database_is_away():
    """No database: a 503 in the site's design that says so, with Retry-After, no 500."""
    article = ArticleFactory(published=True)
    url = article.get_absolute_url()
    reader = Client(raise_request_exception=False)
    with database_away():
        response = reader.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "briefly unavailable" in html
    assert "css/site.css" in html


@pytest.mark.django_db(transaction=True)
def test_a_page_cached_before_the_outage_is_still_served():
    """The page cache needs no database: a page read just before is served during the outage."""
    article = ArticleFactory(published=True)
    reader = Client(raise_request_exception=False)
    assert reader.get(article.get_absolute_url()).status_code == 200
    with database_away():
        response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_comment_refused_by_the_outage_comes_back_with_its_text():
    """The reader's words come back in a form that sends them again, escaped."""
    moderation_settings()
    article = ArticleFactory(published=True)
    data = form_data(article, body='The wall <held> & the "quay" flooded.', name="Jory Rowe")
    reader = Client(raise_request_exception=False)
    with database_away():
        response = reader.post(reverse("articles:comment_post", args=[article.pk]), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "The wall &lt;held&gt; &amp; the &quot;quay&quot; flooded." in html
    assert 'value="Jory Rowe"' in html
    assert f'action="{reverse("articles:comment_post", args=[article.pk])}"' in html
    assert not Comment.objects.exists()
    resent = reader.post(reverse("articles:comment_post", args=[article.pk]), data)
    assert resent.status_code == 302
    assert Comment.objects.get().body == data["body"]


@pytest.mark.django_db(transaction=True)
def test_an_editor_gets_a_503_not_a_500_while_the_database_is_away():
    """The desk answers 503 too, whatever part of the request met the outage."""
    from tests.factories import UserFactory

    editor = UserFactory(username="edna", groups=["Editors"])
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url, data = reverse("admin:articles_article_change", args=[article.pk]), change_data(article)
    with database_away():
        response = client.post(url, data)
    assert response.status_code == 503
    assert "Retry-After" in response
