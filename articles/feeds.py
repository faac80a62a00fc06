"""RSS and Atom feeds: the latest stories, per section and per author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from articles import selectors, seo
from articles.body import body_paragraphs
from articles.models import Author, Section


def _names(article) -> str:
    return ", ".join(b.author.name for b in article.bylines.all())


class LatestFeed(Feed):
    """The newest published stories, RSS 2.0."""

    description_template = None

    def title(self, obj=None):
        return settings.NEWSROOM["SITE_NAME"]

    def link(self, obj=None):
        return "/"

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
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"article-{item.pk}"

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


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.NEWSROOM['SITE_NAME']}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"The latest {obj.name} stories."

    def items(self, obj=None):
        return selectors.article_list_for_feed(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description


class AuthorFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {settings.NEWSROOM['SITE_NAME']}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"Stories by {obj.name}."

    def items(self, obj=None):
        return selectors.article_list_for_feed(author=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = AuthorFeed.description
