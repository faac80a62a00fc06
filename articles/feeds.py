"""RSS and Atom feeds: the latest stories, per section and per author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from articles import selectors, seo
from articles.body import body_paragraphs
from articles.models import Author, Section
from articles.site import absolute_url, tag_uri


def _names(article) -> str:
    return ", ".join(b.author.name for b in article.bylines.all())


class LatestFeed(Feed):
    """The newest published stories, RSS 2.0.

    Every link is absolute and built from ``SITE_URL`` (``articles.site``):
    Django would otherwise take the host from the request, and a cached
    feed would hand one request's ``Host`` to every reader.
    """

    description_template = None
    url_name = "articles:feed_rss"

    def title(self, obj=None):
        return settings.NEWSROOM["SITE_NAME"]

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url() if obj is not None else "/")

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else None
        return absolute_url(reverse(self.url_name, kwargs=kwargs))

    def description(self, obj=None):
        return f"The latest stories from {settings.NEWSROOM['SITE_NAME']}."

    def items(self, obj=None):
        return selectors.article_list_for_feed()

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        """The dek, or the opening paragraph when there is none; never cut mid-sentence."""
        if item.dek:
            return item.dek
        paragraphs = body_paragraphs(item.body or "")
        return strip_tags(paragraphs[0]) if paragraphs else ""

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return tag_uri(kind="article", pk=item.pk, created_at=item.created_at)

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return _names(item) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return seo.article_modified_at(item)

    def item_categories(self, item):
        names = [item.section.name] if item.section_id else []
        return names + [tag.name for tag in item.tags.all()]


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description
    url_name = "articles:feed_atom"


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    url_name = "articles:section_rss"

    def title(self, obj=None):
        return f"{obj.name} · {settings.NEWSROOM['SITE_NAME']}"

    def description(self, obj=None):
        return obj.description or f"The latest {obj.name} stories."

    def items(self, obj=None):
        return selectors.article_list_for_feed(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description
    url_name = "articles:section_atom"


class AuthorFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    url_name = "articles:author_rss"

    def title(self, obj=None):
        return f"{obj.name} · {settings.NEWSROOM['SITE_NAME']}"

    def description(self, obj=None):
        return f"Stories by {obj.name}."

    def items(self, obj=None):
        return selectors.article_list_for_feed(author=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = AuthorFeed.description
    url_name = "articles:author_atom"
