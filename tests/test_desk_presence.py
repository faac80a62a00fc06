"""The soft lock: who else has a story open, shown as the form opens and refreshed while open."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import EditingSession
from articles.services.desk.presence import article_editors, article_presence_touch
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


def test_the_second_editor_is_told_as_the_form_opens(client, editor):
    """Opening the form records the editor; the next one to open it sees their name at once."""
    other = UserFactory(username="eli", first_name="Eli", last_name="Penrose", groups=["Editors"])
    article = ArticleFactory()
    client.force_login(editor)
    first = client.get(change_url(article)).content.decode()
    assert "has this story open" not in first
    client.force_login(other)
    second = client.get(change_url(article)).content.decode()
    assert "edna has this story open (since" in second
    assert 'class="desk-presence"' in second


def test_the_script_refreshes_and_hears_who_else_is_there(client, editor):
    """The heartbeat keeps the editor present and answers with the others and the version."""
    other = UserFactory(username="eli", groups=["Editors"])
    article = ArticleFactory()
    article_presence_touch(article=article, user=other)
    client.force_login(editor)
    answer = client.post(presence_url(article)).json()
    assert [e["name"] for e in answer["editors"]] == ["eli"]
    assert answer["version"] == article.version
    assert EditingSession.objects.filter(article=article, user=editor).exists()


def test_leaving_and_going_quiet_end_the_session(client, editor):
    """A closed page says it is leaving; a page not heard from for a minute is gone."""
    other = UserFactory(username="eli", groups=["Editors"])
    article = ArticleFactory()
    client.force_login(editor)
    client.post(presence_url(article))
    client.post(presence_url(article), {"leave": "1"})
    assert article_editors(article=article, user=other) == []
    article_presence_touch(article=article, user=editor)
    later = timezone.now() + dt.timedelta(seconds=90)
    assert article_editors(article=article, user=other, now=later) == []


def test_presence_needs_the_right_to_change_the_story(client, moderator, reporter, editor):
    """A moderator, or a reporter on someone else's story, cannot use the heartbeat to watch."""
    article = ArticleFactory(created_by=editor)
    for person in (moderator, reporter):
        client.force_login(person)
        assert client.post(presence_url(article)).status_code in (403, 404)
        assert client.get(presence_url(article)).status_code in (403, 404, 405)
    assert not EditingSession.objects.exists()
