from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteProfile(models.Model):
    """A site raw copy comes from, and what its pages repeat (its ``lines``)."""

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        help_text=_("The site's host name without www., such as gazette.saltmere.example."),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")

    def __str__(self):
        return self.name or self.domain


class SiteLine(models.Model):
    """One short line seen on a site's pages, indexed by the hash of its folded text.

    ``page_keys`` holds the first few distinct pages it was seen on (enough to tell
    chrome); a line seen on enough pages and never kept by an editor is the site's chrome.
    """

    site = models.ForeignKey(
        SiteProfile, verbose_name=_("site"), on_delete=models.CASCADE, related_name="lines"
    )
    line_hash = models.CharField(_("hash of the folded line"), max_length=32)
    folded = models.CharField(_("line, folded"), max_length=400)
    sample = models.CharField(_("line as first seen"), max_length=400)
    page_keys = models.JSONField(_("pages seen on"), default=list, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages seen on (counted)"), default=1)
    is_kept = models.BooleanField(
        _("kept by an editor"),
        default=False,
        help_text=_("A kept line is story, never this site's chrome, however often it recurs."),
    )
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last counted"), auto_now=True)

    class Meta:
        ordering = ["site", "-page_count", "folded"]
        verbose_name = _("site line")
        verbose_name_plural = _("site lines")
        constraints = [
            models.UniqueConstraint(fields=["site", "line_hash"], name="siteline_once_per_site")
        ]
        indexes = [
            models.Index(fields=["site", "is_kept", "page_count"], name="siteline_chrome_idx")
        ]

    def __str__(self):
        return self.sample
