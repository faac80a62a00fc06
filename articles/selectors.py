"""Every read the public site makes, with its prefetches.

Each page costs the same few queries whatever the number of bylines,
sources, links, tags or comments: related rows come in one prefetch each.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from articles.models import Article, Author, Byline, Section, Tag
from articles.prefetch import (
    ArticlePage,
    article_listing_load,
    article_page_load,
    section_list_all,
)

FEED_LENGTH = 30


def _bylines() -> Prefetch:
    return Prefetch(
        "bylines", queryset=Byline.objects.select_related("author").order_by("position")
    )


@dataclass
class Listing:
    """A page of the front page or of a section, author or tag listing."""

    page: Page
    # The sections bar, read with the page (``section_nav`` takes it as ``nav_sections``).
    sections: list[Section]
    subject: Section | Author | Tag | None


# Past this a page number is surely past the end, and its OFFSET could overflow the database's integers.
_PAGE_GUESS_MAX = 100_000


def _page_number_guess(number) -> int:
    """The page most likely asked for, before the count is known; ``Paginator`` has the last word.

    A wrong guess costs a second statement, never a wrong page.
    """
    try:
        guess = int(number)
    except (TypeError, ValueError):
        return 1
    return guess if 1 <= guess <= _PAGE_GUESS_MAX else 1


def page_read(number, *, per_page: int, read):
    """What ``read`` gives for page ``number`` as ``Paginator.get_page`` settles it.

    ``read(page)`` returns ``(result, total)``, or ``(None, 0)`` when there is
    nothing to page at all. The page is guessed and read before the total is
    known, so only a bad or out-of-range ``number`` costs a second read. A
    read that counts the total from its own rows finds none past the end, so
    page one is read to learn it. Returns the result, its paginator and page number.
    """
    guess = _page_number_guess(number)
    result, total = read(guess)
    if result is None:
        return None, None, guess
    if not total and guess > 1:
        guess = 1
        result, total = read(guess)
    paginator = Paginator((), per_page)
    paginator.count = total  # counted by the read itself
    found = paginator.get_page(number).number
    if found != guess:
        result, _ = read(found)
    return result, paginator, found


def article_listing(
    *, number, per_page: int, of: type[Section | Author | Tag] | None = None, slug: str = ""
) -> Listing | None:
    """One page of published articles, newest first, with bylines and sections attached.

    The front page lists them all; ``of`` and ``slug`` narrow the listing to
    a section, author or tag, and ``None`` means no such one exists. A bad or
    out-of-range ``number`` gets the page ``Paginator.get_page`` gives. One
    statement; two when the page asked for is past the end.
    """

    def read(page: int):
        rows = article_listing_load(of=of, slug=slug, offset=(page - 1) * per_page, limit=per_page)
        if of is not None and rows.subject is None:
            return None, 0
        return rows, rows.total

    rows, paginator, found = page_read(number, per_page=per_page, read=read)
    if rows is None:
        return None
    return Listing(
        page=Page(rows.articles, found, paginator), sections=rows.sections, subject=rows.subject
    )


def article_list_for_feed(*, section: Section | None = None, author: Author | None = None):
    """The newest articles for a feed, with tags for its categories and the body for a summary."""
    queryset = (
        Article.objects.published()
        .select_related("section")
        .prefetch_related(_bylines(), "tags")
        .order_by("-published_at", "-pk")
    )
    if section is not None:
        queryset = queryset.filter(section=section)
    if author is not None:
        queryset = queryset.filter(bylines__author=author)
    return queryset[:FEED_LENGTH]


def article_list_recent(*, days: int = 2) -> QuerySet[Article]:
    """Articles published in the last ``days`` days, for the news sitemap."""
    since = timezone.now() - dt.timedelta(days=days)
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("headline", "slug", "published_at", "created_at")
        .order_by("-published_at", "-pk")
        .prefetch_related("tags")
    )


def article_may_preview(user) -> bool:
    """Staff who may change articles see drafts and scheduled stories at their public address."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and user.has_perm("articles.change_article")
    )


def article_page_for_reader(*, slug: str, preview: bool = False) -> ArticlePage | None:
    """The article at ``slug`` if this visitor may see it, with everything its page shows.

    ``preview`` lets staff see drafts, scheduled and unpublished articles.
    Bylines, citations, related links and tags are prefetched; approved
    comments come as ``article.approved_comments``, oldest first; the page
    also carries the sections bar and the comment rules. One query.
    """
    return article_page_load(slug=slug, published_only=not preview)


def section_list() -> list[Section]:
    return section_list_all()
