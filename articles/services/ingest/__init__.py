"""The wire in: feeds, pages, ZIPs, folders and ninjs files become batches of drafts.

Split by subject, re-exported here: ``batches`` (sources into queued items),
``feeds`` (feeds and pages), ``items`` (one item from queued to a draft),
``repeats`` (reworded repeats), ``fetching`` (robots.txt and the per-host interval),
``progress`` (what the desk and the command show).
"""

from articles.services.ingest.batches import (
    IngestRefused,
    batch_from_path,
    batch_from_zip,
    items_enqueue,
)
from articles.services.ingest.feeds import (
    batch_from_feed,
    batch_from_url,
    feed_follow,
    feed_poll,
    feeds_due,
    feeds_poll_now,
)
from articles.services.ingest.items import (
    ItemRefused,
    Outcome,
    item_process,
    item_retry,
    items_requeue_stale,
    retry_delay,
)
from articles.services.ingest.progress import BatchProgress, batch_progress

__all__ = [
    "BatchProgress",
    "IngestRefused",
    "ItemRefused",
    "Outcome",
    "batch_from_feed",
    "batch_from_path",
    "batch_from_url",
    "batch_from_zip",
    "batch_progress",
    "feed_follow",
    "feed_poll",
    "feeds_due",
    "feeds_poll_now",
    "item_process",
    "item_retry",
    "items_enqueue",
    "items_requeue_stale",
    "retry_delay",
]
