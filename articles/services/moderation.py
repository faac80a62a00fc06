"""Every write about comments: submitting, reporting, moderating, blocking.

Moderation never deletes a comment; each decision is logged with who made
it and from which state. Saving a comment makes the public cache stale on
commit (``articles.signals``), so no write here has to remember it.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import (
    Article,
    BlockedSender,
    Comment,
    CommentReport,
    ModerationDecision,
    ModerationSettings,
)
from articles.policy import (
    CommentFacts,
    CommentPolicy,
    comments_closed_reason,
    text_normalise,
)
from articles.services.flood import flood_check

Status = Comment.Status


class CommentError(Exception):
    """A comment cannot be taken; the message is for the reader."""


class CommentsClosed(CommentError):
    pass


class CommentFlooded(CommentError):
    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class CommentTransitionError(Exception):
    """A moderation action that does not apply to the comment's current state."""


@dataclass(frozen=True)
class CommentSubmission:
    article: Article
    author_name: str
    author_email: str
    author_url: str
    body: str
    parent: Comment | None
    honeypot: str
    form_age_seconds: float
    ip_address: str | None
    user_agent: str
    # Earlier comments whose signed token the reader's browser sent back: the
    # reader's proof of having written them, which an email address is not.
    token_comment_ids: tuple[int, ...] = ()


def comment_content_hash(*, article_id: int, email: str, body: str) -> str:
    """The same text from the same address on the same article hashes the same."""
    key = f"{article_id}\n{email.casefold()}\n{text_normalise(body)}"
    return hashlib.sha256(key.encode()).hexdigest()


def _blocked(*, email: str, ip: str | None) -> tuple[str, ...]:
    found = BlockedSender.objects.filter(
        kind=BlockedSender.Kind.EMAIL, value=email.casefold()
    ).exists()
    kinds = ("email",) if found else ()
    if ip and BlockedSender.objects.filter(kind=BlockedSender.Kind.IP, value=ip).exists():
        kinds += ("IP",)
    return kinds


def _trusted(*, email: str, token_comment_ids: tuple[int, ...]) -> bool:
    """Whether the reader proved they wrote an approved comment under this email address."""
    if not token_comment_ids:
        return False
    return Comment.objects.filter(
        pk__in=token_comment_ids, author_email=email, status=Status.APPROVED
    ).exists()


def comment_submit(*, submission: CommentSubmission) -> tuple[Comment, bool]:
    """Store a reader's comment with the policy's status and reasons.

    Returns the comment and whether it is new: the same comment sent twice,
    even at the same moment, returns the stored one. Raises
    ``CommentsClosed`` or ``CommentFlooded``.
    """
    settings = ModerationSettings.load()
    article = submission.article
    closed = comments_closed_reason(article=article, settings=settings)
    if closed:
        raise CommentsClosed(closed)
    email = submission.author_email.casefold()
    content_hash = comment_content_hash(article_id=article.pk, email=email, body=submission.body)
    earlier = Comment.objects.filter(article=article, content_hash=content_hash).first()
    if earlier is not None:
        return earlier, False
    flood = flood_check(ip=submission.ip_address, email=email, settings=settings)
    if flood.refused:
        raise CommentFlooded(flood.refused, retry_after=flood.retry_after)
    facts = CommentFacts(
        body=submission.body,
        author_name=submission.author_name,
        author_url=submission.author_url,
        honeypot=submission.honeypot,
        form_age_seconds=submission.form_age_seconds,
        is_trusted=_trusted(email=email, token_comment_ids=submission.token_comment_ids),
        blocked=_blocked(email=email, ip=submission.ip_address),
        flood=flood.hold,
    )
    decision = CommentPolicy().decide(facts, article=article, settings=settings)
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                parent=submission.parent,
                author_name=submission.author_name,
                author_email=email,
                author_url=submission.author_url,
                body=submission.body,
                status=decision.status,
                reasons=decision.reasons,
                ip_address=submission.ip_address,
                user_agent=submission.user_agent[:300],
                content_hash=content_hash,
            )
    except IntegrityError:
        # The same comment arrived at the same moment through another request.
        earlier = Comment.objects.filter(article=article, content_hash=content_hash).first()
        if earlier is None:
            raise
        return earlier, False
    return comment, True


