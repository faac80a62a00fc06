"""Reader addresses, reversed once per process and remembered.

``reverse()`` costs more than rendering the link it makes, and a page names
the same few articles, authors, sections and tags over and over: the article
page alone asks for its own address four times (canonical link, Open Graph,
JSON-LD, the redirect check). The URLconf does not change while a process
runs, so each address is worked out once.
"""

import functools

from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag

_SLUG_ROUTES = {Author: "articles:author", Section: "articles:section", Tag: "articles:tag"}


@functools.cache
def route(name: str) -> str:
    """The address of a page that takes no arguments."""
    return reverse(name)


@functools.lru_cache(maxsize=4096)
def slug_route(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})``."""
    return reverse(name, kwargs={"slug": slug})


@functools.lru_cache(maxsize=8192)
def _article_route(year: int, month: int, day: int, slug: str) -> str:
    return reverse(
        "articles:detail", kwargs={"year": year, "month": month, "day": day, "slug": slug}
    )


def href(obj) -> str:
    """``get_absolute_url()`` of an article, author, section or tag."""
    if isinstance(obj, Article) and obj.published_at:
        day = timezone.localtime(obj.published_at).date()
        return _article_route(day.year, day.month, day.day, obj.slug)
    name = _SLUG_ROUTES.get(type(obj))
    return slug_route(name, obj.slug) if name else obj.get_absolute_url()
