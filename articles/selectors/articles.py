"""Reads of an article's page: the article, what its story shows, an address it gave up."""

from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, Citation, Comment, FormerSlug, RelatedLink, Tag

APPROVED = Comment.Status.APPROVED


def article_may_preview(user) -> bool:
    """Staff who may change articles see drafts and scheduled stories at their public address."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and user.has_perm("articles.change_article")
    )


def _approved_count(queryset: QuerySet[Comment]) -> Coalesce:
    counted = queryset.values("article").annotate(found=Count("pk")).values("found")
    return Coalesce(Subquery(counted), 0)


def article_for_reader(*, slug: str, preview: bool = False) -> Article | None:
    """The article at ``slug`` if this visitor may see it, with its section; one query.

    ``preview`` lets staff see drafts, scheduled and unpublished articles.
    Annotated from its approved comments: ``comments_count``,
    ``comment_threads`` (those that are not replies) and
    ``comments_changed_at`` (the latest approval or change, None without any).
    """
    approved = Comment.objects.filter(article=OuterRef("pk"), status=APPROVED).order_by()
    changed = approved.values("article").annotate(
        at=Max(Coalesce("status_changed_at", "submitted_at"))
    )
    articles = Article.objects if preview else Article.objects.published()
    return (
        articles.filter(slug=slug)
        .select_related("section")
        .defer("source_paragraphs")
        .annotate(
            comments_count=_approved_count(approved),
            comment_threads=_approved_count(approved.filter(parent=None)),
            comments_changed_at=Subquery(changed.values("at")),
        )
        .first()
    )


@dataclass
class Story:
    """What an article's page shows beside the article's own row, each read on first use.

    The story's fragments iterate them only when they are not cached; each
    query then runs once, however many parts of the page show its rows.
    """

    bylines: QuerySet[Byline]
    citations: QuerySet[Citation]
    related_links: QuerySet[RelatedLink]
    tags: QuerySet[Tag]


def article_story(article: Article) -> Story:
    return Story(
        bylines=article.bylines.select_related("author").order_by("position"),
        citations=article.citations.select_related("source").order_by("position"),
        related_links=article.related_links.order_by("position"),
        tags=article.tags.order_by("name"),
    )


def article_moved(*, slug: str, preview: bool = False) -> Article | None:
    """The article that gave up ``slug`` when its headline changed, if this visitor may see it."""
    former = FormerSlug.objects.filter(slug=slug).select_related("article").first()
    if former is None or not (preview or former.article.is_live):
        return None
    return former.article
