"""The desk home: the admin's index, branded, with what waits for each role."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def test_home_is_branded_with_the_site_name(client, editor, settings):
    """The header says the publication's name, not "Django administration"."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_NAME": "The Saltmere Gazette"}
    client.force_login(editor)
    page = client.get(HOME).content.decode()
    assert "The Saltmere Gazette desk" in page
    assert "Django administration" not in page


def test_editor_sees_the_four_story_panels(client, editor, reporter):
    """My drafts, waiting for review, scheduled and recently published, each with its count."""
    now = timezone.now()
    ArticleFactory(headline="Edna's own draft", created_by=editor)
    ArticleFactory(headline="Someone else's draft", created_by=reporter)
    ArticleFactory(headline="Ray's ferry story", status="review", created_by=reporter)
    ArticleFactory(
        headline="Regatta preview",
        status="published",
        published_at=now + dt.timedelta(days=1),
    )
    ArticleFactory(headline="Pier reopens", published=True)
    client.force_login(editor)
    page = client.get(HOME).content.decode()
    drafts = page[page.index("My drafts") : page.index("Waiting for review")]
    assert "Edna&#x27;s own draft" in drafts
    assert "Someone else" not in drafts
    review = page[page.index("Waiting for review") : page.index('id="panel-scheduled"')]
    assert "Ray&#x27;s ferry story" in review
    scheduled = page[page.index('id="panel-scheduled"') : page.index("Recently published")]
    assert "Regatta preview" in scheduled
    assert "Pier reopens" in page[page.index("Recently published") :]
    assert reverse("admin:articles_article_import") in page
    assert "Comments waiting" not in page


def test_reporter_sees_only_their_own_stories(client, reporter, editor):
    """A reporter's panels hold their own stories, never another reporter's."""
    ArticleFactory(headline="Ray's draft", created_by=reporter)
    ArticleFactory(headline="Edna's review piece", status="review", created_by=editor)
    client.force_login(reporter)
    page = client.get(HOME).content.decode()
    assert "Ray&#x27;s draft" in page
    assert "Edna&#x27;s review piece" not in page


def test_moderator_sees_comments_waiting_and_no_stories(client, moderator):
    """A moderator's home shows the pending comments, oldest first, and a way into the queue."""
    CommentFactory(status="pending", body="Is the slipway open?")
    CommentFactory(status="approved", body="Lovely photos.")
    client.force_login(moderator)
    page = client.get(HOME).content.decode()
    assert "Comments waiting" in page
    assert "Is the slipway open?" in page
    assert "Lovely photos." not in page
    assert "My drafts" not in page
    assert reverse("admin:articles_comment_changelist") in page


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def _grow(n: int, editor) -> None:
    now = timezone.now()
    statuses = ["draft", "review", "published"]
    Article.objects.bulk_create(
        Article(
            headline=f"Saltmere story {i}",
            slug=f"saltmere-story-{i}",
            status=statuses[i % 3],
            published_at=now - dt.timedelta(hours=i) if i % 3 == 2 else None,
            created_by=editor,
        )
        for i in range(Article.objects.count(), n)
    )


def test_home_queries_do_not_grow_with_articles(client, editor, moderator):
    """The desk home costs the same number of queries for 10 stories as for 1,000."""
    editor.groups.add(*moderator.groups.all())
    client.force_login(editor)
    _grow(10, editor)
    CommentFactory.create_batch(3, status="pending")
    small = _home_queries(client)
    _grow(1000, editor)
    CommentFactory.create_batch(30, status="pending")
    assert _home_queries(client) == small
