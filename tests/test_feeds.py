import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def stories():
    local = SectionFactory(name="Local")
    weather = SectionFactory(name="Weather")
    maren = AuthorFactory(name="Maren Holt")
    live = ArticleFactory(published=True, section=local, headline="Quay reopens after repairs")
    BylineFactory(article=live, author=maren)
    live.tags.add(TagFactory(name="harbour"))
    other = ArticleFactory(published=True, section=weather, headline="Fog over the estuary")
    hidden = ArticleFactory(headline="Draft about the lighthouse", section=local)
    BylineFactory(article=hidden, author=maren)
    ArticleFactory(
        headline="Scheduled regatta preview",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(hours=3),
        section=local,
    )
    return {"local": local, "maren": maren, "live": live, "other": other}


def _rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def _atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_latest_rss_has_published_stories_with_authors_and_categories(client, stories):
    """The RSS feed lists published stories only, each with summary, author and categories."""
    items = _rss_items(client, "/feeds/rss/")
    titles = [item.findtext("title") for item in items]
    assert sorted(titles) == ["Fog over the estuary", "Quay reopens after repairs"]
    quay = next(i for i in items if i.findtext("title") == "Quay reopens after repairs")
    assert quay.findtext("description") == stories["live"].dek
    assert "Maren Holt" in ET.tostring(quay, encoding="unicode")
    assert {c.text for c in quay.findall("category")} == {"Local", "harbour"}
    assert quay.findtext("link").endswith(stories["live"].get_absolute_url())


def test_latest_atom_feed_parses_and_names_authors(client, stories):
    """The Atom feed is valid XML with one entry per published story and its author."""
    entries = _atom_entries(client, "/feeds/atom/")
    assert len(entries) == 2
    names = [e.findtext(f"{ATOM}author/{ATOM}name") for e in entries]
    assert "Maren Holt" in names


def test_section_and_author_feeds_are_filtered(client, stories):
    """Section and author feeds carry only their own published stories."""
    local = stories["local"].slug
    maren = stories["maren"].slug
    for url in [f"/section/{local}/rss/", f"/author/{maren}/rss/"]:
        assert [i.findtext("title") for i in _rss_items(client, url)] == [
            "Quay reopens after repairs"
        ]
    for url in [f"/section/{local}/atom/", f"/author/{maren}/atom/"]:
        assert len(_atom_entries(client, url)) == 1
    assert client.get("/section/nowhere/rss/").status_code == 404


def test_sitemap_lists_published_articles_and_listing_pages(client, stories):
    """sitemap.xml indexes sitemaps of published articles, sections and authors, nothing else."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    parts = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert any(part.endswith("/sitemap-articles.xml") for part in parts)
    locations = []
    for part in parts:
        answer = client.get(urlsplit(part).path)
        assert answer.status_code == 200
        locations += [loc.text for loc in ET.fromstring(answer.content).iter(f"{SITEMAP}loc")]
    assert any(loc.endswith(stories["live"].get_absolute_url()) for loc in locations)
    assert any(loc.endswith(stories["local"].get_absolute_url()) for loc in locations)
    assert any(loc.endswith(stories["maren"].get_absolute_url()) for loc in locations)
    assert not any("draft-about-the-lighthouse" in loc for loc in locations)
    assert not any("scheduled-regatta" in loc for loc in locations)
    assert len([loc for loc in locations if "/20" in loc]) == 2


def test_news_sitemap_has_only_the_last_two_days(client, stories):
    """The news sitemap lists published stories from the last two days, with news tags."""
    ArticleFactory(
        published=True,
        headline="Old story from last week",
        published_at=timezone.now() - dt.timedelta(days=7),
    )
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [t.text for t in root.iter(f"{NEWS}title")]
    assert set(titles) == {"Quay reopens after repairs", "Fog over the estuary"}
    assert root.find(f"{SITEMAP}url/{NEWS}news/{NEWS}publication/{NEWS}name").text


def test_robots_txt_points_at_both_sitemaps(client, settings):
    """robots.txt keeps crawlers out of the admin and names the sitemaps."""
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    site_url = settings.NEWSROOM["SITE_URL"]
    assert f"Sitemap: {site_url}/sitemap.xml" in text
    assert f"Sitemap: {site_url}/news-sitemap.xml" in text


FEEDS = ["/feeds/rss/", "/feeds/atom/"]


def _section_feeds(stories):
    slug = stories["local"].slug
    return [f"/section/{slug}/rss/", f"/section/{slug}/atom/"]


def test_feeds_parse_without_complaint_and_link_on_the_configured_site(client, stories, settings):
    """feedparser reads every feed without a bozo flag; every link is absolute on SITE_URL,
    whatever Host and X-Forwarded-Proto the request carried (a cached feed serves everyone)."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_URL": "https://courier.example"}
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    for url in FEEDS + _section_feeds(stories):
        response = client.get(url, HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="http")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert "evil.example" not in response.content.decode()
        assert parsed.feed.link.startswith("https://courier.example/")
        assert parsed.entries
        for entry in parsed.entries:
            assert entry.link.startswith("https://courier.example/20")


def test_entry_ids_are_absolute_iris_that_survive_edits(client, stories):
    """Each Atom id and RSS guid is a tag: IRI, unique to the story, unchanged by an edit of its
    headline or body (feed readers would otherwise show an edited story as new)."""

    def ids():
        atom = feedparser.parse(client.get("/feeds/atom/").content)
        rss = feedparser.parse(client.get("/feeds/rss/").content)
        return {e.title: e.id for e in atom.entries}, {e.title: e.id for e in rss.entries}

    atom, rss = ids()
    assert atom == rss
    assert len(set(atom.values())) == len(atom) == 2
    for value in atom.values():
        assert re.fullmatch(r"tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:article-\d+", value), value
    live = stories["live"]
    live.headline = "Quay reopens after repairs to the sea wall"
    live.body = "The quay reopened on Monday.\n\nBoats returned by noon."
    live.save()
    cache.clear()
    edited, _ = ids()
    assert (
        edited["Quay reopens after repairs to the sea wall"] == atom["Quay reopens after repairs"]
    )


def test_sitemaps_locate_pages_on_the_configured_site_whatever_the_host(client, stories, settings):
    """The sitemap index and each sitemap name only SITE_URL's scheme and host."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_URL": "https://courier.example"}
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    index = client.get("/sitemap.xml", HTTP_HOST="evil.example")
    parts = [loc.text for loc in ET.fromstring(index.content).iter(f"{SITEMAP}loc")]
    assert parts and all(p.startswith("https://courier.example/sitemap-") for p in parts)
    for part in parts:
        answer = client.get(urlsplit(part).path, HTTP_HOST="evil.example")
        locations = [loc.text for loc in ET.fromstring(answer.content).iter(f"{SITEMAP}loc")]
        assert all(loc.startswith("https://courier.example/") for loc in locations), locations
    news = client.get("/news-sitemap.xml", HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in news and "https://courier.example/20" in news
