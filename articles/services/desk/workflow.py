"""The article's life: draft -> in review -> published -> unpublished -> draft.

Each step checks the current status under a row lock, raises
``InvalidTransition`` otherwise, writes only the workflow's own fields and
raises the version. Publishing is guarded by the publish gate
(``article_publish_check``) and the ``can_publish`` permission. A publish
time in the future schedules the article: readers see it from then on
because visibility is "published and publish time has passed", with no job
to run at that time.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Finding
from articles.services.cleaner import site_lines_keep_published
from articles.services.desk.common import (
    PUBLISH_PERMISSION,
    article_lock,
    article_text_check,
    audit_log,
    require_permission,
)
from articles.services.desk.errors import InvalidTransition, PublishRefused
from articles.services.notifications import review_submitted_notify

Status = Article.Status
_BLOCKING = [Finding.Action.REMOVE, Finding.Action.REVIEW]


def article_publish_check(article: Article) -> list[str]:
    """Why the article may not be published yet; an empty list means it may."""
    reasons = article_text_check(article)
    if not article.bylines.exists():
        reasons.append("The article has no byline.")
    reasons.extend(_image_reasons(article))
    undecided = (
        article.findings.filter(decision=Finding.Decision.OPEN, action__in=_BLOCKING)
        .values("rule")
        .annotate(n=Count("pk"))
        .order_by("rule")
    )
    for row in undecided:
        noun = "finding" if row["n"] == 1 else "findings"
        reasons.append(f"{row['n']} undecided {noun} of rule {row['rule']}.")
    return reasons


def _image_reasons(article: Article) -> list[str]:
    """Every image a reader would see needs alt text, a caption and a credit."""
    shown = []
    if article.lead_image_id:
        shown.append(("The lead image", article.lead_image))
    for placed in article.body_images.select_related("image"):
        shown.append((f"The image after paragraph {placed.after_paragraph}", placed.image))
    reasons = []
    for label, image in shown:
        missing = [
            name
            for name, value in (
                ("alt text", image.alt_text),
                ("caption", image.caption),
                ("credit", image.credit),
            )
            if not value.strip()
        ]
        if missing:
            reasons.append(f"{label} has no {' and no '.join(missing)}.")
    return reasons


def _refuse(article: Article, action: str) -> InvalidTransition:
    return InvalidTransition(
        f"An article that is {article.get_status_display().lower()} cannot be {action}."
    )


def _update(article: Article, target: Article, fields: list[str]) -> None:
    # Every step raises the version, so an editor's form opened before it is told.
    target.version += 1
    fields = [*fields, "version"]
    target.save(update_fields=[*fields, "updated_at"])
    for name in fields:
        setattr(article, name, getattr(target, name))


def article_publish(*, article: Article, user, at: dt.datetime | None = None) -> Article:
    """Publish now, or schedule for ``at`` when it is in the future.

    Allowed from draft and in review, and for an article that is scheduled
    but not yet live (to move its time). Refused with the gate's reasons.
    """
    require_permission(user, PUBLISH_PERMISSION)
    now = timezone.now()
    with transaction.atomic():
        stored = article_lock(article.pk)
        rescheduling = stored.is_scheduled
        if stored.status not in (Status.DRAFT, Status.REVIEW) and not rescheduling:
            raise _refuse(stored, "published")
        reasons = article_publish_check(stored)
        if reasons:
            raise PublishRefused(reasons)
        when = at or now
        stored.status = Status.PUBLISHED
        stored.published_at = when
        if stored.first_published_at is None or stored.first_published_at > now:
            stored.first_published_at = when
        _update(article, stored, ["status", "published_at", "first_published_at"])
        site_lines_keep_published(article=stored)
        if when > now:
            moment = date_format(timezone.localtime(when), "DATETIME_FORMAT")
            message = f"Scheduled for {moment}."
        else:
            message = "Published."
        audit_log(user=user, article=stored, message=message)
    return article


def article_unpublish(*, article: Article, user) -> Article:
    """Take a published or scheduled article away from readers."""
    require_permission(user, PUBLISH_PERMISSION)
    with transaction.atomic():
        stored = article_lock(article.pk)
        if stored.status != Status.PUBLISHED:
            raise _refuse(stored, "unpublished")
        stored.status = Status.UNPUBLISHED
        _update(article, stored, ["status"])
        audit_log(user=user, article=stored, message="Unpublished.")
    return article


def article_submit_for_review(*, article: Article, user) -> Article:
    """A draft goes to the editors."""
    require_permission(user, "articles.change_article")
    with transaction.atomic():
        stored = article_lock(article.pk)
        if stored.status != Status.DRAFT:
            raise _refuse(stored, "submitted for review")
        stored.status = Status.REVIEW
        _update(article, stored, ["status"])
        audit_log(user=user, article=stored, message="Submitted for review.")
        # After commit, and a mail server that fails is logged, never a failed submit.
        transaction.on_commit(
            lambda: review_submitted_notify(article=stored, submitted_by=user), robust=True
        )
    return article


def article_return_to_draft(*, article: Article, user) -> Article:
    """An unpublished article, or one in review, goes back to being a draft."""
    require_permission(user, "articles.change_article")
    with transaction.atomic():
        stored = article_lock(article.pk)
        if stored.status not in (Status.UNPUBLISHED, Status.REVIEW):
            raise _refuse(stored, "returned to draft")
        stored.status = Status.DRAFT
        _update(article, stored, ["status"])
        audit_log(user=user, article=stored, message="Returned to draft.")
    return article
