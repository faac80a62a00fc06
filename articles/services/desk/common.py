"""Small pieces every desk service shares: permissions, locking, audit, revisions.

The public cache follows saved articles through ``articles.signals``.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from articles.models import Article, FormerSlug, Revision

PUBLISH_PERMISSION = "articles.can_publish"
# Status and publish times belong to the workflow steps, which change them
# under the row lock; a save writes every other field. A save that wrote the
# whole row as its form had read it would undo a publish or unpublish
# committed in between.
WORKFLOW_FIELDS = ("status", "published_at", "first_published_at")


def require_permission(user, permission: str) -> None:
    """Refuse a user without ``permission``. ``None`` is the system itself (a management command)."""
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(f"You need the permission {permission!r} for this.")


def article_lock(article_id: int) -> Article:
    """The article's current row, locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article_id)


def audit_log(*, user, article: Article, message: str) -> None:
    """A line in the article's admin history (skipped for the system user)."""
    if user is None:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[article],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def revision_record(*, article: Article, user, note: str = "") -> Revision:
    """Keep the article's current words as its next revision (call with the row locked)."""
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        article=article,
        number=last + 1,
        headline=article.headline,
        dek=article.dek,
        body=article.body,
        note=note[:300],
        created_by=user,
    )


def slug_follow_headline(*, article: Article, stored: Article) -> None:
    """Until its first publication the slug is made from the headline; after, it never changes.

    A slug given up is kept as a ``FormerSlug``, so its address redirects.
    """
    if stored.first_published_at is not None:
        article.slug = stored.slug
        return
    if article.headline == stored.headline and article.slug == stored.slug:
        return
    article.slug = article.slug_made()
    if article.slug != stored.slug:
        FormerSlug.objects.create(article=stored, slug=stored.slug)


def article_text_check(article: Article) -> list[str]:
    """What the article's words lack before readers may see them; empty when nothing."""
    reasons = []
    if not article.headline.strip():
        reasons.append("The headline is empty.")
    if not article.body.strip():
        reasons.append("The body is empty.")
    return reasons


def saved_fields() -> list[str]:
    """The columns a save writes: all but the primary key and ``WORKFLOW_FIELDS``."""
    return [
        field.name
        for field in Article._meta.concrete_fields
        if not field.primary_key and field.name not in WORKFLOW_FIELDS
    ]


def text_changed_after_publication(article: Article) -> bool:
    return article.status == Article.Status.PUBLISHED and article.first_published_at is not None


def text_write(*, article: Article, stored: Article, user, note: str, force: bool = False) -> bool:
    """Save ``article`` over the locked ``stored`` row; keep a revision when its words changed.

    Returns whether the headline, dek or body changed. The workflow's fields
    are not written; ``article`` then carries the status and publish times of
    the locked row. The version goes up on every write so an editor holding an
    older one is told.
    """
    changed = force or any(
        getattr(stored, name) != getattr(article, name) for name in ("headline", "dek", "body")
    )
    if changed and not stored.revisions.exists():
        revision_record(
            article=stored, user=stored.created_by, note="As it was before the first edit"
        )
    article.version = stored.version + 1
    slug_follow_headline(article=article, stored=stored)
    if changed and text_changed_after_publication(stored):
        article.content_updated_at = timezone.now()
    article.save(update_fields=saved_fields())
    for name in WORKFLOW_FIELDS:
        setattr(article, name, getattr(stored, name))
    if changed:
        revision_record(article=article, user=user, note=note)
    return changed
