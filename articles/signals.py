"""Side work hooked to model changes: cache invalidation and the like.

Connected in ``ArticlesConfig.ready()``. State changes never happen here;
they belong to the services. Any saved or deleted row a reader could see
makes every cached public page stale once the transaction commits, so a
rolled-back edit costs nothing and a committed one is never served stale.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.caching import public_cache_invalidate
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
    RelatedLink,
    Section,
    Source,
    Tag,
)

READER_VISIBLE = (
    Article,
    ArticleImage,
    Author,
    Byline,
    Citation,
    Comment,
    Image,
    Lineup,
    LineupEntry,
    RelatedLink,
    Section,
    Source,
    Tag,
)


def _invalidate_on_commit(sender, **kwargs):
    transaction.on_commit(public_cache_invalidate)


def _comment_saved(sender, instance, created, **kwargs):
    # A new comment held for moderation or caught as spam shows nowhere, and a
    # flood of them must not empty the cache; anything else may change a page.
    if created and instance.status != Comment.Status.APPROVED:
        return
    transaction.on_commit(public_cache_invalidate)


for model in READER_VISIBLE:
    post_save.connect(
        _comment_saved if model is Comment else _invalidate_on_commit,
        sender=model,
        dispatch_uid=f"public-cache-save-{model}",
    )
    post_delete.connect(
        _invalidate_on_commit, sender=model, dispatch_uid=f"public-cache-delete-{model}"
    )
m2m_changed.connect(
    _invalidate_on_commit, sender=Article.tags.through, dispatch_uid="public-cache-article-tags"
)
