"""The public site: reader pages in ``public``, the comment form in ``comments``."""

from articles.views.public import (
    article_detail,
    author_page,
    front_page,
    page_not_found,
    section_page,
    server_error,
    tag_page,
)

__all__ = [
    "article_detail",
    "author_page",
    "front_page",
    "page_not_found",
    "section_page",
    "server_error",
    "tag_page",
]
