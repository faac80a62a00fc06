from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rendition:
    """One stored resized copy of an image: what ``srcset`` and the read API list."""

    format: str  # "webp" or "jpeg"
    width: int
    height: int
    name: str  # the file's name in the media storage

    @property
    def media_type(self) -> str:
        return f"image/{self.format}"

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


class Image(models.Model):
    """A photograph or graphic uploaded in the desk, with what readers are told about it.

    The stored file has had its location data removed; its renditions are made
    once, when it is uploaded, and listed in ``renditions`` so that a page
    never touches the storage to show it. The file never changes: a new
    picture is a new image.
    """

    file = models.ImageField(_("file"), upload_to="images/", max_length=255, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it. Required."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the image. Required to publish a story that shows it."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer or agency. Required to publish a story that shows it."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    renditions = models.JSONField(
        _("renditions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The resized copies: format, width, height and stored name of each."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt_text

    def rendition_list(self, format: str | None = None) -> list[Rendition]:
        """The renditions, narrowest first; only those in ``format`` ("webp", "jpeg") if given."""
        found = [Rendition(**row) for row in self.renditions]
        if format is not None:
            found = [r for r in found if r.format == format]
        return sorted(found, key=lambda r: (r.format, r.width))

    def srcset(self, format: str) -> str:
        """The ``srcset`` value for one format: "URL 400w, URL 800w, ..."."""
        return ", ".join(f"{r.url} {r.width}w" for r in self.rendition_list(format))

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def srcset_jpeg(self) -> str:
        return self.srcset("jpeg")

    @property
    def fallback(self) -> Rendition | None:
        """A JPEG of middling width for browsers that read neither srcset nor WebP, and for feeds."""
        jpegs = self.rendition_list("jpeg")
        if not jpegs:
            return None
        fitting = [r for r in jpegs if r.width <= 1200]
        return fitting[-1] if fitting else jpegs[0]

    @property
    def largest(self) -> Rendition | None:
        """The widest JPEG: what Open Graph and JSON-LD point to."""
        jpegs = self.rendition_list("jpeg")
        return jpegs[-1] if jpegs else None


class ArticleImage(models.Model):
    """An image shown inside an article's body, after one of its paragraphs."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="body_images",
    )
    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="in_bodies"
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        default=1,
        help_text=_("Shown after this paragraph of the body: 1 is after the first."),
    )

    class Meta:
        ordering = ["article", "after_paragraph", "pk"]
        verbose_name = _("image in the body")
        verbose_name_plural = _("images in the body")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "image"],
                name="articleimage_once_per_article",
                violation_error_message=_("This image is already in the article's body."),
            ),
        ]

    def __str__(self):
        return f"{self.image} after paragraph {self.after_paragraph}"
