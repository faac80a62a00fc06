from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationSettings(models.Model):
    """Which emails one person gets from the desk. Without a row, every email is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    is_review_mail_on = models.BooleanField(
        _("email me when a story is submitted for review"),
        default=True,
        help_text=_("Sent to editors, who may publish."),
    )
    is_digest_mail_on = models.BooleanField(
        _("email me when comments have waited too long"),
        default=True,
        help_text=_("A digest for moderators; how long is too long is a moderation setting."),
    )
    digest_sent_at = models.DateTimeField(
        _("last digest sent"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"Notifications for {self.user}"
