"""Caching of the public site: versions, the page cache, the comment form's timestamps."""

from articles.caching.pages import never_cache_page, page_cache_seconds, public_page
from articles.caching.versions import (
    fragment_cache_seconds,
    request_versions,
    versioned_value,
    versions_bump,
    versions_bump_on_commit,
    versions_read,
)

__all__ = [
    "fragment_cache_seconds",
    "never_cache_page",
    "page_cache_seconds",
    "public_page",
    "request_versions",
    "versioned_value",
    "versions_bump",
    "versions_bump_on_commit",
    "versions_read",
]
