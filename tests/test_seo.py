import json
import re
from pathlib import Path

import pytest

from articles.models import Author
from articles.services.images import image_create
from articles.site import SITE_ICON, site_icon_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CitationFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)
from tests.image_files import photo

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
    assert data["datePublished"] == story.published_at.replace(microsecond=0).isoformat()
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


def _meta(html: str) -> dict[str, str]:
    """The page's ``<meta property|name=... content=...>`` pairs (the last of each name)."""
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))


def test_an_article_with_a_picture_is_shared_with_its_largest_jpeg(client, story, settings):
    """og:image, its alt text and size, twitter:image with a large card, and the JSON-LD
    ``image``: the widest JPEG rendition, at its address on the configured site."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_URL": "https://courier.example"}
    story.lead_image = image_create(
        upload=photo(1800, 1200), alt_text="The breach from the quay", filename="breach.jpg"
    )
    story.save()
    largest = story.lead_image.largest
    assert (largest.format, largest.width) == ("jpeg", 1600)
    address = "https://courier.example" + largest.url
    html = client.get(story.get_absolute_url()).content
    meta = _meta(html.decode())
    assert meta["og:image"] == address == meta["twitter:image"]
    assert meta["og:image:alt"] == "The breach from the quay" == meta["twitter:image:alt"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1600", "1067")
    assert meta["twitter:card"] == "summary_large_image"
    data = _jsonld(html.decode())
    assert data["image"] == [
        {"@type": "ImageObject", "url": address, "width": 1600, "height": 1067}
    ]


def test_an_article_without_a_picture_is_shared_with_the_site_icon(client, story):
    """No lead image: the site's icon stands in, with a small card, and JSON-LD has no image."""
    html = client.get(story.get_absolute_url()).content.decode()
    meta = _meta(html)
    assert meta["og:image"] == site_icon_url()
    assert meta["twitter:card"] == "summary"
    assert "image" not in _jsonld(html)


def test_the_publisher_has_the_site_icon_as_its_logo(client, story, settings):
    """NewsArticle's publisher carries a logo: the site's 512-pixel icon, absolute."""
    logo = _jsonld(client.get(story.get_absolute_url()).content.decode())["publisher"]["logo"]
    assert logo == {"@type": "ImageObject", "url": site_icon_url(), "width": 512, "height": 512}
    assert logo["url"].startswith(settings.NEWSROOM["SITE_URL"] + "/")
    assert logo["url"].endswith("/icons/icon-512.png")
    assert (Path(settings.BASE_DIR) / "static" / SITE_ICON).exists()


@pytest.mark.parametrize("kind", ["front", "section", "author", "tag", "search"])
def test_listing_pages_have_open_graph_tags(client, story, settings, kind):
    """Front, section, author, tag and search pages describe themselves for sharing."""
    section = SectionFactory(name="Harbour", description="The quays, the boats, the wall.")
    story.section = section
    story.save()
    author, tag = story.bylines.first().author, story.tags.first()
    path, title, description = {
        "front": ("/", settings.NEWSROOM["SITE_NAME"], "The latest news from"),
        "section": (section.get_absolute_url(), "Harbour", "The quays, the boats, the wall."),
        "author": (author.get_absolute_url(), author.name, author.bio or author.name),
        "tag": (tag.get_absolute_url(), "Storm Brannock", "Stories about Storm Brannock from"),
        "search": ("/search/?q=wall", "Search", "Search the stories of"),
    }[kind]
    html = client.get(path).content.decode()
    meta = _meta(html)
    assert meta["og:type"] == "website"
    assert meta["og:site_name"] == settings.NEWSROOM["SITE_NAME"]
    assert meta["og:title"] == title == meta["twitter:title"]
    assert meta["og:description"].startswith(description)
    assert meta["description"] == meta["og:description"] == meta["twitter:description"]
    assert meta["og:url"] == settings.NEWSROOM["SITE_URL"] + path.split("?")[0]
    assert meta["og:image"] == site_icon_url()
    assert html.count('<meta name="description"') == 1


def test_an_empty_section_is_kept_out_of_search_engines(client, django_capture_on_commit_callbacks):
    """A section with no published story says noindex; once it has one, its cached page is
    renewed and no longer does."""
    section = SectionFactory(name="Obituaries")
    assert (
        '<meta name="robots" content="noindex, follow">'
        in client.get(section.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(published=True, section=section)
    html = client.get(section.get_absolute_url()).content.decode()
    assert 'name="robots"' not in html


def test_machine_times_are_to_the_second(client, story):
    """Every ``<time datetime>`` and Open Graph time carries no fraction of a second, which the
    HTML checker refuses past three digits; JSON-LD's dates likewise."""
    story.published_at = story.published_at.replace(microsecond=456415)
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    times = re.findall(r'datetime="([^"]+)"', html) + re.findall(
        r'property="article:\w+_time" content="([^"]+)"', html
    )
    data = _jsonld(html)
    times += [data["datePublished"], data["dateModified"]]
    assert len(times) >= 4
    for value in times:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value
    assert story.published_at.replace(microsecond=0).isoformat() in times
