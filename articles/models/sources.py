from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.utils import AutoSlugMixin


class Source(AutoSlugMixin, models.Model):
    """An outlet, agency or body a story attributes to; one row shared by every story."""

    class Kind(models.TextChoices):
        WIRE = "wire", _("Wire service")
        OUTLET = "outlet", _("News outlet")
        BROADCASTER = "broadcaster", _("Broadcaster")
        OFFICIAL = "official", _("Official body")
        DOCUMENT = "document", _("Document")
        PERSON = "person", _("Person")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    home_url = models.URLField(_("home page"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class Citation(models.Model):
    """A source cited by one article, with the sentence that cites it."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("The sentence of the story that cites it.")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "source"],
                name="citation_source_once_per_article",
                violation_error_message=_("This source is already cited by the article."),
            ),
            models.UniqueConstraint(
                fields=["article", "position"],
                name="citation_position_unique",
                violation_error_message=_("Two citations cannot share a position."),
            ),
        ]

    def __str__(self):
        return f"{self.source} in {self.article_id}"


class RelatedLink(models.Model):
    class Relation(models.TextChoices):
        ORIGINAL = "original", _("Original / reference")
        RELATED = "related", _("Related")
        FURTHER = "further", _("Further reading")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="related_links",
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(
        _("URL"),
        max_length=500,
        blank=True,
        help_text=_("May be empty when the raw copy only named the link."),
    )
    relation = models.CharField(
        _("relation"), max_length=10, choices=Relation.choices, default=Relation.RELATED
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"],
                name="relatedlink_position_unique",
                violation_error_message=_("Two related links cannot share a position."),
            ),
        ]

    def __str__(self):
        return self.title
