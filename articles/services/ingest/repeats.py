"""Reworded repeats against the recent drafts: candidates by shared fact keys, confirmed by
the cleaner's repeat detection (``articles.ingest.repeats``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from articles.body import body_paragraphs
from articles.ingest.repeats import is_repeat
from articles.models import IngestItem, RepeatKey

CANDIDATES = 3
# Keys an earlier item must share to be worth the cleaner's look: at least four of the
# eight sketched facts (six pairs). Two stories naming the town and its council leader
# share a pair or two; a rewording shares nearly all of them.
MIN_SHARED = 6


def reworded_original(*, keys: list[str], paragraphs: list[str], item: IngestItem):
    """The earliest recent drafted item whose draft says what ``paragraphs`` say, or None."""
    if not keys:
        return None
    since = timezone.now() - timedelta(days=settings.INGEST["REPEAT_DAYS"])
    best = (
        RepeatKey.objects.filter(key__in=keys, created_at__gte=since)
        .exclude(item_id=item.pk)
        .values("item_id")
        .annotate(shared=Count("pk"))
        .filter(shared__gte=MIN_SHARED)
        .order_by("-shared", "item_id")[:CANDIDATES]
    )
    ids = [row["item_id"] for row in best]
    if not ids:
        return None
    candidates = (
        IngestItem.objects.filter(pk__in=ids, article__isnull=False)
        .select_related("article")
        .only("pk", "article__id", "article__body")
        .order_by("pk")
    )
    for candidate in candidates:
        if is_repeat(body_paragraphs(candidate.article.body), paragraphs):
            return candidate
    return None


def repeat_keys_store(*, item: IngestItem, keys: list[str]) -> None:
    RepeatKey.objects.bulk_create(RepeatKey(item=item, key=key) for key in keys)
