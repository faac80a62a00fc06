"""Every read the API makes: published stories with all they carry, and tokens.

A page of stories costs the same statements whatever its length: the
stories with their section and lead image, then one prefetch each for
bylines, citations, links, tags and body images.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Greatest

from articles.api.cursors import Position
from articles.models import (
    ApiToken,
    Article,
    ArticleImage,
    Author,
    Byline,
    Citation,
    RelatedLink,
    Section,
)


class NoSuchFilter(LookupError):
    """A filter named a section or author that does not exist."""

    def __init__(self, parameter: str, value: str):
        self.parameter = parameter
        self.value = value
        super().__init__(f"No {parameter} {value!r}")


@dataclass
class StoryPage:
    stories: list[Article]
    more: bool  # whether stories follow the last one


def _stories() -> QuerySet[Article]:
    """Published stories, readers' rules exactly: a draft, a scheduled or unpublished story never."""
    return (
        Article.objects.published()
        .select_related("section", "lead_image")
        .defer("source_paragraphs")
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("author").order_by("position"),
            ),
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("position"),
            ),
            Prefetch("related_links", queryset=RelatedLink.objects.order_by("position")),
            "tags",
            Prefetch(
                "body_images",
                queryset=ArticleImage.objects.select_related("image").order_by(
                    "after_paragraph", "pk"
                ),
            ),
        )
    )


def story_page(
    *,
    limit: int,
    after: Position | None = None,
    section: str | None = None,
    author: str | None = None,
    updated_since: dt.datetime | None = None,
) -> StoryPage:
    """Up to ``limit`` stories, newest first, after the ``after`` position.

    ``section`` and ``author`` are slugs; ``updated_since`` keeps stories
    published or changed at or after that time. A slug that names nothing
    raises ``NoSuchFilter``; it is looked up only when the page came back
    empty, since a page with stories proves it exists.
    """
    stories = _stories()
    if section:
        stories = stories.filter(section__slug=section)
    if author:
        stories = stories.filter(bylines__author__slug=author)
    if updated_since is not None:
        stories = stories.alias(changed_at=Greatest("updated_at", "published_at")).filter(
            changed_at__gte=updated_since
        )
    if after is not None:
        stories = stories.filter(
            Q(published_at__lt=after.published_at)
            | Q(published_at=after.published_at, pk__lt=after.pk)
        )
    rows = list(stories.order_by("-published_at", "-pk")[: limit + 1])
    if not rows:
        if section and not Section.objects.filter(slug=section).exists():
            raise NoSuchFilter("section", section)
        if author and not Author.objects.filter(slug=author).exists():
            raise NoSuchFilter("author", author)
    return StoryPage(stories=rows[:limit], more=len(rows) > limit)


def story_get(*, pk: int) -> Article | None:
    """The published story ``pk`` with all it carries, or None for anything readers cannot see."""
    return _stories().filter(pk=pk).first()


def api_token_find(*, key: str) -> ApiToken | None:
    """The token row for ``key``, revoked or not, looked up by its hash."""
    return ApiToken.objects.filter(key_hash=ApiToken.key_digest(key)).first()
