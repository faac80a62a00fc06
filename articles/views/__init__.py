"""The public site: reader pages in ``public``, machine pages in ``machines``."""

from articles.views.machines import (
    favicon,
    news_sitemap,
    robots_txt,
    sitemap_index,
    web_manifest,
)
from articles.views.public import (
    article_detail,
    author_page,
    front_page,
    page_not_found,
    search_page,
    section_page,
    server_error,
    tag_page,
)

__all__ = [
    "article_detail",
    "author_page",
    "favicon",
    "front_page",
    "news_sitemap",
    "page_not_found",
    "robots_txt",
    "search_page",
    "section_page",
    "server_error",
    "sitemap_index",
    "tag_page",
    "web_manifest",
]
