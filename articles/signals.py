"""Side work hooked to model changes: renewing the versions of what readers see.

Connected in ``ArticlesConfig.ready()``. State changes never happen here;
they belong to the services. Each saved or deleted row a reader could see
renews, once its transaction commits, the versions of the pages and
fragments that show it (``articles.caching.versions`` lists them), the way
Wagtail purges a page and its listings when it is published: an edited story
renews its own page and the listings it appears on, an approved comment its
article's page and thread, and neither touches any other story. A rolled-back
change renews nothing; a draft's save renews nothing readers see.
"""

from django.db import router
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.caching import versions_bump_on_commit
from articles.models import (
    Article,
    ArticleImage,
    Author,
    Byline,
    Citation,
    Comment,
    Image,
    Lineup,
    LineupEntry,
    ModerationSettings,
    RelatedLink,
    Section,
    Source,
    Tag,
)

PUBLISHED = Article.Status.PUBLISHED


def _primary(model):
    """Rows as the primary database has them: a read replica may not have the change yet."""
    return model._default_manager.using(router.db_for_write(model))


def _listed_on(article_id: int) -> set[str]:
    """The versions of an article's page and of every listing its teaser is on."""
    row = _primary(Article).filter(pk=article_id).values("slug", "status", "section__slug").first()
    if row is None or row["status"] != PUBLISHED:
        return set()
    names = {f"story:{row['slug']}", "front"}
    if row["section__slug"]:
        names.add(f"section:{row['section__slug']}")
    authors = _primary(Author).filter(bylines__article_id=article_id).values_list("slug", flat=True)
    tags = _primary(Tag).filter(articles__id=article_id).values_list("slug", flat=True)
    names.update(f"author:{slug}" for slug in authors)
    names.update(f"tag:{slug}" for slug in tags)
    return names


def _story_of(article_id: int) -> set[str]:
    slug = _primary(Article).filter(pk=article_id).values_list("slug", flat=True).first()
    return {f"story:{slug}"} if slug else set()


def _article_before(sender, instance, **kwargs):
    # Where the article was listed before this save or delete: a story that
    # moves section, or leaves readers' sight, must leave its old listings too.
    instance._listed_before = _listed_on(instance.pk) if instance.pk else set()


def _article_changed(sender, instance, **kwargs):
    versions_bump_on_commit(getattr(instance, "_listed_before", set()) | _listed_on(instance.pk))


def _byline_changed(sender, instance, **kwargs):
    author = _primary(Author).filter(pk=instance.author_id).values_list("slug", flat=True).first()
    names = _listed_on(instance.article_id)
    if names and author:
        names.add(f"author:{author}")
    versions_bump_on_commit(names)


def _story_part_changed(sender, instance, **kwargs):
    versions_bump_on_commit(_story_of(instance.article_id))


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        # Which tags (or articles) a clear is about to remove: afterwards nobody knows.
        related = Tag if not reverse else Article
        field = "articles" if not reverse else "tags"
        instance._cleared = set(
            _primary(related).filter(**{field: instance}).values_list("pk", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = pk_set if action != "post_clear" else getattr(instance, "_cleared", set())
    article_ids = pks if reverse else {instance.pk}
    tag_ids = {instance.pk} if reverse else pks
    tags = _primary(Tag).filter(pk__in=tag_ids).values_list("slug", flat=True)
    names = {f"tag:{slug}" for slug in tags}
    for article_id in article_ids:
        names |= _story_of(article_id)
    versions_bump_on_commit(names)


def _comment_saved(sender, instance, created, **kwargs):
    # A new comment held for moderation or caught as spam shows nowhere, and a
    # flood of them must not empty any cache; anything else may change a thread.
    if created and instance.status != Comment.Status.APPROVED:
        return
    _comment_thread_changed(instance)


def _comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        _comment_thread_changed(instance)


def _comment_thread_changed(comment: Comment) -> None:
    slug = _primary(Article).filter(pk=comment.article_id).values_list("slug", flat=True).first()
    if slug:
        versions_bump_on_commit({f"comments:{slug}"})


def _renews(*names: str, on_create: bool = True):
    """A handler renewing fixed versions; ``on_create=False`` skips rows no page shows yet."""

    def handler(sender, instance, created=False, **kwargs):
        if created and not on_create:
            return
        versions_bump_on_commit(names)

    return handler


def _lineup_changed(sender, instance, **kwargs):
    """A lineup orders the top of one page: the front page's, or its section's."""
    if sender is Lineup:
        section_id = instance.section_id
    else:
        lineups = _primary(Lineup).filter(pk=instance.lineup_id)
        section_id = lineups.values_list("section_id", flat=True).first()
    slug = None
    if section_id:
        slug = _primary(Section).filter(pk=section_id).values_list("slug", flat=True).first()
    versions_bump_on_commit({f"section:{slug}"} if slug else {"front"})


def _section_changed(sender, instance, **kwargs):
    versions_bump_on_commit({"nav", f"section:{instance.slug}"})


pre_save.connect(_article_before, sender=Article, dispatch_uid="versions-article-before-save")
pre_delete.connect(_article_before, sender=Article, dispatch_uid="versions-article-before-delete")
post_save.connect(_article_changed, sender=Article, dispatch_uid="versions-article-save")
post_delete.connect(_article_changed, sender=Article, dispatch_uid="versions-article-delete")
for model, handler in (
    (Byline, _byline_changed),
    (Citation, _story_part_changed),
    (RelatedLink, _story_part_changed),
    (ArticleImage, _story_part_changed),
    (Section, _section_changed),
):
    post_save.connect(handler, sender=model, dispatch_uid=f"versions-save-{model.__name__}")
    post_delete.connect(handler, sender=model, dispatch_uid=f"versions-delete-{model.__name__}")
m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="versions-tags")
post_save.connect(_comment_saved, sender=Comment, dispatch_uid="versions-comment-save")
post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid="versions-comment-delete")
# Shown on many pages and changed rarely: their pages all renew together.
for model in (Author, Source, Tag, Image):
    post_save.connect(
        _renews("site", on_create=False), sender=model, dispatch_uid=f"versions-save-{model}"
    )
    post_delete.connect(_renews("site"), sender=model, dispatch_uid=f"versions-delete-{model}")
post_save.connect(_renews("site"), sender=ModerationSettings, dispatch_uid="versions-rules")
for model in (Lineup, LineupEntry):
    post_save.connect(_lineup_changed, sender=model, dispatch_uid=f"versions-save-{model}")
    post_delete.connect(_lineup_changed, sender=model, dispatch_uid=f"versions-delete-{model}")
