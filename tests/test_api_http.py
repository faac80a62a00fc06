"""The API's HTTP caching: ETags and Last-Modified, 304s on a repeat, and private answers."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from articles.services import desk
from tests.api_support import LIST, api_get, detail_url, token_make
from tests.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    return token_make()


def test_a_repeat_with_the_etag_is_a_304_without_a_body(client, key):
    """List and detail: If-None-Match with the ETag just given answers 304, empty."""
    article = ArticleFactory(published=True)
    for url in (LIST, detail_url(article.pk)):
        first = api_get(client, url, key)
        etag = first["ETag"]
        assert etag.startswith('"') and first.status_code == 200
        again = api_get(client, url, key, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == etag
        assert api_get(client, url, key, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_edit_changes_the_etag_and_the_next_repeat_gets_the_new_story(client, key, editor):
    """After the desk changes the story, the old ETag no longer matches: 200 with the new text."""
    article = ArticleFactory(published=True, headline="Ferry fares frozen")
    BylineFactory(article=article)
    etag = api_get(client, detail_url(article.pk), key)["ETag"]
    list_etag = api_get(client, LIST, key)["ETag"]
    article.headline = "Ferry fares frozen until spring"
    desk.article_save(article=article, user=editor, note="Clearer")
    response = api_get(client, detail_url(article.pk), key, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["headlines"][0]["value"] == "Ferry fares frozen until spring"
    assert api_get(client, LIST, key, HTTP_IF_NONE_MATCH=list_etag).status_code == 200


def test_a_story_taken_down_changes_the_list_etag(client, key, editor):
    """Unpublishing one story changes the list it left, so a partner's repeat learns of it."""
    kept = ArticleFactory(published=True)
    gone = ArticleFactory(published=True)
    BylineFactory(article=gone)
    etag = api_get(client, LIST, key)["ETag"]
    desk.article_unpublish(article=gone, user=editor)
    response = api_get(client, LIST, key, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert [item["uri"] for item in response.json()["items"]] == [
        f"http://127.0.0.1:8000/api/v1/stories/{kept.pk}/"
    ]


def test_a_story_has_last_modified_and_if_modified_since_is_a_304(client, key):
    """Last-Modified is the story's versioncreated; asking since then is a 304, since before a 200."""
    changed = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    article = ArticleFactory(published=True)
    Article.objects.filter(pk=article.pk).update(
        updated_at=changed, published_at=changed - dt.timedelta(hours=1)
    )
    response = api_get(client, detail_url(article.pk), key)
    assert response["Last-Modified"] == http_date(changed.timestamp())
    assert response.json()["versioncreated"] == changed.isoformat().replace("+00:00", "Z")
    since = api_get(
        client, detail_url(article.pk), key, HTTP_IF_MODIFIED_SINCE=http_date(changed.timestamp())
    )
    assert since.status_code == 304
    earlier = http_date((changed - dt.timedelta(seconds=1)).timestamp())
    assert (
        api_get(client, detail_url(article.pk), key, HTTP_IF_MODIFIED_SINCE=earlier).status_code
        == 200
    )


def test_answers_are_private_to_the_token_and_revalidated(client, key):
    """A shared cache keeps no partner's answer for another: Vary Authorization, private."""
    article = ArticleFactory(published=True)
    for url in (LIST, detail_url(article.pk)):
        response = api_get(client, url, key)
        assert "Authorization" in response["Vary"]
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    refused = client.get(LIST)
    assert "no-store" in refused["Cache-Control"]
