"""Newsroom's models, one module per subject, re-exported here."""

from articles.models.api_tokens import ApiToken
from articles.models.articles import Article, ArticleQuerySet, FormerSlug, Section, Tag
from articles.models.authors import Author, Byline
from articles.models.cleaner import CleaningRule, SourceAlias, TrainedClassifier, TrainingLabel
from articles.models.comments import (
    BlockedSender,
    Comment,
    CommentReport,
    ModerationDecision,
    ModerationSettings,
)
from articles.models.images import ArticleImage, Image, Rendition
from articles.models.imports import Finding, RawCopy, Suggestion
from articles.models.ingest import Feed, IngestBatch, IngestItem, RepeatKey
from articles.models.lineups import Lineup, LineupEntry
from articles.models.notifications import NotificationSettings
from articles.models.presence import EditingSession
from articles.models.revisions import Revision
from articles.models.sites import SiteLine, SiteProfile
from articles.models.sources import Citation, RelatedLink, Source
from articles.models.utils import unique_slug

__all__ = [
    "ApiToken",
    "Article",
    "ArticleImage",
    "ArticleQuerySet",
    "Author",
    "BlockedSender",
    "Byline",
    "Citation",
    "CleaningRule",
    "Comment",
    "CommentReport",
    "EditingSession",
    "Feed",
    "Finding",
    "FormerSlug",
    "Image",
    "IngestBatch",
    "IngestItem",
    "Lineup",
    "LineupEntry",
    "ModerationDecision",
    "ModerationSettings",
    "NotificationSettings",
    "RawCopy",
    "RelatedLink",
    "Rendition",
    "RepeatKey",
    "Revision",
    "Section",
    "SiteLine",
    "SiteProfile",
    "Source",
    "SourceAlias",
    "Suggestion",
    "Tag",
    "TrainedClassifier",
    "TrainingLabel",
    "unique_slug",
]
