"""sitemap.xml: every published article, section, author and tag page.

Locations are built from ``SITE_URL`` (``articles.site``), never from the
request's host: a cached sitemap is served to every crawler.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.urls import reverse

from articles import seo
from articles.models import Article, Author, Section, Tag
from articles.site import absolute_url, site_url


class SiteSitemap(Sitemap):
    """A sitemap whose locations are on the configured site, whatever host was asked."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc


class ArticleSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "created_at", "content_updated_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return seo.article_modified_at(item)


class FrontSitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:front"]

    def location(self, item):
        return reverse(item)


class _ListingSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.5
    model = None

    def items(self):
        published = Article.objects.published()
        relation = {Section: "articles", Author: "bylines__article", Tag: "articles"}[self.model]
        return (
            self.model.objects.filter(**{f"{relation}__in": published})
            .distinct()
            .only("slug")
            .order_by("slug")
        )


class SectionSitemap(_ListingSitemap):
    model = Section


class AuthorSitemap(_ListingSitemap):
    model = Author


class TagSitemap(_ListingSitemap):
    model = Tag


SITEMAPS = {
    "front": FrontSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}


def sitemap_index_items() -> list[SitemapIndexItem]:
    """Each sitemap's address and page, for the index, on the configured site."""
    items = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute_url(reverse("articles:sitemap_part", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(url, lastmod))
        items += [
            SitemapIndexItem(f"{url}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return items