def comment_report(
    *, comment: Comment, reason: str, detail: str = "", ip: str | None = None
) -> CommentReport:
    """A reader flags a published comment for the moderators."""
    if comment.status != Status.APPROVED:
        raise CommentTransitionError("Only a published comment can be reported.")
    return CommentReport.objects.create(
        comment=comment, reason=reason, detail=detail[:500], reporter_ip=ip
    )


def _move(*, comment: Comment, to: str, allowed: tuple[str, ...], user, note: str = "") -> Comment:
    with transaction.atomic():
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        has_reports = current.reports.filter(is_resolved=False).exists()
        dismissing = current.status == to == Status.APPROVED and has_reports
        if current.status not in allowed and not dismissing:
            raise CommentTransitionError(
                f"A comment that is {current.get_status_display().lower()} cannot become "
                f"{Status(to).label.lower()}."
            )
        was = current.status
        current.status = to
        current.status_changed_at = timezone.now()
        current.save(update_fields=["status", "status_changed_at"])
        if has_reports and to != Status.PENDING:
            current.reports.filter(is_resolved=False).update(is_resolved=True)
        ModerationDecision.objects.create(
            comment=current, from_status=was, to_status=to, decided_by=user, note=note[:300]
        )
    comment.status = current.status
    comment.status_changed_at = current.status_changed_at
    return comment


def comment_approve(*, comment: Comment, user, note: str = "") -> Comment:
    """Publish a comment; on a reported published comment, keep it and close the reports."""
    return _move(
        comment=comment,
        to=Status.APPROVED,
        allowed=(Status.PENDING, Status.REJECTED, Status.SPAM),
        user=user,
        note=note,
    )


def comment_reject(*, comment: Comment, user, note: str = "") -> Comment:
    return _move(
        comment=comment,
        to=Status.REJECTED,
        allowed=(Status.PENDING, Status.APPROVED, Status.SPAM),
        user=user,
        note=note,
    )


def comment_mark_spam(*, comment: Comment, user, note: str = "") -> Comment:
    return _move(
        comment=comment,
        to=Status.SPAM,
        allowed=(Status.PENDING, Status.APPROVED, Status.REJECTED),
        user=user,
        note=note,
    )


def comment_restore(*, comment: Comment, user, note: str = "") -> Comment:
    """Put a rejected or spam comment back in the pending queue."""
    return _move(
        comment=comment,
        to=Status.PENDING,
        allowed=(Status.REJECTED, Status.SPAM),
        user=user,
        note=note,
    )


def sender_block(*, kind: str, value: str, user, reason: str = "") -> BlockedSender:
    """Send every future comment from this email address or IP to spam."""
    value = value.strip()
    if kind == BlockedSender.Kind.EMAIL:
        value = value.casefold()
    if not value:
        raise ValueError("Nothing to block.")
    blocked, _created = BlockedSender.objects.get_or_create(
        kind=kind, value=value, defaults={"created_by": user, "reason": reason[:300]}
    )
    return blocked


def sender_unblock(*, blocked: BlockedSender) -> None:
    blocked.delete()


def comments_purge(*, now=None) -> int:
    """Delete spam and rejected comments older than the retention period; never approved ones."""
    settings = ModerationSettings.load()
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.retention_days)
    # A reply that readers see or that awaits a decision must not go with its parent.
    old = Comment.objects.filter(
        status__in=(Status.SPAM, Status.REJECTED), submitted_at__lt=cutoff
    ).exclude(replies__status__in=(Status.APPROVED, Status.PENDING))
    _total, by_model = old.delete()
    return by_model.get(Comment._meta.label, 0)
