"""One item from queued to a draft: fetched, cleaned, checked against what the desk has, imported.

``item_process`` is what a worker runs, and it may run more than once for one item (a
worker killed halfway, a message delivered twice): it never makes a second draft. The
database says where the item stands; the last step, the check for an earlier copy and
the import, happens in one transaction with the item's row locked, and the import
itself refuses to make a second draft of the same bytes.

Each run counts an attempt before it starts, so an item that kills its worker is
counted too. A failure worth trying again (a timeout, a server error, the database
away, anything unexpected) is retried with back-off; after ``INGEST_MAX_ATTEMPTS``, or
at once for a failure that cannot change (a refused address, a page too large, copy
the cleaner cannot read), the item is parked with its error for an editor.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from articles.body import body_paragraphs
from articles.ingest.feeds import looks_like_feed
from articles.ingest.fetch import FetchError
from articles.ingest.ninjs import NinjsRefused, ninjs_item
from articles.ingest.repeats import repeat_keys
from articles.models import Article, IngestItem, RawCopy
from articles.services.imports import (
    CleanedCopy,
    ImportRejected,
    copy_clean,
    copy_match_digest,
    story_import,
)
from articles.services.ingest.batches import items_enqueue
from articles.services.ingest.fetching import page_fetch
from articles.services.ingest.repeats import repeat_keys_store, reworded_original

logger = logging.getLogger(__name__)
Status = IngestItem.Status
Reason = IngestItem.Reason
WAITING = (Status.QUEUED, Status.FETCHED, Status.CLEANED, Status.RETRYING)
PERMANENT = (ImportRejected, NinjsRefused)


class ItemRefused(Exception):
    """An editor's request on an item that cannot be met; the message says why."""


@dataclass(frozen=True)
class Outcome:
    status: str
    retry_in: int | None = None  # seconds: the task sends the item again after this


