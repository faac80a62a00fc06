"""How far a batch has gone: the one read the desk's progress bar and ``manage.py ingest`` share.

One aggregate query over the batch's items (indexed by batch and status), whatever
the batch's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from articles.models import IngestBatch, IngestItem

Status = IngestItem.Status


@dataclass(frozen=True)
class BatchProgress:
    counts: dict[str, int]  # every status, zero included

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(self.counts[status] for status in IngestItem.DONE)

    @property
    def is_finished(self) -> bool:
        return self.done == self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "done": self.done,
            "percent": self.percent,
            "finished": self.is_finished,
            "counts": self.counts,
        }

    def summary(self) -> str:
        """``40 items: 37 drafted, 2 linked to earlier items, 1 parked`` (no zero counts)."""
        words = {
            Status.QUEUED: "queued",
            Status.FETCHED: "fetched",
            Status.CLEANED: "cleaned",
            Status.DRAFTED: "drafted",
            Status.REPEAT: "linked to earlier items",
            Status.RETRYING: "failed, to be retried",
            Status.PARKED: "parked",
        }
        parts = [f"{self.counts[s]} {words[s]}" for s in words if self.counts[s]]
        return f"{self.total} item{'' if self.total == 1 else 's'}" + (
            ": " + ", ".join(parts) if parts else ""
        )


def batch_progress(*, batch: IngestBatch) -> BatchProgress:
    rows = (
        IngestItem.objects.filter(batch=batch)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = dict.fromkeys(Status.values, 0)
    counts.update(rows)
    return BatchProgress(counts=counts)
