from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RawCopy(models.Model):
    """Copy as it arrived, byte for byte. Never edited, never deleted."""

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("HTML page")

    data = models.BinaryField(_("bytes as received"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    match_sha256 = models.CharField(
        _("SHA-256 for the duplicate check"),
        max_length=64,
        unique=True,
        help_text=_(
            "Of the bytes with line endings made LF and a byte-order mark and surrounding "
            "white space left out, so the same copy pasted (CRLF) or uploaded matches."
        ),
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_via = models.CharField(
        _("received via"),
        max_length=50,
        blank=True,
        help_text=_("admin, import_story, load_demo..."),
    )
    site = models.ForeignKey(
        "articles.SiteProfile",
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raw_copies",
        help_text=_("The page's own site, or the site an editor named for pasted text."),
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("raw copy")
        verbose_name_plural = _("raw copy")

    def __str__(self):
        return self.filename or f"raw copy {self.sha256[:12]}"

    @property
    def text(self) -> str:
        """The bytes as text, for display; undecodable bytes shown as U+FFFD."""
        return bytes(self.data).decode("utf-8-sig", errors="replace")


class Finding(models.Model):
    """One thing the cleaner found in one paragraph, and the editor's decision."""

    class Action(models.TextChoices):
        REMOVE = "remove", _("Remove")
        REVIEW = "review", _("Review")
        FIX = "fix", _("Fix")

    class Decision(models.TextChoices):
        OPEN = "open", _("Undecided")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    rule = models.CharField(_("rule"), max_length=60, db_index=True)
    message = models.TextField(_("message"))
    evidence = models.TextField(_("evidence"), blank=True)
    action = models.CharField(_("suggested action"), max_length=6, choices=Action.choices)
    paragraph_index = models.PositiveIntegerField(_("paragraph"))
    replacement = models.TextField(_("suggested text"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["article", "paragraph_index", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [
            models.Index(fields=["article", "decision"], name="finding_article_decision_idx")
        ]

    def __str__(self):
        return f"{self.rule} (paragraph {self.paragraph_index + 1})"


class Suggestion(models.Model):
    """A byline name or a source the cleaner proposed for one article.

    Nothing public exists for it (no author page, no source) until an editor
    confirms it, matched to an existing author or source or explicitly as a
    new one.
    """

    class Target(models.TextChoices):
        BYLINE = "byline", _("Byline")
        SOURCE = "source", _("Source")

    class Decision(models.TextChoices):
        OPEN = "open", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Left off")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    target = models.CharField(_("proposed as"), max_length=6, choices=Target.choices)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, help_text=_("An author's or a source's kind, as proposed.")
    )
    evidence = models.TextField(_("evidence"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    decision = models.CharField(
        _("decision"), max_length=9, choices=Decision.choices, default=Decision.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["article", "target", "position"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return f"{self.get_target_display()}: {self.name}"
