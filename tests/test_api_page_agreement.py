"""A story through the API and on its public page say the same things.

The page is read the way a reader's browser gets it (the article page
through the test client); the API's detail for the same story is compared
field by field: headline, dek, byline names and roles, body, sources,
related links, section and tags, times and address.
"""

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from articles.models import Article, Byline, RelatedLink
from tests.api_support import api_get, detail_url, token_make
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CitationFactory,
    RelatedLinkFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
BODY = (
    "Saltmere's council voted 5-2 to rebuild the harbour wall & the quay steps.\n\n"
    '"We build it properly this time," said Maren Holt <the harbour chair>.\n\n'
    "Work starts in March."
)


@pytest.fixture
def story():
    """A live story with everything a page shows, edited an hour after it went out."""
    published = timezone.now() - dt.timedelta(hours=3)
    article = ArticleFactory(
        headline='Harbour wall & quay steps: council says "rebuild"',
        dek="Five votes to two, after a long night.",
        body=BODY,
        section=SectionFactory(name="Harbour"),
        status=Article.Status.PUBLISHED,
        published_at=published,
        first_published_at=published,
    )
    roles = [
        ("Maren Holt", "person", Byline.Role.BY),
        ("Ivo Trask", "person", Byline.Role.BY),
        ("Coastal Wire", "wire", Byline.Role.WITH),
        ("Nessa Quay", "person", Byline.Role.ADDITIONAL),
    ]
    for position, (name, kind, role) in enumerate(roles):
        BylineFactory(
            article=article,
            author=AuthorFactory(name=name, kind=kind),
            role=role,
            position=position,
        )
    linked = SourceFactory(name="The Saltmere Gazette", home_url="https://gazette.example/")
    CitationFactory(article=article, source=linked, url="https://gazette.example/wall", position=0)
    CitationFactory(
        article=article,
        source=SourceFactory(name="Harbour Board", home_url="https://board.example/"),
        position=1,
    )
    CitationFactory(article=article, source=SourceFactory(name="A resident"), position=2)
    RelatedLinkFactory(
        article=article,
        title="The council's minutes",
        url="https://council.example/minutes",
        relation=RelatedLink.Relation.ORIGINAL,
        position=0,
    )
    RelatedLinkFactory(article=article, title="Storm Brannock, a year on", url="", position=1)
    RelatedLinkFactory(
        article=article,
        title="How sea walls fail",
        url="https://coast.example/walls",
        relation=RelatedLink.Relation.FURTHER,
        position=2,
    )
    article.tags.add(TagFactory(name="harbour wall"), TagFactory(name="council"))
    edited = published + dt.timedelta(hours=2)
    Article.objects.filter(pk=article.pk).update(content_updated_at=edited, updated_at=edited)
    return Article.objects.get(pk=article.pk)


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _second(value: str | dt.datetime) -> dt.datetime:
    return (_when(value) if isinstance(value, str) else value).replace(microsecond=0)


def _page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), lxml.html.fromstring(response.content)


def test_the_api_and_the_page_tell_the_same_story(client, story):
    """Headline, dek, byline, body, sources, links, subjects, times and address all agree."""
    html, page = _page(client, story)
    api = api_get(client, detail_url(story.pk), token_make()).json()
    article = page.xpath("//article[contains(@class, 'story')]")[0]

    assert _text(article.xpath(".//h1")[0]) == api["headlines"][0]["value"]
    assert _text(article.xpath(".//p[@class='dek']")[0]) == api["descriptions"][0]["value"]

    spans = article.xpath(".//span[@class='byline']")
    assert " · ".join(_text(span) for span in spans) == api["by"]
    on_page = sorted(
        (span.text.strip(), _text(link), SITE + link.get("href"))
        for span in spans
        for link in span.xpath(".//a[@rel='author']")
    )
    in_api = sorted(
        (Byline.Role(party["rel"]).label, party["name"], party["uri"])
        for party in api["people"] + api["organisations"]
    )
    assert on_page == in_api
    assert [p["name"] for p in api["organisations"]] == ["Coastal Wire"]

    body = api["bodies"][0]["value"]
    assert body in html  # the very same sanitised HTML
    page_paragraphs = [_text(p) for p in article.xpath(".//div[@class='body']/p")]
    api_paragraphs = [_text(p) for p in lxml.html.fragment_fromstring(body, create_parent="div")]
    assert page_paragraphs == api_paragraphs and len(api_paragraphs) == 3

    page_sources = [
        (
            _text(item.xpath(".//span[@class='source-name']")[0]),
            next(iter(item.xpath(".//span[@class='source-name']/a/@href")), None),
        )
        for item in article.xpath(".//section[contains(@class, 'sources')]//li")
    ]
    assert page_sources == [(s["name"], s.get("uri")) for s in api["infosources"]]
    assert page_sources[1][1] == "https://board.example/" and page_sources[2][1] is None

    page_links = []
    for item in article.xpath(".//section[contains(@class, 'related')]//li"):
        relation = _text(item.xpath(".//span[@class='relation']")[0])
        href = next(iter(item.xpath("./a/@href")), None)
        title = _text(item).removesuffix(relation).strip()
        page_links.append((title, href, relation))
    api_links = [
        (
            a["headlines"][0]["value"],
            None if "#link-" in a["uri"] else a["uri"],
            RelatedLink.Relation(a["name"].rsplit("-", 1)[0]).label,
        )
        for a in api["associations"]
        if a["type"] == "text"
    ]
    assert page_links == api_links and len(api_links) == 3

    section = [s["name"] for s in api["subjects"] if s["rel"] == "section"]
    tags = [s["name"] for s in api["subjects"] if s["rel"] == "tag"]
    assert [_text(a) for a in article.xpath(".//p[@class='kicker']/a")] == section
    assert [_text(a) for a in article.xpath(".//p[@class='tags']/a")] == tags

    # The page's times are to the second (the HTML checker refuses more than three digits of
    # one); the API keeps Django's microseconds.
    published, updated = article.xpath(".//time/@datetime")
    assert _when(published) == _second(api["firstcreated"]) == _second(story.first_published_at)
    assert _when(updated) == _second(api["versioncreated"]) == _second(story.content_updated_at)

    canonical = page.xpath("//link[@rel='canonical']/@href")[0]
    web = [r["href"] for r in api["renditions"] if r["name"] == "web"]
    assert web == [canonical] and canonical.startswith(SITE + "/")
