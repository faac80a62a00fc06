"""Every read the public site makes, with its prefetches."""

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Byline, Citation


def article_list_published() -> QuerySet[Article]:
    """Published articles, newest first, with what a listing shows."""
    return (
        Article.objects.published()
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "bylines", queryset=Byline.objects.select_related("author").order_by("position")
            )
        )
        .order_by("-published_at", "-pk")
    )


def article_get_for_reader(*, slug: str, user=None) -> Article | None:
    """The article at ``slug`` if this visitor may see it: staff see drafts."""
    queryset = (
        Article.objects.all() if user is not None and user.is_staff else Article.objects.published()
    )
    return (
        queryset.select_related("section")
        .prefetch_related(
            Prefetch(
                "bylines", queryset=Byline.objects.select_related("author").order_by("position")
            ),
            Prefetch(
                "citations", queryset=Citation.objects.select_related("source").order_by("position")
            ),
            "related_links",
            "tags",
        )
        .filter(slug=slug)
        .first()
    )
