"""Reader search: ranked, highlighted, published articles only.

On PostgreSQL it is full text search over a stored weighted vector
(headline A, dek B, body C) with a GIN index, both from migration 0003. Elsewhere a
plain substring search ranks the same way: a headline match beats a dek
match beats a body match. Both return the same shape, so pages and tests do
not care which ran.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles import selectors

QUERY_MAX_LENGTH = 200
MAX_TERMS = 12
SEARCH_CONFIG = "english"
# Marks around matching words travel through the database or the regex
# below as control characters, so the text can be escaped before they turn
# into <mark> tags.
_START, _STOP = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TERM = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchInput:
    query: str
    terms: tuple[str, ...]
    problem: str = ""


def search_parse(raw: str | None) -> SearchInput:
    """What the reader typed, cleaned, with a reason when it cannot be searched."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if not text:
        return SearchInput("", (), "empty")
    if len(text) > QUERY_MAX_LENGTH:
        return SearchInput(text[:QUERY_MAX_LENGTH], (), "too_long")
    terms = tuple(dict.fromkeys(t.lower() for t in _TERM.findall(text) if len(t) > 1))
    if not terms:
        return SearchInput(text, (), "no_words")
    return SearchInput(text, terms[:MAX_TERMS])


def _vector() -> RawSQL:
    # The stored, weighted vector PostgreSQL maintains (migration 0003).
    return RawSQL('"articles_article"."search_vector"', [], output_field=SearchVectorField())


def _postgres_search(search: SearchInput):
    query = SearchQuery(search.query, search_type="websearch", config=SEARCH_CONFIG)
    options = {"start_sel": _START, "stop_sel": _STOP, "highlight_all": True}
    excerpt = {"start_sel": _START, "stop_sel": _STOP, "max_fragments": 1, "max_words": 35}
    return (
        selectors.article_list_published()
        .annotate(search=_vector())
        .filter(search=query)
        .annotate(
            rank=SearchRank(F("search"), query),
            headline_marked=SearchHeadline("headline", query, config=SEARCH_CONFIG, **options),
            excerpt_marked=SearchHeadline("body", query, config=SEARCH_CONFIG, **excerpt),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _fallback_search(search: SearchInput):
    matches = Q()
    weights = []
    for term in search.terms:
        matches &= Q(headline__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)
        weights.append(
            Case(
                When(headline__icontains=term, then=Value(100)),
                When(dek__icontains=term, then=Value(10)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    rank = sum(weights[1:], weights[0])
    return (
        selectors.article_list_published()
        .defer(None)
        .defer("source_paragraphs")
        .filter(matches)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )


def article_search(search: SearchInput):
    """Published articles matching ``search``, best first; empty when there is nothing to search."""
    if search.problem:
        return selectors.article_list_published().none()
    if connection.vendor == "postgresql":
        return _postgres_search(search)
    return _fallback_search(search)


def _marked_to_html(text: str) -> SafeString:
    html = escape(strip_tags(text)).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # safe: escaped above; only our own <mark> tags are added


def _mark_terms(text: str, terms: tuple[str, ...]) -> str:
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", text)


def _excerpt(body: str, terms: tuple[str, ...], *, width: int = 220) -> str:
    plain = " ".join(strip_tags(body).split())
    lowered = plain.lower()
    hits = [i for i in (lowered.find(t) for t in terms) if i >= 0]
    start = max(min(hits) - width // 3, 0) if hits else 0
    snippet = plain[start : start + width]
    return ("… " if start else "") + snippet + (" …" if start + width < len(plain) else "")


def search_highlight(articles, search: SearchInput) -> None:
    """Give each article ``headline_html`` and ``excerpt_html`` with matching words in <mark>."""
    for article in articles:
        if hasattr(article, "headline_marked"):
            headline, excerpt = article.headline_marked, article.excerpt_marked or ""
        else:
            headline = _mark_terms(article.headline, search.terms)
            excerpt = _mark_terms(_excerpt(article.body, search.terms), search.terms)
        article.headline_html = _marked_to_html(headline)
        article.excerpt_html = _marked_to_html(excerpt)
