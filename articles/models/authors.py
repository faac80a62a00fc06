from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models.utils import AutoSlugMixin


class Author(AutoSlugMixin, models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        STAFF = "staff", _("Staff (an organisation's desk)")
        WIRE = "wire", _("Wire service")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    bio = models.TextField(_("short bio"), blank=True)
    url = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Byline(models.Model):
    """An author's place on one article's byline, in order."""

    class Role(models.TextChoices):
        BY = "by", _("By")
        WITH = "with", _("With")
        ADDITIONAL = "additional", _("Additional reporting by")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.BY)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="byline_author_once_per_article",
                violation_error_message=_("This author is already on the byline."),
            ),
            models.UniqueConstraint(
                fields=["article", "position"],
                name="byline_position_unique",
                violation_error_message=_("Two bylines cannot share a position."),
            ),
        ]
        indexes = [models.Index(fields=["author", "article"], name="byline_author_idx")]

    def __str__(self):
        return f"{self.get_role_display()} {self.author}"
