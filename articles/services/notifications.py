"""Email from the desk: a story submitted for review, comments waiting too long.

Both go through Django's mail backend (``EMAIL_URL``), one message per
person so no one sees another's address, and each person may turn either
off (``NotificationSettings``).
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Comment, ModerationSettings, NotificationSettings

DIGEST_LISTED = 10


def _absolute(path: str) -> str:
    return settings.NEWSROOM["SITE_URL"].rstrip("/") + path


def _recipients(permission: str, switch: str, *, exclude=None):
    """Active people with ``permission`` and an email address who have not turned ``switch`` off."""
    # Named because django-axes adds a second authentication backend.
    people = get_user_model().objects.with_perm(
        permission, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    people = people.exclude(email="")
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.exclude(**{f"notification_settings__{switch}": False})


def _send(messages: list[tuple[str, str, str, list[str]]]) -> int:
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=False, connection=get_connection())


def review_submitted_notify(*, article: Article, submitted_by) -> int:
    """Tell every editor a story waits for review. Returns how many emails were sent."""
    people = list(_recipients("articles.can_publish", "is_review_mail_on", exclude=submitted_by))
    context = {
        "article": article,
        "submitted_by": submitted_by,
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "review_url": _absolute(reverse("admin:articles_article_review", args=[article.pk])),
        "settings_url": _absolute(reverse("admin:desk_notifications")),
    }
    subject = f"For review: {article.headline}"[:150]
    body = render_to_string("articles/email/review_submitted.txt", context)
    sender = settings.DEFAULT_FROM_EMAIL
    return _send([(subject, body, sender, [person.email]) for person in people])


def comments_digest_send(*, now: dt.datetime | None = None) -> int:
    """Email each moderator the comments waiting longer than the set time. Returns emails sent.

    A moderator hears again only when a comment has become overdue since
    their last digest, so running this every few minutes sends nothing new
    until there is something new.
    """
    now = now or timezone.now()
    minutes = ModerationSettings.load().digest_after_minutes
    if not minutes:
        return 0
    wait = dt.timedelta(minutes=minutes)
    overdue = Comment.objects.filter(status=Comment.Status.PENDING, submitted_at__lte=now - wait)
    newest = overdue.order_by("-submitted_at").values_list("submitted_at", flat=True).first()
    if newest is None:
        return 0
    people = list(
        _recipients("articles.can_moderate", "is_digest_mail_on").select_related(
            "notification_settings"
        )
    )
    due = [person for person in people if _last_cutoff(person, wait) < newest]
    if not due:
        return 0
    context = {
        "count": overdue.count(),
        "minutes": minutes,
        "oldest": list(
            overdue.select_related("article")
            .only("author_name", "body", "submitted_at", "article__headline")
            .order_by("submitted_at", "pk")[:DIGEST_LISTED]
        ),
        "now": now,
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "queue_url": _absolute(reverse("admin:articles_comment_changelist")),
        "settings_url": _absolute(reverse("admin:desk_notifications")),
    }
    subject = f"{context['count']} comment(s) waiting for moderation"
    body = render_to_string("articles/email/comments_waiting.txt", context)
    sender = settings.DEFAULT_FROM_EMAIL
    sent = _send([(subject, body, sender, [person.email]) for person in due])
    for person in due:
        NotificationSettings.objects.update_or_create(user=person, defaults={"digest_sent_at": now})
    return sent


def _last_cutoff(person, wait: dt.timedelta) -> dt.datetime:
    """Comments submitted up to this moment were in the person's last digest."""
    try:
        sent_at = person.notification_settings.digest_sent_at
    except NotificationSettings.DoesNotExist:
        sent_at = None
    if sent_at is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return sent_at - wait
