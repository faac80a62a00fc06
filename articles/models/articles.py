from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.utils import AutoSlugMixin


class Section(AutoSlugMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Tag(AutoSlugMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """What readers may see: published, and the publish time has passed."""
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, *, now=None):
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )


class Article(AutoSlugMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class CommentMode(models.TextChoices):
        DEFAULT = "default", _("Site default")
        PRE = "pre", _("Hold every comment for moderation")
        POST = "post", _("Publish at once unless the policy holds it")
        CLOSED = "closed", _("Closed")

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the public address. Follows the headline until the first publication, "
            "then never changes; earlier addresses redirect."
        ),
    )
    dek = models.TextField(
        _("dek"),
        blank=True,
        help_text=_("The standfirst: one or two sentences under the headline."),
    )
    body = models.TextField(_("body"), blank=True)
    lead_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of",
        help_text=_("Shown large above the story and beside it in listings."),
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        "articles.Author",
        through="articles.Byline",
        verbose_name=_("authors"),
        related_name="articles",
        blank=True,
    )
    sources = models.ManyToManyField(
        "articles.Source",
        through="articles.Citation",
        verbose_name=_("sources"),
        related_name="articles",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Readers see the article from this time on. A future time schedules it."),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    content_updated_at = models.DateTimeField(
        _("last updated"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When readers last saw the text change after publication."),
    )
    raw_copy = models.OneToOneField(
        "articles.RawCopy",
        verbose_name=_("raw copy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="article",
    )
    source_paragraphs = models.JSONField(
        _("imported paragraphs"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Every paragraph of the raw copy as the cleaner split it, in order."),
    )
    comment_mode = models.CharField(
        _("comments"), max_length=10, choices=CommentMode.choices, default=CommentMode.DEFAULT
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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save; guards against lost updates."),
    )

    objects = ArticleQuerySet.as_manager()

    slug_source = "headline"
    slug_length = 80

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("can_publish", _("Can publish, schedule and unpublish articles")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_pub_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publish time."),
            ),
            models.CheckConstraint(
                condition=~Q(slug=""),
                name="article_slug_not_empty",
                violation_error_message=_("An article needs a slug."),
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        when = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={"year": when.year, "month": when.month, "day": when.day, "slug": self.slug},
        )

    @property
    def cache_key(self) -> str:
        """Changes whenever the desk saves the article, as Wagtail's ``Page.cache_key`` does.

        Its own fields raise ``version`` on every save; its bylines, sources,
        links and tags renew the ``story`` version (``articles.caching.versions``).
        """
        return f"{self.pk}.{self.version}"

    @property
    def is_live(self) -> bool:
        """Readers can see it now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class FormerSlug(models.Model):
    """A slug an article had before its headline changed; its old address redirects."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="former_slugs",
    )
    slug = models.SlugField(_("slug"), max_length=255)
    created_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug
