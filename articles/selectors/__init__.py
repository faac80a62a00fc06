"""Every read the public site makes, with its prefetches.

Each page costs the same few queries whatever the number of bylines,
sources, links, tags or comments: related rows come in one query each, with
``select_related`` and ``Prefetch``. What a cached fragment shows is handed
to the template unevaluated (a ``QuerySet`` runs when a template first reads
it), so while the fragment is cached its rows are never read.
"""

from articles.selectors.articles import (
    Story,
    article_for_reader,
    article_may_preview,
    article_moved,
    article_story,
)
from articles.selectors.comments import (
    THREADS_PER_PAGE,
    CommentSection,
    CommentStats,
    CommentThreads,
    comment_rules,
    comment_section_read,
    comment_stats,
    comment_threads,
)
from articles.selectors.listings import (
    FEED_LENGTH,
    FrontPage,
    Listing,
    article_list_for_feed,
    article_list_recent,
    article_listing,
    front_page_read,
    page_number,
    page_read,
    section_list,
)

__all__ = [
    "FEED_LENGTH",
    "THREADS_PER_PAGE",
    "CommentSection",
    "CommentStats",
    "CommentThreads",
    "FrontPage",
    "Listing",
    "Story",
    "article_for_reader",
    "article_list_for_feed",
    "article_list_recent",
    "article_listing",
    "article_may_preview",
    "article_moved",
    "article_story",
    "comment_rules",
    "comment_section_read",
    "comment_stats",
    "comment_threads",
    "front_page_read",
    "page_number",
    "page_read",
    "section_list",
]
