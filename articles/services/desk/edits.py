"""Saving an editor's changes and restoring an older revision."""

from django.db import transaction

from articles.models import Article, Revision
from articles.services.desk.common import (
    article_lock,
    article_text_check,
    require_permission,
    revision_record,
    text_write,
)
from articles.services.desk.errors import ArticleConflict, ArticleIncomplete


def article_save(
    *, article: Article, user, loaded_version: int | None = None, note: str = ""
) -> Article:
    """Save ``article`` as the editor left it; keep a revision when headline, dek or body changed.

    ``loaded_version`` is the version the editor opened. When someone saved,
    published or unpublished since, nothing is written and ``ArticleConflict``
    is raised. ``None`` skips the check (a command that just read the row).
    The workflow's fields (status, publish times) are never written, so
    a save never undoes a workflow step, and an article readers see (or will
    see, when scheduled) keeps a headline and a body: ``ArticleIncomplete``.
    """
    with transaction.atomic():
        if article.pk is None:
            require_permission(user, "articles.add_article")
            article.version = 1
            if article.created_by_id is None and user is not None:
                article.created_by = user
            article.save()
            revision_record(article=article, user=user, note=note or "Created")
            return article
        require_permission(user, "articles.change_article")
        stored = article_lock(article.pk)
        if loaded_version is not None and stored.version != loaded_version:
            raise ArticleConflict(
                article_id=article.pk,
                loaded_version=loaded_version,
                current_version=stored.version,
            )
        if stored.status == Article.Status.PUBLISHED and (reasons := article_text_check(article)):
            raise ArticleIncomplete(reasons)
        text_write(article=article, stored=stored, user=user, note=note)
    return article


def revision_restore(*, revision: Revision, user, note: str = "") -> Article:
    """Put an older revision's headline, dek and body back; this makes a new revision."""
    require_permission(user, "articles.change_article")
    with transaction.atomic():
        stored = article_lock(revision.article_id)
        article = article_lock(revision.article_id)
        article.headline = revision.headline
        article.dek = revision.dek
        article.body = revision.body
        text_write(
            article=article,
            stored=stored,
            user=user,
            note=note or f"Restored revision {revision.number}",
            force=True,
        )
    return article
