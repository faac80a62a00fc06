"""Feeds and pages in: a feed poll makes a batch of its new entries; a page, a batch of one.

A feed entry is known by its GUID within its feed: polled again, the entries taken
before are counted as seen, not listed, so polling every few minutes adds a row only
for what is new. Each entry's page is fetched by a worker, not here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from articles.ingest.feeds import NotAFeed, entry_copy, feed_parse, looks_like_feed
from articles.ingest.fetch import FetchError, FetchFailed
from articles.models import Feed, IngestBatch, IngestItem
from articles.services.ingest.batches import (
    Each,
    IngestRefused,
    NewItem,
    batch_create,
    keys_taken,
    source_key,
)
from articles.services.ingest.fetching import page_fetch

logger = logging.getLogger(__name__)
Kind = IngestItem.Kind


def page_key(url: str) -> str:
    """A page's identity: its address with the scheme and host in lower case, no fragment."""
    parts = urlsplit(url.strip())
    normal = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )
    return source_key("url", normal)


def batch_from_url(*, url: str, user=None, follow: bool = False, each: Each = None) -> IngestBatch:
    """A feed's new entries, or one page, as a batch.

    An address refused outright (its scheme, a private address, robots.txt, its size) is
    refused here with the reason; one that only failed for now (a timeout, a server
    error) is queued, and the workers try it again.
    """
    try:
        fetched = page_fetch(url)
    except FetchFailed:
        item = NewItem(kind=Kind.PAGE, name=url, url=url, source_key=page_key(url))
        return batch_create(
            kind=IngestBatch.Kind.PAGE, label=url, items=[item], user=user, each=each
        )
    except FetchError as refused:
        raise IngestRefused(str(refused)) from None
    if looks_like_feed(fetched.data, fetched.content_type):
        feed = feed_follow(url=url, user=user) if follow else Feed.objects.filter(url=url).first()
        return batch_from_feed(
            feed_url=url, data=fetched.data, feed=feed, user=user, keep_empty=True, each=each
        )
    item = NewItem(
        kind=Kind.PAGE, name=url, url=fetched.url, data=fetched.data, source_key=page_key(url)
    )
    return batch_create(kind=IngestBatch.Kind.PAGE, label=url, items=[item], user=user, each=each)


def batch_from_feed(
    *,
    feed_url: str,
    data: bytes,
    feed: Feed | None = None,
    user=None,
    keep_empty: bool = False,
    each: Each = None,
) -> IngestBatch | None:
    """A batch of the feed's entries not taken before; None when none is new (unless
    ``keep_empty``). Raises ``IngestRefused`` for bytes that are not a feed."""
    try:
        parsed = feed_parse(data)
    except NotAFeed as error:
        raise IngestRefused(str(error)) from None
    keys = [source_key("guid", f"{feed_url}\n{entry.guid}") for entry in parsed.entries]
    taken = keys_taken(keys)
    items, seen = [], 0
    for entry, key in zip(parsed.entries, keys, strict=True):
        if key in taken:
            seen += 1
            continue
        taken.add(key)
        name = (entry.title or entry.link or entry.guid)[:300]
        link = urljoin(feed_url, entry.link) if entry.link else ""
        if urlsplit(link).scheme in ("http", "https"):
            items.append(NewItem(kind=Kind.PAGE, name=name, url=link, source_key=key))
        elif entry.content.strip():
            items.append(NewItem(kind=Kind.COPY, name=name, data=entry_copy(entry), source_key=key))
        else:
            items.append(
                NewItem(kind=Kind.PAGE, name=name, error="The entry has no link and no text.")
            )
    if not items and not keep_empty:
        return None
    label = (feed.title if feed and feed.title else parsed.title) or feed_url
    if feed is not None and not feed.title and parsed.title:
        Feed.objects.filter(pk=feed.pk, title="").update(title=parsed.title[:300])
    return batch_create(
        kind=IngestBatch.Kind.FEED,
        label=label,
        items=items,
        user=user,
        feed=feed,
        seen=seen,
        each=each,
    )


def feed_follow(*, url: str, user=None) -> Feed:
    """The feed at ``url``, polled on schedule from now on."""
    feed, created = Feed.objects.get_or_create(url=url, defaults={"created_by": user})
    if not created and not feed.is_active:
        feed.is_active = True
        feed.save(update_fields=["is_active"])
    return feed


def feed_poll(*, feed: Feed, user=None) -> IngestBatch | None:
    """Ask the feed for what is new (conditionally: its ETag and Last-Modified) and queue it.

    A feed that cannot be fetched or read keeps its error for the editor and is asked
    again at its next turn.
    """
    now = timezone.now()
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    record = {"last_polled_at": now, "next_poll_at": now + timedelta(minutes=feed.poll_minutes)}
    try:
        fetched = page_fetch(feed.url, headers=headers)
        batch = None
        if fetched.status != 304:
            batch = batch_from_feed(feed_url=feed.url, data=fetched.data, feed=feed, user=user)
            record.update(
                etag=fetched.headers.get("etag", "")[:300],
                last_modified=fetched.headers.get("last-modified", "")[:100],
            )
    except (FetchError, IngestRefused) as error:
        Feed.objects.filter(pk=feed.pk).update(last_error=str(error), **record)
        return None
    Feed.objects.filter(pk=feed.pk).update(last_error="", **record)
    return batch


def feeds_due(*, now=None) -> list[int]:
    """The active feeds whose turn has come, each claimed so that a second scheduler
    running at the same moment does not poll it too."""
    now = now or timezone.now()
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    claimed = []
    for pk, minutes in Feed.objects.filter(due, is_active=True).values_list("pk", "poll_minutes"):
        later = now + timedelta(minutes=minutes)
        if Feed.objects.filter(due, pk=pk).update(next_poll_at=later):
            claimed.append(pk)
    return claimed


def feeds_poll_now(*, feeds: Iterable[Feed]) -> int:
    """Have each feed polled now by a worker (at once, here, with no broker)."""
    from articles.tasks import feed_poll

    ids = [feed.pk for feed in feeds]

    def send():
        for pk in ids:
            try:
                feed_poll.delay(pk)
            except OperationalError:
                logger.exception("Could not queue a poll of feed %s", pk)

    transaction.on_commit(send)
    return len(ids)
