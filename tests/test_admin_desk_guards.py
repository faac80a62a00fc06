"""What the change form and the import form may not do behind the publish gate's back."""

import pytest
from django.urls import reverse

from articles.models import Article, RawCopy
from articles.services import desk
from tests.factories import ArticleFactory, BylineFactory
from tests.test_admin_desk import change_data, logged_in

pytestmark = pytest.mark.django_db


def _published():
    article = ArticleFactory(published=True, headline="Regatta moved to Sunday")
    BylineFactory(article=article)
    return article


def test_a_published_story_cannot_be_saved_without_its_body(client, editor):
    """Emptying the body of a live story is refused with a message; the story is unchanged."""
    article = _published()
    body = article.body
    page = logged_in(client, editor).post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_data(article, body="   "),
    )
    assert page.status_code == 200
    assert "A published article needs a body" in page.content.decode()
    article.refresh_from_db()
    assert article.body == body


def test_a_published_story_keeps_its_last_byline(client, editor):
    """Deleting the only byline of a live story is refused."""
    article = _published()
    data = change_data(article)
    data["bylines-0-DELETE"] = "on"
    page = logged_in(client, editor).post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert page.status_code == 200
    assert "A published article needs a byline" in page.content.decode()
    assert article.bylines.count() == 1


def test_a_draft_may_be_emptied(client, editor):
    """The guard is for stories readers see; a draft's body may be cleared while it is written."""
    article = ArticleFactory(created_by=editor)
    response = logged_in(client, editor).post(
        reverse("admin:articles_article_change", args=[article.pk]), change_data(article, body="")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == ""


def test_the_service_refuses_an_empty_published_body_too(editor):
    """Any caller of article_save, not only the form, meets the same rule."""
    article = _published()
    article.body = ""
    with pytest.raises(desk.ArticleIncomplete, match="The body is empty"):
        desk.article_save(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).body


def test_a_form_opened_before_an_unpublish_saves_its_words_and_keeps_the_status(client, editor):
    """A save from a form opened before someone unpublished merges: the editor's words are
    saved, the story stays unpublished, and the version says both happened."""
    article = _published()
    data = change_data(article, dek="A new standfirst written before the unpublish.")
    desk.article_unpublish(article=article, user=editor)
    response = logged_in(client, editor).post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert article.dek == "A new standfirst written before the unpublish."
    assert article.version == data["loaded_version"] + 2


def test_pasted_copy_is_kept_exactly_as_the_browser_sent_it(client, editor):
    """CRLF line endings and the white space around the paste are kept in the raw copy."""
    pasted = "  Saltmere regatta moved to Sunday\r\n\r\nThe Saltmere regatta will be held a day later.\r\n"
    response = logged_in(client, editor).post(
        reverse("admin:articles_article_import"), {"text": pasted, "format": "text"}
    )
    assert response.status_code == 302
    assert bytes(RawCopy.objects.get().data) == pasted.encode()
    again = client.post(
        reverse("admin:articles_article_import"),
        {"text": pasted.strip().replace("\r\n", "\n"), "format": "text"},
        follow=True,
    )
    assert "This copy was imported before" in again.content.decode()
    assert RawCopy.objects.count() == Article.objects.count() == 1
