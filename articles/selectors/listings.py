"""Reads of the listings: front, section, author and tag pages, feeds, sitemaps, the lineups."""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import F, Prefetch, QuerySet, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles.models import Article, Author, Byline, LineupEntry, Section, Tag
from articles.models.lineups import LINEUP_SHOWN

FEED_LENGTH = 30


def _bylines() -> Prefetch:
    return Prefetch(
        "bylines", queryset=Byline.objects.select_related("author").order_by("position")
    )


def section_list() -> QuerySet[Section]:
    """Every section by name, for the sections bar on every page."""
    return Section.objects.order_by("name")


@dataclass
class Listing:
    """A page of the front page or of a section, author or tag listing."""

    page: Page
    # The section, author or tag the listing belongs to; None for the front page.
    subject: Section | Author | Tag | None


_LISTED_BY = {Section: "section", Author: "bylines__author", Tag: "tags"}


def article_listing(
    *, number, per_page: int, of: type[Section | Author | Tag] | None = None, slug: str = ""
) -> Listing | None:
    """One page of published articles, newest first, with their section, lead image and bylines.

    The front page lists them all; ``of`` and ``slug`` narrow the listing to
    a section, author or tag, and ``None`` means no such one exists. A
    missing or blank ``number`` is page one; one that is not a page of the
    listing raises ``InvalidPage``, as ``Paginator.page`` does. Three
    queries (the count, the page, its bylines), and the subject's for a
    narrowed listing.
    """
    articles = (
        Article.objects.published()
        .select_related("section", "lead_image")
        .defer("body", "source_paragraphs", "lead_image__caption")
        .prefetch_related(_bylines())
        .order_by("-published_at", "-pk")
    )
    subject = None
    if of is not None:
        subject = of.objects.filter(slug=slug).first()
        if subject is None:
            return None
        articles = articles.filter(**{_LISTED_BY[of]: subject})
    return Listing(page=Paginator(articles, per_page).page(page_number(number)), subject=subject)


# Past this a page number is surely past the end, and its OFFSET could overflow the database's integers.
PAGE_NUMBER_MAX = 100_000


def page_number(raw) -> int:
    """The page a reader asked for in ``?page=``: missing or blank is page one.

    Anything but a whole number from 1 to ``PAGE_NUMBER_MAX`` raises
    ``PageNotAnInteger`` or ``EmptyPage`` (both ``InvalidPage``), which the
    views answer with a 404, as Django's ``ListView`` does.
    """
    if raw is None or raw == "":
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise PageNotAnInteger("That page number is not a whole number.") from None
    if not 1 <= number <= PAGE_NUMBER_MAX:
        raise EmptyPage("That page contains no results.")
    return number


def page_read(number, *, per_page: int, read):
    """What ``read`` gives for page ``number``, checked as ``Paginator.page`` checks it.

    ``read(page)`` returns ``(result, total)``, or ``(None, 0)`` when there is
    nothing to page at all. The page is read before the total is known (the
    read counts it), so a page past the end, where no row carries the total,
    raises ``EmptyPage`` like one that is not a number at all. Returns the
    result, its paginator and page number.
    """
    wanted = page_number(number)
    result, total = read(wanted)
    if result is None:
        return None, None, wanted
    paginator = Paginator((), per_page)
    paginator.count = total  # counted by the read itself
    return result, paginator, paginator.validate_number(wanted)


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


@dataclass
class FrontPage:
    """The top of the front page or of a section page, as editors arranged it.

    ``lead`` and ``second_tier`` come from the page's lineup, filled with
    the newest stories when the lineup has fewer live ones; ``blocks`` (the
    front page only) are each section's newest stories not shown above.
    """

    lead: Article | None
    second_tier: list[Article]
    blocks: list[tuple[Section, list[Article]]]

    @property
    def shown(self) -> int:
        """How many stories the top and the blocks show (each story once)."""
        top = len(self.second_tier) + (self.lead is not None)
        return top + sum(len(articles) for _, articles in self.blocks)


BLOCK_SIZE = 4


def _teasers() -> QuerySet[Article]:
    """Published stories with what a teaser shows: section, lead image; never the body."""
    return (
        Article.objects.published()
        .select_related("section", "lead_image")
        .defer("body", "source_paragraphs", "lead_image__caption")
    )


def front_page_read(*, section: Section | None = None, blocks: bool = True) -> FrontPage:
    """The lead, the second tier and (on the front page) a block per section.

    The lineup's live stories come first in the editors' order; the newest
    stories not in it fill the rest of the five places. Four statements at
    most, whatever the number of sections or stories: the lineup, the fill,
    the section blocks (a window function ranks each section's stories) and
    the bylines of everything shown.
    """
    now = timezone.now()
    placed = (
        LineupEntry.objects.filter(
            lineup__section=section,
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=now,
        )
        .select_related("article__section", "article__lead_image")
        .defer("article__body", "article__source_paragraphs")
        .order_by("position")[:LINEUP_SHOWN]
    )
    top = [entry.article for entry in placed]
    if len(top) < LINEUP_SHOWN:
        fill = _teasers().exclude(pk__in=[a.pk for a in top]).order_by("-published_at", "-pk")
        if section is not None:
            fill = fill.filter(section=section)
        top.extend(fill[: LINEUP_SHOWN - len(top)])
    grouped: list[tuple[Section, list[Article]]] = []
    if blocks and section is None:
        rank = Window(
            RowNumber(),
            partition_by=F("section"),
            order_by=[F("published_at").desc(), F("pk").desc()],
        )
        rows = (
            _teasers()
            .filter(section__isnull=False)
            .exclude(pk__in=[a.pk for a in top])
            .annotate(rank=rank)
            .filter(rank__lte=BLOCK_SIZE)
            .order_by("section__name", "rank")
        )
        for article in rows:
            if not grouped or grouped[-1][0].pk != article.section_id:
                grouped.append((article.section, []))
            grouped[-1][1].append(article)
    shown = top + [a for _, articles in grouped for a in articles]
    prefetch_related_objects(shown, _bylines())
    return FrontPage(lead=top[0] if top else None, second_tier=top[1:], blocks=grouped)
