import json
import re

import pytest

from articles.models import Author
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CitationFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def story(settings):
    article = ArticleFactory(
        published=True,
        headline="Storm Brannock: harbour wall breached",
        dek="A forty-metre gap opened overnight in the eastern wall.",
    )
    BylineFactory(article=article, author=AuthorFactory(name="Maren Holt"), position=1)
    BylineFactory(
        article=article,
        author=AuthorFactory(name="Coastal Wire", kind=Author.Kind.WIRE),
        position=2,
    )
    CitationFactory(
        article=article,
        source=SourceFactory(name="Saltmere Coastguard", home_url="https://coastguard.example/"),
        url="",
    )
    CitationFactory(article=article, source=SourceFactory(name="Harbour Board"), url="")
    article.tags.add(TagFactory(name="Storm Brannock"))
    return article


def test_article_jsonld_is_a_complete_news_article(client, story, settings):
    """The JSON-LD parses and names headline, dates, ordered authors, publisher, page and citations."""
    site_url = settings.NEWSROOM["SITE_URL"]
    data = _jsonld(client.get(story.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.headline
    assert data["datePublished"] == story.published_at.isoformat()
    assert data["dateModified"]
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Maren Holt"),
        ("Organization", "Coastal Wire"),
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == settings.NEWSROOM["SITE_NAME"]
    url = site_url + story.get_absolute_url()
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert [c["name"] for c in data["citation"]] == ["Saltmere Coastguard", "Harbour Board"]
    assert data["citation"][0]["url"] == "https://coastguard.example/"
    assert data["keywords"] == ["Storm Brannock"]


def test_jsonld_cannot_break_out_of_its_script(client):
    """A headline with a closing script tag stays inside the JSON-LD as data."""
    article = ArticleFactory(published=True, headline="Quay </script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert _jsonld(html)["headline"] == article.headline


def test_article_head_has_title_description_canonical_and_social_tags(client, story, settings):
    """Title, meta description, canonical, Open Graph and Twitter tags describe the story."""
    url = settings.NEWSROOM["SITE_URL"] + story.get_absolute_url()
    html = client.get(story.get_absolute_url()).content.decode()
    assert f"<title>{story.headline} · " in html
    assert f'<meta name="description" content="{story.dek}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{story.headline}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:description" content="{story.dek}">' in html
    assert '<meta property="article:tag" content="Storm Brannock">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'<meta name="twitter:title" content="{story.headline}">' in html


def test_description_falls_back_to_the_first_paragraph(client):
    """Without a dek the description is the opening paragraph, cut to 160 characters."""
    article = ArticleFactory(published=True, dek="", body=("Word " * 80) + "\n\nSecond.")
    html = client.get(article.get_absolute_url()).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.startswith("Word Word")
    assert len(description) <= 160


@pytest.mark.parametrize("path", ["/", "/search/?q=harbour", "/section/local/"])
def test_every_page_advertises_the_feeds(client, path):
    """Every page's head links the RSS and Atom feeds."""
    ArticleFactory(published=True)
    html = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
