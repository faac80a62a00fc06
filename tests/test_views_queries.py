"""Every reader page costs the same number of queries whatever the data behind it."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleImage
from articles.services.images import image_create
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    TagFactory,
    full_story,
)
from tests.image_files import photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}


def _count(client, url, *, warm: bool = False) -> int:
    """The queries of one request: with every fragment cold, or (``warm``) as cached by the last."""
    if not warm:
        cache.clear()
        caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_article_page_queries_do_not_grow_with_bylines_sources_links_comments_or_pictures(
    client,
):
    """One byline, source, link and comment and no picture in the body cost as many queries as
    eight, eight, eight and fifty with three pictures in the body: the article, its comments
    counted, the comment rules, its section and lead image, one each for bylines, sources,
    links, body pictures and tags, the page of threads and their replies, the sections bar."""
    small = full_story(bylines=1, citations=1, links=1, comments=1)
    large = full_story(bylines=8, citations=8, links=8, comments=50)
    for article in (small, large):
        article.lead_image = image_create(upload=photo(500, 300), alt_text="Quay", filename="q.jpg")
        article.save(update_fields=["lead_image"])
    for after in (1, 2, 3):
        picture = image_create(upload=photo(500, 300), alt_text=f"Wall {after}", filename="w.jpg")
        ArticleImage.objects.create(article=large, image=picture, after_paragraph=after)
    for article in (small, large):
        article.tags.add(TagFactory(name=f"tag for {article.pk}"))
    assert _count(client, small.get_absolute_url()) == _count(client, large.get_absolute_url())
    html = client.get(large.get_absolute_url()).content.decode()
    assert html.count("<picture>") == 4
    assert _count(client, large.get_absolute_url()) == 13


def test_article_page_with_its_fragments_cached_reads_the_article_only(client):
    """With the story, the comment thread, the sections bar, the comments' count and the rules
    cached, a page costs one query: the article."""
    article = full_story(bylines=3, citations=3, links=3, comments=20)
    _count(client, article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    tables = " ".join(query["sql"] for query in queries)
    assert len(queries) == 1
    for table in ("byline", "citation", "relatedlink", "article_tags"):
        assert f"articles_{table}" not in tables.replace('"', ""), table


def _listing_urls(section, author, tag):
    return [
        "/",
        section.get_absolute_url(),
        author.get_absolute_url(),
        tag.get_absolute_url(),
        "/search/?q=harbour",
        "/feeds/rss/",
        f"/section/{section.slug}/atom/",
        f"/author/{author.slug}/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-authors.xml",
        "/news-sitemap.xml",
    ]


def _populate(n, *, section, author, tag):
    for i in range(n):
        article = ArticleFactory(
            published=True, section=section, headline=f"Harbour note {i} for {section.name}"
        )
        BylineFactory(article=article, author=author, position=0)
        BylineFactory(article=article, position=1)
        article.tags.add(tag)


def test_listing_feed_and_sitemap_queries_do_not_grow_with_articles(client):
    """Listings, search, feeds and sitemaps cost the same with twelve articles as with forty more.

    Twelve, so that page one's latest list is there in both (with fewer stories than the top
    and the blocks show, the page leaves it out and reads less).
    """
    small = {
        "section": SectionFactory(name="Small"),
        "author": AuthorFactory(),
        "tag": TagFactory(),
    }
    large = {
        "section": SectionFactory(name="Large"),
        "author": AuthorFactory(),
        "tag": TagFactory(),
    }
    _populate(12, **small)
    few = [_count(client, url) for url in _listing_urls(**small)]
    _populate(40, **large)
    many = [_count(client, url) for url in _listing_urls(**large)]
    assert few == many
    assert max(many) <= 10


def test_listing_pages_cost_the_same_on_any_page(client):
    """Front, section, author and tag pages cost the count, the page, its bylines and the
    sections bar (and the section, author or tag) on page one or two; page one
    of the front page adds the top (its lineup, the fill, the section blocks and their
    bylines), a section's page one the same without blocks. With the teasers, the top and the
    bar cached, only the count (and the section, author or tag)."""
    listed = {"section": SectionFactory(), "author": AuthorFactory(), "tag": TagFactory()}
    _populate(25, **listed)
    for url, warm, top in zip(_listing_urls(**listed)[:4], (1, 2, 2, 2), (4, 3, 0, 0), strict=True):
        for page in ("", "?page=2"):
            cold = warm + 3 + (top if page == "" else 0)
            assert _count(client, f"{url}{page}") == cold, url + page
            assert _count(client, f"{url}{page}", warm=True) == warm, url + page