@dataclass
class _Timings:
    """Milliseconds spent fetching, cleaning, waiting for the database, and in all."""

    fetch: float = 0.0
    clean: float = 0.0
    db: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def query(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.db += (time.perf_counter() - start) * 1000

    def as_dict(self) -> dict:
        return {
            "fetch": round(self.fetch, 1),
            "clean": round(self.clean, 1),
            "db": round(self.db, 1),
            "total": round((time.perf_counter() - self.started) * 1000, 1),
        }


def item_process(*, item_id: int) -> Outcome:
    """Take the item one step to its end: drafted, linked to an earlier item, or parked."""
    timings = _Timings()
    with connection.execute_wrapper(timings.query):
        item = _claim(item_id)
        if item is None:
            return Outcome(status="done")
        try:
            return _process(item, timings)
        except Exception as error:
            return _failed(item, error)


def _claim(item_id: int) -> IngestItem | None:
    """The item, its attempt counted; None when it is done or has used every attempt."""
    limit = settings.INGEST["MAX_ATTEMPTS"]
    with transaction.atomic():
        item = (
            IngestItem.objects.select_for_update(of=("self",))
            .select_related("batch")
            .filter(pk=item_id)
            .first()
        )
        if item is None or item.is_done:
            return None
        if item.attempts >= limit:
            # Every attempt so far ended without a word: the worker died or was killed.
            item.status = Status.PARKED
            item.error = (
                f"Attempt {item.attempts} of {limit} ended without a word: the worker died "
                f"or was killed while on it. {item.error}"
            ).strip()
            item.save(update_fields=["status", "error", "updated_at"])
            return None
        item.attempts += 1
        item.save(update_fields=["attempts", "updated_at"])
    return item


def _process(item: IngestItem, timings: _Timings) -> Outcome:
    copy, format, site = _copy(item, timings)
    earlier = _draft_of_same_bytes(copy)
    if earlier is not None:
        return _finish(item, timings, link=(Reason.BYTES, earlier))
    started, db_before = time.perf_counter(), timings.db
    cleaned = copy_clean(data=copy, format=format, site=site)
    timings.clean += (time.perf_counter() - started) * 1000 - (timings.db - db_before)
    IngestItem.objects.filter(pk=item.pk, status__in=WAITING).update(
        status=Status.CLEANED, updated_at=timezone.now()
    )
    return _finish(item, timings, copy=copy, format=format, site=site, cleaned=cleaned)


def _copy(item: IngestItem, timings: _Timings) -> tuple[bytes, str, str]:
    """``(bytes for the cleaner, format, site)``; a page not fetched yet is fetched first."""
    if item.kind == IngestItem.Kind.NINJS:
        return ninjs_item(json.loads(bytes(item.data))).copy(), "text", ""
    if item.kind == IngestItem.Kind.COPY:
        return bytes(item.data), "auto", ""
    if item.data is None:
        started = time.perf_counter()
        fetched = page_fetch(item.url)
        timings.fetch += (time.perf_counter() - started) * 1000
        if looks_like_feed(fetched.data, fetched.content_type):
            raise ImportRejected(f"{item.url[:80]} is a feed, not a page: add it under Feeds.")
        item.data, item.url = fetched.data, fetched.url[:2000]
        IngestItem.objects.filter(pk=item.pk, status__in=WAITING).update(
            data=fetched.data, url=item.url, status=Status.FETCHED, updated_at=timezone.now()
        )
    return bytes(item.data), "auto", urlsplit(item.url).hostname or ""


def _draft_of_same_bytes(copy: bytes) -> Article | None:
    raw = RawCopy.objects.filter(match_sha256=copy_match_digest(copy)).values("pk").first()
    if raw is None:
        return None
    return Article.objects.filter(raw_copy_id=raw["pk"]).only("pk").first()


def _finish(
    item: IngestItem,
    timings: _Timings,
    *,
    link: tuple[str, Article] | None = None,
    copy: bytes = b"",
    format: str = "auto",
    site: str = "",
    cleaned: CleanedCopy | None = None,
) -> Outcome:
    """The last step, in one transaction with the item locked: link it, or import it."""
    with transaction.atomic():
        locked = IngestItem.objects.select_for_update().get(pk=item.pk)
        if locked.is_done:
            return Outcome(status=locked.status)
        keys: list[str] = []
        if link is None:
            paragraphs = body_paragraphs(cleaned.result.body)
            keys = repeat_keys(paragraphs)
            original = reworded_original(keys=keys, paragraphs=paragraphs, item=locked)
            if original is not None:
                link = (Reason.REWORDED, original.article, original)
        if link is None:
            article, created = story_import(
                data=copy,
                filename=(locked.name or locked.url)[:255],
                format=format,
                user=item.batch.created_by,
                via="ingest",
                site=site,
                cleaned=cleaned,
            )
            if created:
                locked.status, locked.article = Status.DRAFTED, article
                if locked.kind != IngestItem.Kind.NINJS:
                    locked.data = None  # kept byte for byte in the draft's raw copy
                repeat_keys_store(item=locked, keys=keys)
            else:
                link = (Reason.BYTES, article)
        if link is not None:
            _link(locked, *link)
        locked.error = ""
        locked.timings = timings.as_dict()
        locked.save()
    return Outcome(status=locked.status)


def _link(item: IngestItem, reason: str, article: Article, original: IngestItem | None = None):
    """Mark ``item`` a repeat of ``article`` and of the first item that drafted it."""
    if original is None:
        original = (
            IngestItem.objects.filter(article=article, repeat_reason="")
            .exclude(pk=item.pk)
            .order_by("pk")
            .first()
        )
    item.status, item.repeat_reason = Status.REPEAT, reason
    item.article, item.repeat_of = article, original
    if reason == Reason.BYTES and original is not None:
        item.data = None  # the same bytes are kept once, with the first


def _failed(item: IngestItem, error: Exception) -> Outcome:
    permanent = isinstance(error, PERMANENT) or (
        isinstance(error, FetchError) and not error.retryable
    )
    if not isinstance(error, (*PERMANENT, FetchError)):
        logger.exception("Ingest item %s failed", item.pk)
        message = f"Unexpected error: {type(error).__name__}: {error}"
    else:
        message = str(error)
    limit = settings.INGEST["MAX_ATTEMPTS"]
    still = IngestItem.objects.filter(pk=item.pk, status__in=WAITING)
    if permanent or item.attempts >= limit:
        if not permanent:
            message = f"{message} (gave up after {item.attempts} attempts)"
        still.update(status=Status.PARKED, error=message, updated_at=timezone.now())
        return Outcome(status=Status.PARKED)
    still.update(status=Status.RETRYING, error=message, updated_at=timezone.now())
    return Outcome(status=Status.RETRYING, retry_in=retry_delay(item.attempts))


def retry_delay(attempts: int) -> int:
    """Seconds before attempt ``attempts + 1``: the base, then four times longer each time."""
    return settings.INGEST["RETRY_SECONDS"] * 4 ** max(attempts - 1, 0)


def item_retry(*, item: IngestItem, user) -> IngestItem:
    """An editor sends a parked item back to the workers, with its attempts counted afresh."""
    if not user.has_perm("articles.change_ingestitem"):
        raise ItemRefused("You need the permission to change ingest items for this.")
    if item.data is None and not item.url:
        raise ItemRefused(f"{item}: nothing arrived to try again with.")
    with transaction.atomic():
        updated = IngestItem.objects.filter(pk=item.pk, status=Status.PARKED).update(
            status=Status.QUEUED, attempts=0, error="", updated_at=timezone.now()
        )
        if not updated:
            raise ItemRefused(f"{item}: only a parked item is tried again.")
        transaction.on_commit(lambda: items_enqueue([item.pk]))
    item.refresh_from_db()
    return item


def items_requeue_stale(*, now=None) -> int:
    """Send again the items that waited longer than ``INGEST_STALE_MINUTES`` for a worker
    (their message was lost: a broker restarted empty, or it was down when they came)."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.INGEST["STALE_MINUTES"])
    ids = list(
        IngestItem.objects.filter(status__in=WAITING, updated_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    with transaction.atomic():
        IngestItem.objects.filter(pk__in=ids).update(updated_at=now)
        transaction.on_commit(lambda: items_enqueue(ids))
    return len(ids)
