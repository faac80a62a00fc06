from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditingSession(models.Model):
    """Someone has an article's edit form open: a soft lock, shown to the others, never enforced.

    The form's script refreshes ``last_seen_at`` while the page is open; a
    session not seen for a minute is over.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="editing_sessions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"))
    last_seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("editing session")
        verbose_name_plural = _("editing sessions")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="editing_session_once"),
        ]

    def __str__(self):
        return f"{self.user} on {self.article_id}"
