"""With a read replica, every reader query goes to it; writes and transactions stay on the primary."""

import pytest
from django.db import connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Comment
from newsroom.routers import ReplicaRouter
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, full_story

REPLICA_ROUTER = override_settings(DATABASE_ROUTERS=["newsroom.routers.ReplicaRouter"])


def test_the_router_reads_from_the_replica_outside_a_transaction_only():
    """Reads go to the replica, except inside a transaction on the primary, which may need its
    own writes or row locks; writes and migrations are the primary's."""
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "replica"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary():
    """A desk save or a moderation decision reads where it writes."""
    with transaction.atomic():
        assert ReplicaRouter().db_for_read(Article) == "default"


@REPLICA_ROUTER
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_every_reader_page_reads_from_the_replica(client, settings):
    """Article (with comments), front, section, author, tag and search pages, feeds and
    sitemaps: every query goes to the replica, none to the primary. (In the tests the replica
    alias mirrors the test database; its own connection proves the routing.)"""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    article = full_story(comments=3)
    byline = article.bylines.first()
    urls = [
        article.get_absolute_url(),
        article.get_absolute_url() + "?cpage=1&replyto=1",
        "/",
        article.section.get_absolute_url(),
        byline.author.get_absolute_url(),
        "/search/?q=harbour",
        "/feeds/rss/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]
    for url in urls:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            assert client.get(url).status_code == 200, url
        assert replica.captured_queries, url
        assert not primary.captured_queries, (url, primary.captured_queries)


@REPLICA_ROUTER
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_comment_is_written_to_the_primary(client):
    """Posting a comment writes to the primary (the replica only ever reads)."""
    moderation_settings()
    article = ArticleFactory(published=True)
    with CaptureQueriesContext(connections["default"]) as primary:
        assert post_comment(client, article).status_code == 302
    assert any(q["sql"].startswith("INSERT") for q in primary.captured_queries)
    assert Comment.objects.using("default").filter(article=article).count() == 1
