"""Batches in: a ZIP, a folder, a file, a page or a feed becomes a batch of queued items.

Every item is written to the database before any worker hears of it, and the workers
are told only once that transaction has committed: the database, not the broker, is
what says which stories are still to do (``items_requeue_stale`` sends again what a
lost message left waiting). An item whose identity (a feed entry's GUID, a ninjs uri,
a page's address, a file's digest) an earlier item holds is linked to that item at once
and never queued.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from kombu.exceptions import OperationalError

from articles.ingest.archive import (
    ArchiveRefused,
    Limits,
    Member,
    file_member,
    folder_members,
    member_kind,
    unknown_type,
    zip_members,
)
from articles.ingest.ninjs import NinjsItem, NinjsRefused, ninjs_items
from articles.models import IngestBatch, IngestItem
from articles.services.imports import copy_match_digest

logger = logging.getLogger(__name__)
Kind = IngestItem.Kind
Status = IngestItem.Status
LOOKUP_CHUNK = 500


class IngestRefused(Exception):
    """The source cannot be taken at all; the message says why, in one line."""


@dataclass
class NewItem:
    kind: str
    name: str = ""
    url: str = ""
    data: bytes | None = None
    source_key: str = ""
    error: str = ""  # parked at once with this message


def source_key(prefix: str, value: str) -> str:
    """A bounded identity: ``prefix`` and a digest of ``value``."""
    return f"{prefix}:{hashlib.blake2b(value.encode(), digest_size=16).hexdigest()}"


def archive_limits() -> Limits:
    config = settings.INGEST
    return Limits(
        max_files=config["ARCHIVE_MAX_FILES"],
        max_file_bytes=settings.NEWSROOM["IMPORT_MAX_BYTES"],
        max_total_bytes=config["ARCHIVE_MAX_BYTES"],
    )


Each = Callable[[int], None] | None


def batch_from_path(*, path: Path, user=None, each: Each = None) -> IngestBatch:
    """A batch from a folder, a ZIP, or one text, HTML or ninjs file on this machine."""
    limits = archive_limits()
    if path.is_dir():
        kind, members = IngestBatch.Kind.FOLDER, folder_members(path, limits=limits)
    elif not path.is_file():
        raise IngestRefused(f"No such file or folder: {path}")
    elif path.suffix.lower() == ".zip":
        size = path.stat().st_size
        if size > limits.max_total_bytes:
            raise IngestRefused(f"{path.name} is larger than INGEST_ARCHIVE_MAX_BYTES allows.")
        kind, members = IngestBatch.Kind.ZIP, zip_members(path.read_bytes(), limits=limits)
    elif not member_kind(path.name):
        raise IngestRefused(unknown_type(path.name))
    else:
        kind, members = (
            IngestBatch.Kind.FILE,
            iter([file_member(path, name=path.name, limits=limits)]),
        )
    try:
        items = [item for member in members for item in _member_items(member)]
    except ArchiveRefused as refused:
        raise IngestRefused(str(refused)) from None
    if kind == IngestBatch.Kind.FILE and items and items[0].error and len(items) == 1:
        raise IngestRefused(items[0].error)
    return batch_create(kind=kind, label=str(path), items=items, user=user, each=each)


def batch_from_zip(*, data: bytes, name: str, user=None, each: Each = None) -> IngestBatch:
    """A batch from an uploaded ZIP's bytes."""
    try:
        items = [i for m in zip_members(data, limits=archive_limits()) for i in _member_items(m)]
    except ArchiveRefused as refused:
        raise IngestRefused(str(refused)) from None
    return batch_create(kind=IngestBatch.Kind.ZIP, label=name, items=items, user=user, each=each)


def _member_items(member: Member) -> list[NewItem]:
    if member.error:
        return [NewItem(kind=Kind.COPY, name=member.name, error=member.error)]
    if member.kind != "ninjs":
        return [
            NewItem(
                kind=Kind.COPY,
                name=member.name,
                data=member.data,
                source_key=source_key("copy", copy_match_digest(member.data)),
            )
        ]
    try:
        found = ninjs_items(member.data)
    except NinjsRefused as refused:
        return [NewItem(kind=Kind.NINJS, name=member.name, error=f"{member.name}: {refused}")]
    return [ninjs_new_item(entry, name=member.name) for entry in found]


