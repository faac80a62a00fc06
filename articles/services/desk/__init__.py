"""The editors' desk: finding decisions, edits with revisions, and the publishing workflow.

Admin views and actions, commands and the demo loader call these and nothing
else to change an article. Split by subject, re-exported here.
"""

from articles.services.desk.edits import article_save, revision_restore
from articles.services.desk.errors import (
    ArticleConflict,
    ArticleIncomplete,
    InvalidTransition,
    PublishRefused,
    StaleArticle,
)
from articles.services.desk.findings import (
    finding_accept,
    finding_reject,
    findings_decide_rule,
)
from articles.services.desk.junk import JunkRefused, paragraph_mark_junk
from articles.services.desk.suggestions import (
    SuggestionDecided,
    suggestion_confirm,
    suggestion_dismiss,
)
from articles.services.desk.workflow import (
    article_publish,
    article_publish_check,
    article_return_to_draft,
    article_submit_for_review,
    article_unpublish,
)

__all__ = [
    "ArticleConflict",
    "ArticleIncomplete",
    "InvalidTransition",
    "JunkRefused",
    "PublishRefused",
    "StaleArticle",
    "SuggestionDecided",
    "article_publish",
    "article_publish_check",
    "article_return_to_draft",
    "article_save",
    "article_submit_for_review",
    "article_unpublish",
    "finding_accept",
    "finding_reject",
    "findings_decide_rule",
    "paragraph_mark_junk",
    "revision_restore",
    "suggestion_confirm",
    "suggestion_dismiss",
]
