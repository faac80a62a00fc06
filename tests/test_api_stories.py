"""The read API's stories: what is listed, how it pages and filters, and what is refused."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, Byline, RelatedLink
from tests.api_support import LIST, api_get, detail_url, token_make
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    RelatedLinkFactory,
    SectionFactory,
    TagFactory,
    full_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    return token_make()


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [int(item["uri"].rstrip("/").rsplit("/", 1)[1]) for item in response.json()["items"]]


def _hidden_stories() -> list[Article]:
    now = timezone.now()
    return [
        ArticleFactory(headline="A draft about the ferry"),
        ArticleFactory(headline="A story in review", status=Article.Status.REVIEW),
        ArticleFactory(
            headline="A story scheduled for tomorrow",
            status=Article.Status.PUBLISHED,
            published_at=now + dt.timedelta(days=1),
            first_published_at=now + dt.timedelta(days=1),
        ),
        ArticleFactory(
            headline="A story taken down",
            status=Article.Status.UNPUBLISHED,
            published_at=now - dt.timedelta(days=1),
            first_published_at=now - dt.timedelta(days=1),
        ),
    ]


def test_drafts_scheduled_and_unpublished_stories_never_appear(client, key):
    """Only live stories are listed; a draft, one in review, one scheduled and one taken down are 404s."""
    live = ArticleFactory(published=True)
    hidden = _hidden_stories()
    assert _ids(api_get(client, LIST, key)) == [live.pk]
    for article in hidden:
        response = api_get(client, detail_url(article.pk), key)
        assert response.status_code == 404, article.headline
        assert response.json()["error"] == "not_found"
        assert article.headline not in response.content.decode()
    assert api_get(client, detail_url(live.pk), key).status_code == 200


def test_a_story_is_listed_from_the_moment_its_scheduled_time_passes(client, key):
    """A scheduled story appears once its publish time is in the past, with no job to run."""
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert _ids(api_get(client, LIST, key)) == []
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert _ids(api_get(client, LIST, key)) == [article.pk]


def test_a_story_carries_its_headline_byline_body_sources_links_and_subjects(client, key):
    """The detail is ninjs 2.1 with every field the page has, each address absolute."""
    article = full_story(bylines=0, citations=1, links=0, dek="Five votes to two.")
    maren = AuthorFactory(name="Maren Holt")
    wire = AuthorFactory(name="Coastal Wire", kind="wire")
    BylineFactory(article=article, author=maren, role=Byline.Role.BY, position=0)
    BylineFactory(article=article, author=wire, role=Byline.Role.ADDITIONAL, position=1)
    RelatedLinkFactory(article=article, relation=RelatedLink.Relation.ORIGINAL, position=0)
    RelatedLinkFactory(article=article, title="Named, not linked", url="", position=1)
    article.tags.add(TagFactory(name="harbour"))
    story = api_get(client, detail_url(article.pk), key).json()

    assert story["standard"]["name"] == "ninjs" and story["standard"]["version"] == "2.1"
    assert story["uri"] == f"http://127.0.0.1:8000/api/v1/stories/{article.pk}/"
    assert story["type"] == "text" and story["language"] == "en-GB"
    assert story["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": article.headline}
    ]
    assert story["descriptions"][0]["value"] == "Five votes to two."
    assert story["by"] == "By Maren Holt · Additional reporting by Coastal Wire"
    assert story["people"] == [
        {
            "name": "Maren Holt",
            "rel": "by",
            "uri": f"http://127.0.0.1:8000/author/{maren.slug}/",
            "literal": maren.slug,
        }
    ]
    assert [(o["name"], o["rel"]) for o in story["organisations"]] == [
        ("Coastal Wire", "additional")
    ]
    body = story["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert body["value"].startswith("<p>Saltmere&#x27;s council voted 5-2")
    assert [(s["rel"], s["name"]) for s in story["subjects"]] == [
        ("section", "Local"),
        ("tag", "harbour"),
    ]
    assert story["infosources"][0]["uri"] == "https://gazette.example/story"
    links = [a for a in story["associations"] if a["type"] == "text"]
    assert [(a["name"], a["uri"]) for a in links] == [
        ("original-1", "https://saltmere.example/minutes"),
        ("related-2", f"{story['uri']}#link-2"),
    ]
    assert story["renditions"] == [
        {
            "name": "web",
            "href": "http://127.0.0.1:8000" + article.get_absolute_url(),
            "contenttype": "text/html",
        }
    ]
    assert "null" not in api_get(client, detail_url(article.pk), key).content.decode()


def test_story_html_is_the_sanitised_html_of_the_page(client, key):
    """A body an editor wrote in HTML comes through the page's allow-list: no script, no handler."""
    article = ArticleFactory(
        published=True,
        body="<p>Harbour <strong>open</strong>.<script>alert(1)</script></p>"
        '<p onclick="steal()">Ferries <a href="javascript:x()">resume</a>.</p>',
    )
    value = api_get(client, detail_url(article.pk), key).json()["bodies"][0]["value"]
    assert "<strong>open</strong>" in value
    assert "script" not in value and "onclick" not in value and "javascript" not in value


