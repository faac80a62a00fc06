"""The wire in: feeds polled on a schedule, batches of copy and the items in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Feed(models.Model):
    """An RSS or Atom feed the workers poll; each new entry's page becomes a draft."""

    url = models.URLField(_("feed address"), max_length=2000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    is_active = models.BooleanField(
        _("polled"), default=True, help_text=_("Polled on schedule while ticked.")
    )
    poll_minutes = models.PositiveIntegerField(
        _("minutes between polls"),
        default=15,
        help_text=_("The feed is not asked more often than this."),
    )
    etag = models.CharField(_("ETag"), max_length=300, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, db_index=True)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["title", "url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self):
        return self.title or self.url


class IngestBatch(models.Model):
    """Copy that came in together: one feed poll, one ZIP, one folder, one page."""

    class Kind(models.TextChoices):
        FEED = "feed", _("Feed")
        PAGE = "page", _("Page")
        ZIP = "zip", _("ZIP")
        FOLDER = "folder", _("Folder")
        FILE = "file", _("File")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    label = models.CharField(_("from"), max_length=500, help_text=_("The address, file or folder."))
    feed = models.ForeignKey(
        Feed,
        verbose_name=_("feed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batches",
    )
    seen_count = models.PositiveIntegerField(
        _("already seen"),
        default=0,
        help_text=_("Feed entries skipped because an earlier poll took them."),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ingest batch")
        verbose_name_plural = _("ingest batches")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"


class IngestItem(models.Model):
    """One story in a batch, from queued to a draft (or linked to an earlier one, or parked)."""

    class Kind(models.TextChoices):
        PAGE = "page", _("Page to fetch")
        COPY = "copy", _("Text or HTML")
        NINJS = "ninjs", _("ninjs item")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        FETCHED = "fetched", _("Fetched")
        CLEANED = "cleaned", _("Cleaned")
        DRAFTED = "drafted", _("Drafted")
        REPEAT = "repeat", _("Linked to an earlier item")
        RETRYING = "retrying", _("Failed, will retry")
        PARKED = "parked", _("Parked")

    class Reason(models.TextChoices):
        BYTES = "bytes", _("the same copy")
        KEY = "key", _("the same feed entry, ninjs uri or address")
        REWORDED = "reworded", _("the same story reworded")

    DONE = (Status.DRAFTED, Status.REPEAT, Status.PARKED)

    batch = models.ForeignKey(
        IngestBatch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    source_key = models.CharField(
        _("identity"),
        max_length=80,
        blank=True,
        help_text=_("A feed entry's GUID, a ninjs uri, a page's address or the copy's digest."),
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=2000, blank=True)
    data = models.BinaryField(_("bytes as received"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("draft"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ingest_items",
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
    )
    repeat_reason = models.CharField(
        _("linked because of"), max_length=8, choices=Reason.choices, blank=True
    )
    timings = models.JSONField(
        _("milliseconds spent"), default=dict, blank=True, help_text=_("fetch, clean, db and total")
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("ingest item")
        verbose_name_plural = _("ingest items")
        constraints = [
            # The first item with an identity holds it; later ones are linked to it.
            models.UniqueConstraint(
                fields=["source_key"],
                condition=Q(repeat_reason="") & ~Q(source_key=""),
                name="ingest_item_first_key",
            )
        ]
        indexes = [
            models.Index(fields=["batch", "status"], name="ingest_item_batch_status_idx"),
            models.Index(fields=["status", "updated_at"], name="ingest_item_status_time_idx"),
        ]

    def __str__(self):
        return self.name or self.url or f"item {self.pk}"

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE


class RepeatKey(models.Model):
    """A pair of an item's facts, hashed: where reworded repeats find their candidates."""

    item = models.ForeignKey(
        IngestItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="repeat_keys"
    )
    key = models.CharField(_("key"), max_length=16)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("repeat key")
        verbose_name_plural = _("repeat keys")
        indexes = [models.Index(fields=["key", "created_at"], name="repeat_key_time_idx")]

    def __str__(self):
        return self.key