def ninjs_new_item(entry: NinjsItem | NinjsRefused, *, name: str) -> NewItem:
    if isinstance(entry, NinjsRefused):
        return NewItem(kind=Kind.NINJS, name=name, error=f"{name}: {entry}")
    return NewItem(
        kind=Kind.NINJS,
        name=(entry.headline or name)[:300],
        data=entry.data,
        source_key=source_key("ninjs", entry.uri),
    )


def batch_create(
    *,
    kind: str,
    label: str,
    items: Iterable[NewItem],
    user=None,
    feed=None,
    seen: int = 0,
    each: Each = None,
) -> IngestBatch:
    """The batch and its items, written together; queued items are sent to the workers
    after the commit (``each`` is called after each one is sent)."""
    items = list(items)
    fields = {"kind": kind, "label": label[:500], "created_by": user, "feed": feed}
    try:
        return _batch_write(fields | {"seen_count": seen}, items, each)
    except IntegrityError:
        # Another batch took one of these identities between the look-up and the insert;
        # the second look-up links to it.
        return _batch_write(fields | {"seen_count": seen}, items, each)


def _batch_write(fields: dict, items: list[NewItem], each: Each) -> IngestBatch:
    with transaction.atomic():
        batch = IngestBatch.objects.create(**fields)
        queued = _items_create(batch, items)
        transaction.on_commit(lambda: items_enqueue(queued, each=each))
    return batch


def _items_create(batch: IngestBatch, items: list[NewItem]) -> list[int]:
    """Insert the items; ``[pk]`` of those to queue. Earlier holders of a key are looked up
    in chunks, so a 10,000-file ZIP costs a few dozen queries, not 10,000."""
    holders = {
        key: (pk, article_id)
        for key, pk, article_id in _holders([i.source_key for i in items if i.source_key])
    }
    rows, later = [], {}
    first_in_batch: dict[str, int] = {}
    for index, item in enumerate(items):
        row = IngestItem(
            batch=batch,
            kind=item.kind,
            name=item.name[:300],
            url=item.url[:2000],
            data=item.data,
            source_key=item.source_key,
        )
        if item.error:
            row.status, row.error, row.source_key = Status.PARKED, item.error, ""
        elif item.source_key in holders:
            pk, article_id = holders[item.source_key]
            row.status, row.repeat_reason = Status.REPEAT, _reason(item)
            row.repeat_of_id, row.article_id = pk, article_id
            row.data = _kept_for_repeat(item)
        elif item.source_key and item.source_key in first_in_batch:
            row.status, row.repeat_reason = Status.REPEAT, _reason(item)
            row.data = _kept_for_repeat(item)
            later[index] = first_in_batch[item.source_key]
        elif item.source_key:
            first_in_batch[item.source_key] = index
        rows.append(row)
    created = IngestItem.objects.bulk_create(rows, batch_size=LOOKUP_CHUNK)
    for index, first in later.items():
        created[index].repeat_of_id = created[first].pk
    IngestItem.objects.bulk_update([created[i] for i in later], ["repeat_of"], batch_size=500)
    return [row.pk for row in created if row.status == Status.QUEUED]


def _holders(keys: list[str]) -> Iterable[tuple[str, int, int | None]]:
    """``(key, item pk, draft pk)`` of the first items holding ``keys``, looked up in chunks."""
    for start in range(0, len(keys), LOOKUP_CHUNK):
        yield from IngestItem.objects.filter(
            source_key__in=keys[start : start + LOOKUP_CHUNK], repeat_reason=""
        ).values_list("source_key", "pk", "article_id")


def keys_taken(keys: list[str]) -> set[str]:
    """Which of ``keys`` an earlier item holds."""
    return {key for key, _pk, _article in _holders(keys)}


def _reason(item: NewItem) -> str:
    bytes_key = item.source_key.startswith("copy:")
    return IngestItem.Reason.BYTES if bytes_key else IngestItem.Reason.KEY


def _kept_for_repeat(item: NewItem) -> bytes | None:
    """A repeat of the same bytes needs no copy of them; another version of a ninjs item,
    or a page seen again, keeps what came, so nothing that arrived is lost."""
    return None if item.source_key.startswith("copy:") else item.data


def items_enqueue(ids: list[int], *, each: Each = None) -> None:
    """Tell the workers (or, with no broker, run now) each item; ``each`` after every one."""
    from articles.tasks import ingest_item

    for pk in ids:
        try:
            ingest_item.delay(pk)
        except OperationalError:
            # The items stay queued in the database; the periodic sweep sends them again.
            logger.exception("The broker refused ingest items; the sweep will send them")
            return
        if each is not None:
            each(pk)