def test_cursor_pages_walk_every_story_once_newest_first(client, key):
    """Following next visits each story once, ties on the publish time broken by id."""
    same_moment = timezone.now() - dt.timedelta(hours=2)
    articles = [ArticleFactory(published=True) for _ in range(3)]
    articles += [
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=same_moment,
            first_published_at=same_moment,
        )
        for _ in range(4)
    ]
    expected = [a.pk for a in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)]
    seen, url, pages = [], f"{LIST}?limit=2", 0
    while url:
        response = api_get(client, url, key)
        seen += _ids(response)
        pages += 1
        following = response.json().get("next")
        url = following and following.removeprefix("http://127.0.0.1:8000")
        if following:
            assert urlsplit(following).path == LIST
    assert seen == expected
    assert pages == 4


def test_filters_by_section_author_and_time_of_last_change(client, key):
    """section and author take slugs; updated_since keeps stories changed at or after it."""
    port = SectionFactory(name="Port")
    maren = AuthorFactory(name="Maren Holt")
    in_port = ArticleFactory(published=True, section=port)
    by_maren = ArticleFactory(published=True)
    BylineFactory(article=by_maren, author=maren)
    old = timezone.now() - dt.timedelta(days=3)
    Article.objects.filter(pk__in=[in_port.pk, by_maren.pk]).update(
        updated_at=old, published_at=old
    )
    fresh = ArticleFactory(published=True)

    assert _ids(api_get(client, f"{LIST}?section=port", key)) == [in_port.pk]
    assert _ids(api_get(client, f"{LIST}?author={maren.slug}", key)) == [by_maren.pk]
    since = (timezone.now() - dt.timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert _ids(api_get(client, f"{LIST}?updated_since={since}", key)) == [fresh.pk]
    story = api_get(client, detail_url(fresh.pk), key).json()
    # A story's own versioncreated, sent back as it is, finds the story again.
    assert _ids(api_get(client, f"{LIST}?updated_since={story['versioncreated']}", key)) == [
        fresh.pk
    ]
    assert _ids(api_get(client, f"{LIST}?section=port&author={maren.slug}", key)) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=99999999999999999999999", "limit"),
        ("limit=ten", "limit"),
        ("cursor=WyIyMDI2Il0:forged:signature", "cursor"),
        ("cursor=" + "a" * 5000, "cursor"),
        ("updated_since=last%20tuesday", "updated_since"),
        ("updated_since=2026-13-45T99:00:00", "updated_since"),
        ("updated_since=2026-03-01T09:00:00+01:00", "updated_since"),
        ("section=no-such-section", "section"),
        ("section=%3Cscript%3E", "section"),
        ("section=" + "s" * 300, "section"),
        ("author=nobody-at-all", "author"),
        ("page=2", "page"),
    ],
)
def test_every_bad_query_parameter_is_a_clear_400(client, key, query, parameter):
    """A bad cursor, date, section, author or limit, or an unknown parameter: 400 naming it."""
    ArticleFactory(published=True)
    response = api_get(client, f"{LIST}?{query}", key)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    error = response.json()
    assert error["error"] == "invalid_parameter"
    assert error["parameter"] == parameter
    assert len(error["message"]) > 20
    assert "<script>" not in error["message"]


@pytest.mark.parametrize("story_id", ["abc", "0", "-4", "99999999999999999999999"])
def test_a_story_id_that_is_not_one_is_a_400(client, key, story_id):
    """An id that is not a whole number from 1 up is refused before any lookup."""
    response = api_get(client, f"/api/v1/stories/{story_id}/", key)
    assert response.status_code == 400
    assert response.json()["parameter"] == "story_id"


def test_a_detail_with_any_query_parameter_is_a_400(client, key):
    """The detail takes no parameters; one sent anyway is named in the answer."""
    article = ArticleFactory(published=True)
    response = api_get(client, detail_url(article.pk) + "?fields=headline", key)
    assert response.status_code == 400
    assert response.json()["parameter"] == "fields"


def test_an_address_the_api_does_not_have_is_a_json_404(client, key):
    """Under /api/ a wrong address is a JSON 404, not the reader site's HTML page."""
    response = api_get(client, "/api/v2/stories/", key)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    without_slash = api_get(client, "/api/v1/stories", key)
    assert without_slash.status_code == 404
    assert "/api/v1/stories/" in without_slash.json()["message"]
