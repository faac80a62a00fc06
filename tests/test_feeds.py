import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
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
