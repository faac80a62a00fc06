"""Reads of an article's comment section: its threads, a page at a time, and the reader's own."""

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import EmptyPage
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import Coalesce

from articles.models import Article, Comment, ModerationSettings
from articles.policy import comments_closed_reason
from articles.selectors.listings import page_number

THREADS_PER_PAGE = 50
APPROVED = Comment.Status.APPROVED
# What readers see of a comment: never the address, IP or moderation reasons.
_SHOWN = ("pk", "article_id", "parent_id", "author_name", "author_url", "body", "submitted_at")


@dataclass(frozen=True)
class CommentStats:
    """An article's approved comments counted: all, the threads (not replies), the latest change."""

    count: int
    threads: int
    # When an approved comment last appeared or changed; None without any.
    changed_at: dt.datetime | None


def comment_stats(*, article: Article) -> CommentStats:
    found = Comment.objects.filter(article=article, status=APPROVED).aggregate(
        count=Count("pk"),
        threads=Count("pk", filter=Q(parent=None)),
        changed_at=Max(Coalesce("status_changed_at", "submitted_at")),
    )
    return CommentStats(**found)


def comment_rules() -> ModerationSettings:
    """The site's comment rules: when comments close, among others."""
    return ModerationSettings.load()


class CommentThreads:
    """One page of an article's approved comments: top-level ones, oldest first, with replies."""

    def __init__(self, *, article: Article, number: int, pages: int):
        self.article, self.number, self.pages = article, number, pages

    @property
    def page_range(self) -> range:
        return range(1, self.pages + 1)

    @cached_property
    def threads(self) -> list[Comment]:
        """The page's threads, each with ``thread_replies``: its approved replies, oldest first.

        Two queries however many comments the article has (the page is cut in
        the database), run when the thread's fragment is not cached.
        """
        replies = (
            Comment.objects.filter(status=APPROVED).only(*_SHOWN).order_by("submitted_at", "pk")
        )
        start = (self.number - 1) * THREADS_PER_PAGE
        threads = (
            Comment.objects.filter(article=self.article, status=APPROVED, parent=None)
            .only(*_SHOWN)
            .order_by("submitted_at", "pk")
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
        )
        return list(threads[start : start + THREADS_PER_PAGE])


def _comment_page_number(raw, pages: int) -> int:
    if raw == "last":
        return pages
    number = page_number(raw)
    if number > pages:
        raise EmptyPage("That page of comments does not exist.")
    return number


def comment_threads(*, article: Article, stats: CommentStats, number) -> CommentThreads:
    """Page ``number`` of the article's threads: a number, "last", or none for page one.

    Any other ``number`` raises ``InvalidPage`` (``listings.page_number``).
    """
    pages = max(1, math.ceil(stats.threads / THREADS_PER_PAGE))
    return CommentThreads(article=article, number=_comment_page_number(number, pages), pages=pages)


def _reply_target(threads: CommentThreads, raw) -> Comment | None:
    """The comment ``raw`` names, when it is on this page: readers reply to what they see."""
    if not str(raw or "").isdigit():
        return None
    wanted = int(raw)
    for root in threads.threads:
        for comment in (root, *root.thread_replies):
            if comment.pk == wanted:
                return comment
    return None


def _pending(*, article: Article, ids: list[int]) -> list[Comment]:
    if not ids:
        return []
    return list(
        Comment.objects.filter(
            pk__in=ids, article=article, status__in=(Comment.Status.PENDING, Comment.Status.SPAM)
        ).only("pk", "author_name", "body", "submitted_at", "parent_id")
    )


@dataclass
class CommentSection:
    """What an article's comment section shows, besides the form."""

    stats: CommentStats
    threads: CommentThreads
    # Why no comment can be added now, or "" when the form is shown.
    closed: str
    # The comment the reader is replying to, when it is on this page.
    reply_to: Comment | None
    # The reader's own comments still awaiting moderation (or held as spam).
    pending: list[Comment]


def comment_section_read(
    *,
    article: Article,
    stats: CommentStats,
    rules: ModerationSettings,
    cpage,
    replyto,
    pending_ids: list[int],
) -> CommentSection:
    """An article's comment section for one reader: page ``cpage`` of its threads, whether
    comments are open, the comment ``replyto`` names and the reader's pending comments.

    ``stats`` and ``rules`` come from ``comment_stats`` and ``comment_rules``
    (the caller may have them cached). A query for the reader's pending
    comments (from their cookie) and, with ``replyto``, the page's threads;
    otherwise the threads are read only if their fragment is not cached.
    """
    threads = comment_threads(article=article, stats=stats, number=cpage)
    if article.is_live:
        closed = comments_closed_reason(article=article, settings=rules)
    else:
        closed = "Comments open when the article is published."
    return CommentSection(
        stats=stats,
        threads=threads,
        closed=closed,
        reply_to=None if closed else _reply_target(threads, replyto),
        pending=_pending(article=article, ids=pending_ids),
    )
