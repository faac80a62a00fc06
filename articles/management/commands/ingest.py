"""``manage.py ingest PATH|URL``: a ZIP, a folder, a file, a feed or a page in, as drafts.

Every item is queued; with no broker configured each runs here at once, otherwise the
workers take them and this command follows the batch until it is done. A progress bar
(tqdm) goes to standard error; what was made goes to standard output. Running it again
on the same items makes no new drafts: they are linked to the first.
"""

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from tqdm import tqdm

from articles.management.commands._input import refuse
from articles.models import IngestItem
from articles.services import ingest

SHOWN = 100  # item lines printed; the rest are in the desk
POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = (
        "Ingest a ZIP, a folder, a text/HTML/ninjs file, an RSS or Atom feed, or a page: "
        "each item is cleaned and becomes a draft. Items seen before are linked, not "
        "imported twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a path (ZIP, folder or file) or an http(s) address")
        parser.add_argument("--user", help="the username to record as having started it")
        parser.add_argument(
            "--follow",
            action="store_true",
            help="for a feed: keep polling it on schedule from now on",
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="with workers: queue the items and return without following the batch",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, source, user, follow, no_wait, no_progress, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise refuse(f"No user named {user}.")
        eager = settings.CELERY_TASK_ALWAYS_EAGER
        bar = tqdm(
            desc="ingest",
            unit="item",
            disable=no_progress or None,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        counted = {"sent": 0}

        def each(_pk):
            counted["sent"] += 1
            if eager:
                bar.update(1)

        try:
            batch = self._batch(source, account, follow, each)
        except ingest.IngestRefused as refused:
            bar.close()
            raise refuse(str(refused)) from None
        progress = ingest.batch_progress(batch=batch)
        bar.total = progress.total
        bar.n = progress.done
        bar.refresh()
        if not eager and not no_wait:
            progress = self._follow(batch, bar, progress)
        bar.close()
        self._report(batch, progress, finished=progress.is_finished)

    def _batch(self, source, account, follow, each):
        if urlsplit(source).scheme in ("http", "https"):
            return ingest.batch_from_url(url=source, user=account, follow=follow, each=each)
        if "://" in source or source.lower().startswith(("file:", "ftp:", "data:")):
            raise ingest.IngestRefused(
                f"Only http and https addresses, or paths on this machine: not {source[:80]}."
            )
        return ingest.batch_from_path(path=Path(source), user=account, each=each)

    def _follow(self, batch, bar, progress):
        """Wait for the workers, the bar following the batch; Ctrl-C stops only the waiting."""
        try:
            while not progress.is_finished:
                time.sleep(POLL_SECONDS)
                progress = ingest.batch_progress(batch=batch)
                bar.n = progress.done
                bar.refresh()
        except KeyboardInterrupt:
            self.stderr.write("Stopped following; the workers go on with the batch.")
        return progress

    def _report(self, batch, progress, *, finished):
        url = reverse("admin:articles_ingestbatch_change", args=[batch.pk])
        self.stdout.write(f"Batch {batch.pk} ({batch}): {progress.summary()}.")
        if batch.seen_count:
            self.stdout.write(f"{batch.seen_count} feed entries were taken before: skipped.")
        items = (
            IngestItem.objects.filter(batch=batch)
            .select_related("article")
            .only("pk", "name", "url", "status", "error", "article__id", "article__headline")
            .order_by("pk")
        )
        for item in items[:SHOWN]:
            self.stdout.write(self._line(item))
        if progress.total > SHOWN:
            self.stdout.write(f"... and {progress.total - SHOWN} more.")
        if not finished:
            self.stdout.write("Still running on the workers.")
        self.stdout.write(f"In the desk: {url}")

    def _line(self, item: IngestItem) -> str:
        label = item.name or item.url
        if item.status == IngestItem.Status.DRAFTED:
            return f"  drafted  article {item.article.pk}: {item.article.headline} ({label})"
        if item.status == IngestItem.Status.REPEAT:
            target = f"article {item.article.pk}" if item.article else "an earlier item"
            return f"  linked   {label}: {item.get_repeat_reason_display()} as {target}"
        if item.status == IngestItem.Status.PARKED:
            return f"  parked   {label}: {item.error}"
        return f"  {item.get_status_display().lower():<8} {label}"
