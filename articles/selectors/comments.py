"""Reads of an article's comment section: its threads, a page at a time, and the reader's own."""

import math
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Comment, ModerationSettings
from articles.policy import comments_closed_reason

THREADS_PER_PAGE = 50
APPROVED = Comment.Status.APPROVED


@dataclass
class CommentThreads:
    """One page of an article's approved comments: top-level ones, oldest first, with replies."""

    number: int
    pages: int
    # ``thread_replies`` on each: its approved replies, oldest first. Read on first use.
    threads: QuerySet[Comment]

    @property
    def page_range(self) -> range:
        return range(1, self.pages + 1)


def _comment_page_number(raw, pages: int) -> int:
    if raw == "last":
        return pages
    try:
        return min(max(int(raw), 1), pages)
    except (TypeError, ValueError):
        return 1


# What readers see of a comment: never the address, IP or moderation reasons.
_SHOWN = ("pk", "article_id", "parent_id", "author_name", "author_url", "body", "submitted_at")


def comment_threads(*, article: Article, number) -> CommentThreads:
    """Page ``number`` (a number, "last", anything else is page one) of the article's threads.

    Paginated in the database: two queries (the page's threads, their
    replies) however many comments the article has, with
    ``article.comment_threads`` from ``article_for_reader`` as the count.
    """
    pages = max(1, math.ceil(article.comment_threads / THREADS_PER_PAGE))
    number = _comment_page_number(number, pages)
    start = (number - 1) * THREADS_PER_PAGE
    replies = Comment.objects.filter(status=APPROVED).only(*_SHOWN).order_by("submitted_at", "pk")
    threads = (
        Comment.objects.filter(article=article, status=APPROVED, parent=None)
        .only(*_SHOWN)
        .order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
    )
    return CommentThreads(
        number=number, pages=pages, threads=threads[start : start + THREADS_PER_PAGE]
    )


def _reply_target(threads: CommentThreads, raw) -> Comment | None:
    """The comment ``raw`` names, when it is on this page: readers reply to what they see.

    Reads the page's threads (which the page then shows without reading them again).
    """
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

    threads: CommentThreads
    # Why no comment can be added now, or "" when the form is shown.
    closed: str
    # The comment the reader is replying to, when it is on this page.
    reply_to: Comment | None
    # The reader's own comments still awaiting moderation (or held as spam).
    pending: list[Comment]


def comment_section_read(
    *, article: Article, cpage, replyto, pending_ids: list[int]
) -> CommentSection:
    """An article's comment section for one reader: page ``cpage`` of its threads, whether
    comments are open, the comment named by ``replyto`` and the reader's pending comments.

    One query for the comment rules, one more for the reader's pending comments (from their
    cookie) and, when ``replyto`` is given, the page's threads; the threads are otherwise
    read only if their fragment is not cached.
    """
    threads = comment_threads(article=article, number=cpage)
    if article.is_live:
        closed = comments_closed_reason(article=article, settings=ModerationSettings.load())
    else:
        closed = "Comments open when the article is published."
    return CommentSection(
        threads=threads,
        closed=closed,
        reply_to=None if closed else _reply_target(threads, replyto),
        pending=_pending(article=article, ids=pending_ids),
    )
