"""A comment thread is paginated in the database: a page costs the same for 5,000 comments as for 60."""

import contextlib

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from articles.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _comments(article, threads: int) -> None:
    """``threads`` approved comments, every tenth answered by an approved reply."""
    roots = Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Reader {n}",
            author_email=f"reader{n}@saltmere.example",
            body=f"Comment {n:04d} on the harbour wall.",
            status=Comment.Status.APPROVED,
            content_hash=f"{article.pk}-root-{n}",
        )
        for n in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=root,
            author_name="Harbour master",
            author_email="master@saltmere.example",
            body=f"A reply to comment {n:04d}.",
            status=Comment.Status.APPROVED,
            content_hash=f"{article.pk}-reply-{n}",
        )
        for n, root in enumerate(roots)
        if n % 10 == 0
    )


@contextlib.contextmanager
def _comments_built():
    """Counts the Comment objects made while it is open: the rows read into memory."""
    built = []

    def count(sender, **kwargs):
        built.append(1)

    post_init.connect(count, sender=Comment)
    try:
        yield built
    finally:
        post_init.disconnect(count, sender=Comment)


def _read(client, url) -> tuple[str, int, int]:
    cache.clear()
    caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as queries, _comments_built() as built:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries), len(built)


def test_the_first_page_of_5000_comments_costs_what_60_do(client, settings):
    """Fifty threads and their replies are read, in as many queries, whether the story has 60
    comments or 5,000: the page is cut in SQL, never in Python."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    quiet, busy = ArticleFactory(published=True), ArticleFactory(published=True)
    _comments(quiet, 60)
    _comments(busy, 5000)
    _, quiet_queries, quiet_rows = _read(client, quiet.get_absolute_url())
    html, busy_queries, busy_rows = _read(client, busy.get_absolute_url())
    assert busy_queries == quiet_queries
    assert busy_rows == quiet_rows == 50 + 5
    assert "Comments (5500)" in html
    assert "Comment 0049 on" in html and "Comment 0050 on" not in html
    assert html.count('class="comment-replies"') == 5
    assert '<a href="?cpage=100#comments">100</a>' in html
    last, last_queries, last_rows = _read(client, busy.get_absolute_url() + "?cpage=last")
    assert last_queries == busy_queries and last_rows == 50 + 5
    assert "Comment 4999 on" in last and "Comment 4949 on" not in last
    assert '<span aria-current="page">100</span>' in last
