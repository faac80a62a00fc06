"""Newsroom's models, one module per subject, re-exported here."""

from articles.models.articles import Article, ArticleQuerySet, Section, Tag
from articles.models.authors import Author, Byline
from articles.models.comments import (
    BlockedSender,
    Comment,
    CommentReport,
    ModerationDecision,
    ModerationSettings,
)
from articles.models.imports import Finding, RawCopy
from articles.models.revisions import Revision
from articles.models.sources import Citation, RelatedLink, Source
from articles.models.utils import unique_slug

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "BlockedSender",
    "Byline",
    "Citation",
    "Comment",
    "CommentReport",
    "Finding",
    "ModerationDecision",
    "ModerationSettings",
    "RawCopy",
    "RelatedLink",
    "Revision",
    "Section",
    "Source",
    "Tag",
    "unique_slug",
]
