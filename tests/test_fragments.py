"""Fragments: a story, its comment thread and the sections bar cached apart, keyed by what they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Comment
from articles.services.desk import article_save
from articles.services.moderation import comment_approve
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CitationFactory,
    CommentFactory,
    UserFactory,
    full_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Every request renders its page, so only the fragments' caches are at work."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}


def _read(client, url) -> tuple[str, set[str]]:
    """The page's HTML and the table of the first column each of its statements selects."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    selected = (q["sql"].replace('"', "").removeprefix("SELECT ") for q in queries)
    tables = {column.removeprefix("COUNT(").split(".")[0] for column in selected}
    return response.content.decode(), tables


def test_a_cached_story_reads_none_of_its_rows(client):
    """Once a story's fragments are cached, its bylines, sources, links, tags and comments are
    not read again, and the page is the same."""
    article = full_story(comments=3)
    first, tables = _read(client, article.get_absolute_url())
    assert {"articles_byline", "articles_citation", "articles_comment"} <= tables
    again, tables = _read(client, article.get_absolute_url())
    assert tables == {"articles_article"}
    assert again.split('name="timestamp"')[0] == first.split('name="timestamp"')[0]


def test_an_edit_through_the_desk_shows_at_once(client, editor, django_capture_on_commit_callbacks):
    """The story's fragment is keyed by the article's version: the next page shows the edit."""
    article = full_story()
    client.get(article.get_absolute_url())
    article = Article.objects.get(pk=article.pk)
    article.dek = "Now with the council's answer."
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article, user=editor, loaded_version=article.version)
    html, _ = _read(client, article.get_absolute_url())
    assert "Now with the council&#x27;s answer." in html


def test_an_approved_comment_renews_the_thread_and_keeps_the_story(
    client, moderator, django_capture_on_commit_callbacks
):
    """Approving a comment re-reads the thread, not the story's bylines and sources."""
    article = full_story(comments=2)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = CommentFactory(
            article=article, status=Comment.Status.PENDING, body="Lights are back on."
        )
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=waiting, user=moderator)
    html, tables = _read(client, article.get_absolute_url())
    assert "Lights are back on." in html
    assert "Comments (3)" in html
    assert tables == {"articles_article", "articles_comment"}


def test_a_staff_preview_is_never_cached(client):
    """A draft seen in preview is rendered afresh each time and leaves nothing for readers."""
    draft = ArticleFactory(headline="Draft about the ferry")
    editor = UserFactory(username="edna", groups=["Editors"])
    client.force_login(editor)
    client.get(draft.get_absolute_url())
    BylineFactory(article=draft)
    CitationFactory(article=draft, url="https://ferry.example/timetable")
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "https://ferry.example/timetable" in html


def test_a_scheduled_story_joins_the_listings_at_its_time(client):
    """Nothing is saved when a scheduled story's time comes, yet the front page's teasers show it:
    their fragment is keyed by how many stories the listing holds."""
    import datetime as dt

    from django.utils import timezone

    ArticleFactory(published=True, headline="Yesterday's tide tables")
    later = ArticleFactory(
        headline="Regatta results",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert "Regatta results" not in client.get("/").content.decode()
    # The clock reaching the publish time, as far as the database can tell.
    Article.objects.filter(pk=later.pk).update(published_at=timezone.now())
    assert "Regatta results" in client.get("/").content.decode()
