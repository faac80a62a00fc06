from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("email"), max_length=254)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reasons = models.JSONField(
        _("moderation reasons"),
        default=list,
        blank=True,
        help_text=_("Why the policy decided as it did."),
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, unpack_ipv4=True
    )
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("can_moderate", _("Can moderate comments"))]
        indexes = [
            models.Index(
                fields=["article", "status", "submitted_at"], name="comment_article_status_idx"
            ),
            models.Index(fields=["status", "-submitted_at"], name="comment_status_idx"),
            models.Index(fields=["author_email", "status"], name="comment_email_status_idx"),
        ]
        constraints = [
            # The same text from the same address on the same article is one
            # comment, however many requests carried it at the same moment.
            models.UniqueConstraint(
                fields=["article", "content_hash"],
                name="comment_article_content_unique",
                violation_error_message=_("This comment was already received."),
            ),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article_id}"


class CommentReport(models.Model):
    """A reader's report that a visible comment breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    reporter_ip = models.GenericIPAddressField(_("reporter IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    is_resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")

    def __str__(self):
        return f"{self.get_reason_display()} on comment {self.comment_id}"


class ModerationDecision(models.Model):
    """Who moved a comment from which state to which, and when."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="decisions"
    )
    from_status = models.CharField(_("from"), max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Comment.Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self):
        return f"{self.comment_id}: {self.from_status} -> {self.to_status}"


class BlockedSender(models.Model):
    """An email address or IP whose future comments go straight to spam."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        IP = "ip", _("IP address")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=254)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blockedsender_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class ModerationSettings(models.Model):
    """Site-wide comment policy; one row, edited in the admin."""

    premoderate_new_commenters = models.BooleanField(
        _("hold comments from new commenters"),
        default=True,
        help_text=_(
            "A reader whose browser holds the token of their earlier approved comment is "
            "trusted and published at once; an email address alone proves nothing."
        ),
    )
    premoderate_all = models.BooleanField(_("hold every comment"), default=False)
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"), default=14, help_text=_("0 keeps comments open.")
    )
    max_links = models.PositiveSmallIntegerField(_("hold comments with this many links"), default=2)
    banned_words = models.TextField(
        _("banned words"), blank=True, help_text=_("One per line. A comment with one goes to spam.")
    )
    suspect_words = models.TextField(
        _("suspect words"), blank=True, help_text=_("One per line. A comment with one is held.")
    )
    min_seconds_to_submit = models.PositiveSmallIntegerField(
        _("minimum seconds to fill the form"), default=3
    )
    max_form_age_hours = models.PositiveSmallIntegerField(
        _("form expires after (hours)"), default=4
    )
    flood_interval_seconds = models.PositiveSmallIntegerField(
        _("seconds between comments"), default=15
    )
    flood_per_hour = models.PositiveSmallIntegerField(_("comments per hour"), default=20)
    retention_days = models.PositiveSmallIntegerField(
        _("keep spam and rejected comments for (days)"), default=30
    )
    digest_after_minutes = models.PositiveIntegerField(
        _("email moderators when a comment has waited (minutes)"),
        default=60,
        help_text=_("0 sends no digest. Moderators can turn it off for themselves too."),
    )

    class Meta:
        verbose_name = _("moderation settings")
        verbose_name_plural = _("moderation settings")

    def __str__(self):
        return str(_("Moderation settings"))

    @classmethod
    def load(cls) -> "ModerationSettings":
        """The saved settings, or the defaults (unsaved) until a moderator edits them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
