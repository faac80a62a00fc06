"""The comment section of the article page: threads, pages, the reader's pending comments, the form.

Approved comments come already loaded (``article.approved_comments``, oldest
first), so threading and paging cost no query; only a reader holding the
pending cookie costs one more, and that page is never cached.
"""

import datetime
import functools
import math
import re
from html import escape

from django import template
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.forms import CommentForm, form_timestamp, pending_ids
from articles.models import Comment
from articles.policy import comments_closed_reason
from articles.prefetch import moderation_settings_load
from articles.templatetags.public import reader_time

register = template.Library()

THREADS_PER_PAGE = 50


def _threads(comments: list[Comment]) -> list[Comment]:
    """Top-level comments, oldest first, each with ``thread_replies`` (oldest first)."""
    roots = []
    by_id = {}
    for comment in comments:
        comment.thread_replies = []
        by_id[comment.pk] = comment
    for comment in comments:
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.thread_replies.append(comment)
        elif comment.parent_id is None:
            roots.append(comment)
    return roots


@register.simple_tag
@functools.lru_cache(maxsize=4096)
def comment_post_url(article_id: int) -> str:
    """Where an article's comment form posts, reversed once per article and process."""
    return reverse("articles:comment_post", args=[article_id])


@functools.cache
def _report_url_parts() -> tuple[str, str]:
    """The report address around a comment's id, reversed once per process."""
    marker = 918273645
    before, after = reverse("articles:comment_report", args=[marker]).split(str(marker))
    return before, after


_NEWLINES = re.compile(r"\r\n|\r")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _paragraphs(text: str) -> str:
    """Django's ``linebreaks`` filter with autoescape on, minus its lazy-string wrappers."""
    if "\n" not in text and "\r" not in text:
        return f"<p>{escape(text)}</p>"
    paras = _PARAGRAPH_BREAK.split(_NEWLINES.sub("\n", text))
    return "\n\n".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paras)


def _comment_html(comment: Comment, page: str, reply: bool, report: tuple[str, str], tz) -> str:
    pk = comment.pk
    name = escape(comment.author_name)
    if comment.author_url:
        name = f'<a href="{escape(comment.author_url)}" rel="ugc nofollow noopener">{name}</a>'
    local = comment.submitted_at.astimezone(tz)
    actions = (
        f'<a href="?cpage={page}&amp;replyto={pk}#respond" rel="nofollow">Reply</a> · '
        if reply
        else ""
    )
    return (
        f'<article class="comment" id="comment-{pk}">\n'
        f'  <p class="comment-meta"><strong class="comment-author">{name}</strong>\n'
        f'    · <a class="permalink" href="?cpage={page}#comment-{pk}">'
        f'<time datetime="{local.isoformat()}">{reader_time(local)}</time></a></p>\n'
        f'  <div class="comment-body">{_paragraphs(comment.body)}</div>\n'
        f'  <p class="comment-actions">{actions}'
        f'<a href="{report[0]}{pk}{report[1]}" rel="nofollow">Report</a></p>\n'
        "</article>\n"
    )


def _threads_html(threads: list[Comment], *, page_number: int, closed: bool) -> str:
    """The page's threads as HTML list items.

    Built in Python rather than a template include per comment: with fifty
    comments the include, ``{% url %}`` and date filters were most of the
    article page's time. Every value is escaped here (``html.escape``, the
    same as Django's ``escape``), as autoescape would.
    """
    page, report, parts = str(page_number), _report_url_parts(), []
    tz, reply = timezone.get_current_timezone(), not closed
    if getattr(tz, "key", None) == "UTC":
        tz = datetime.UTC  # the times' own zone: same text, a fifth of the conversion
    for root in threads:
        parts.append("\n    <li>" + _comment_html(root, page, reply, report, tz) + "\n      ")
        if root.thread_replies:
            parts.append('<ol class="comment-replies">')
            for child in root.thread_replies:
                html = _comment_html(child, page, reply, report, tz)
                parts.append(f"\n        <li>{html}</li>")
            parts.append("\n      </ol>")
        parts.append("\n    </li>")
    return mark_safe("".join(parts))  # every piece was escaped above


_BLANK_FORMS: dict[str, tuple[str, str, str]] = {}


def _blank_form_html(article) -> str:
    """The comment form as a new reader sees it on ``article``.

    Every blank form is the same markup but for the article's address and its
    signed timestamp. Building a form and rendering ``form.html`` cost a tenth
    of an uncached article page, so that is done once per language and
    process, and the result is cut around those two values.
    """
    language = get_language()
    cut = _BLANK_FORMS.get(language)
    if cut is None:
        form = CommentForm(article=article)
        html = render_to_string("articles/comments/form.html", {"article": article, "form": form})
        head, rest = html.split(f'action="{comment_post_url(article.pk)}"')
        middle, tail = rest.split(f'value="{form["timestamp"].value()}"')
        cut = _BLANK_FORMS[language] = (head, middle, tail)
    head, middle, tail = cut
    action, stamp = comment_post_url(article.pk), form_timestamp(article_id=article.pk)
    return mark_safe(f'{head}action="{action}"{middle}value="{stamp}"{tail}')  # as rendered


def _page_number(raw, pages: int) -> int:
    if raw == "last":
        return pages
    try:
        return min(max(int(raw), 1), pages)
    except (TypeError, ValueError):
        return 1


def _approved(article) -> list[Comment]:
    comments = getattr(article, "approved_comments", None)
    if comments is None:
        comments = list(
            article.comments.filter(status=Comment.Status.APPROVED).order_by("submitted_at", "pk")
        )
    return comments


@register.inclusion_tag("articles/comments/list.html", takes_context=True)
def comment_section(context, article):
    request = context.get("request")
    get = request.GET if request is not None else {}
    approved = _approved(article)
    roots = _threads(approved)
    pages = max(1, math.ceil(len(roots) / THREADS_PER_PAGE))
    number = _page_number(get.get("cpage"), pages)
    start = (number - 1) * THREADS_PER_PAGE
    threads = roots[start : start + THREADS_PER_PAGE]
    visible = {c.pk: c for root in threads for c in [root, *root.thread_replies]}
    reply_to = visible.get(int(get["replyto"])) if get.get("replyto", "").isdigit() else None
    rules = context.get("moderation") or moderation_settings_load()
    closed = comments_closed_reason(article=article, settings=rules)
    if not article.is_live:
        closed = "Comments open when the article is published."
    form = form_html = None
    if not closed and reply_to is not None:
        form = CommentForm(article=article, initial={"parent": reply_to.pk})
    elif not closed:
        form_html = _blank_form_html(article)
    pending = []
    ids = pending_ids(request) if request is not None else []
    if ids:
        pending = list(
            Comment.objects.filter(
                pk__in=ids,
                article=article,
                status__in=(Comment.Status.PENDING, Comment.Status.SPAM),
            ).only("pk", "author_name", "body", "submitted_at", "parent_id")
        )
    return {
        "article": article,
        "threads": threads,
        "threads_html": _threads_html(threads, page_number=number, closed=bool(closed)),
        "count": len(approved),
        "page_number": number,
        "pages": pages,
        "page_range": range(1, pages + 1),
        "form": form,
        "form_html": form_html,
        "closed": closed,
        "reply_to": reply_to,
        "pending": pending,
        "messages": get_messages(request) if request is not None else [],
        "request": request,
    }
