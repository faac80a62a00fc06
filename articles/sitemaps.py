"""sitemap.xml: every published article, section, author and tag page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles import seo
from articles.models import Article, Author, Section, Tag


class ArticleSitemap(Sitemap):
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


class FrontSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:front"]

    def location(self, item):
        return reverse(item)


class _ListingSitemap(Sitemap):
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
