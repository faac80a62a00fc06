import hashlib
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Shown in the desk so an editor can tell tokens apart without the token itself.
TOKEN_PREFIX_LENGTH = 10


class ApiToken(models.Model):
    """A partner's key to the read API. Only a hash of the token is kept.

    The token is shown once, when it is made; a partner who loses it gets a
    new one. Revoking is for good and keeps the row, so the desk can still
    tell who had access and until when.
    """

    partner = models.CharField(
        _("partner"), max_length=200, help_text=_("Who uses this token: an app or a partner.")
    )
    prefix = models.CharField(_("starts with"), max_length=TOKEN_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(_("hash of the token"), max_length=64, unique=True, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: the site's API_RATE_LIMIT."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def requests_per_minute(self) -> int:
        if self.rate_limit is not None:
            return self.rate_limit
        return settings.NEWSROOM["API_RATE_LIMIT"]

    @staticmethod
    def key_new() -> str:
        """A fresh token: 256 random bits, URL-safe."""
        return "nr_" + secrets.token_urlsafe(32)

    @staticmethod
    def key_digest(key: str) -> str:
        """What is stored and looked up for ``key``.

        The token is random, so a plain hash is enough: a password hash's
        deliberate slowness guards guessable secrets, and would be paid on
        every request.
        """
        return hashlib.sha256(key.encode()).hexdigest()
