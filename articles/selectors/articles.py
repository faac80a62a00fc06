"""Reads of an article's page: the article, what its story shows, an address it gave up."""

from functools import cached_property

from articles.models import (
    Article,
    ArticleImage,
    Byline,
    Citation,
    FormerSlug,
    RelatedLink,
    Tag,
)


def article_may_preview(user) -> bool:
    """Staff who may change articles see drafts and scheduled stories at their public address."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and user.has_perm("articles.change_article")
    )


def article_for_reader(*, slug: str, preview: bool = False) -> Article | None:
    """The article at ``slug`` if this visitor may see it; one query.

    ``preview`` lets staff see drafts, scheduled and unpublished articles.
    Its section and lead image are read when first shown: only the story's
    fragments show them (joined here, the image's renditions would be decoded
    on every request, a fifth of the page's time with its fragments cached).
    """
    articles = Article.objects if preview else Article.objects.published()
    try:
        return articles.defer("source_paragraphs").get(slug=slug)
    except Article.DoesNotExist:
        return None


class Story:
    """What an article's page shows beside the article's own row, each read on first use.

    The story's fragments (its head and its body) read these only when they
    are not cached, and then once for both.
    """

    def __init__(self, article: Article):
        self.article = article

    @cached_property
    def bylines(self) -> list[Byline]:
        return list(self.article.bylines.select_related("author").order_by("position"))

    @cached_property
    def citations(self) -> list[Citation]:
        return list(self.article.citations.select_related("source").order_by("position"))

    @cached_property
    def related_links(self) -> list[RelatedLink]:
        return list(self.article.related_links.order_by("position"))

    @cached_property
    def body_images(self) -> list[ArticleImage]:
        """The pictures placed in the body, each with its image, in the order they appear."""
        return list(self.article.body_images.select_related("image"))

    @cached_property
    def tags(self) -> list[Tag]:
        return list(self.article.tags.order_by("name"))


def article_story(article: Article) -> Story:
    return Story(article)


def article_moved(*, slug: str, preview: bool = False) -> Article | None:
    """The article that gave up ``slug`` when its headline changed, if this visitor may see it."""
    former = FormerSlug.objects.filter(slug=slug).select_related("article").first()
    if former is None or not (preview or former.article.is_live):
        return None
    return former.article
