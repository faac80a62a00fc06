"""Who has an article open: a soft lock, as WordPress warns before anyone types.

Opening the edit form and every refresh from its script touch the editor's
session; everyone else whose session was seen within ``PRESENCE_WINDOW`` is
shown. Nobody is ever kept out: the save path merges or shows conflicts.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, EditingSession

PRESENCE_WINDOW = dt.timedelta(seconds=60)  # the script refreshes every 20 s
FORGOTTEN = dt.timedelta(days=1)


def article_presence_touch(*, article: Article, user, now: dt.datetime | None = None) -> None:
    """Mark ``user`` as having ``article`` open now; a new visit after a pause opens anew."""
    now = now or timezone.now()
    updated = EditingSession.objects.filter(
        article=article, user=user, last_seen_at__gte=now - PRESENCE_WINDOW
    ).update(last_seen_at=now)
    if updated:
        return
    try:
        with transaction.atomic():
            EditingSession.objects.update_or_create(
                article=article, user=user, defaults={"opened_at": now, "last_seen_at": now}
            )
    except IntegrityError:
        # The same person's other tab made the row a moment ago.
        EditingSession.objects.filter(article=article, user=user).update(last_seen_at=now)
    EditingSession.objects.filter(last_seen_at__lt=now - FORGOTTEN).delete()


def article_presence_leave(*, article: Article, user) -> None:
    """The editor left the form (saved, or closed the page)."""
    EditingSession.objects.filter(article=article, user=user).delete()


def article_editors(
    *, article: Article, user, now: dt.datetime | None = None
) -> list[EditingSession]:
    """The other people who have the article open now, earliest first."""
    now = now or timezone.now()
    return list(
        EditingSession.objects.filter(article=article, last_seen_at__gte=now - PRESENCE_WINDOW)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at")
    )
