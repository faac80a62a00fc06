"""Reader search: ranked, highlighted, published articles only.

On PostgreSQL it is full text search over a stored weighted vector
(headline A, dek B, body C) with a GIN index, both from migration 0003. On
SQLite a plain substring search ranks the same way: a headline match beats
a dek match beats a body match. Both return the same shape, so pages and
tests do not care which ran.

A page of results is one hand-written statement, as the other busy reader
pages are: the matches are ranked and counted (a window function) on ids
alone, then only the page's rows are read and, on PostgreSQL, given their
``ts_headline`` excerpts. In one query with the ranking, ``ts_headline``,
which parses a whole body, ran for every row up to the end of the page
(thirty on page three); a separate COUNT scanned every match again; and on
SQLite the ORM took longer to compile those two queries than to run them.
"""

import re
from dataclasses import dataclass

from django.core.paginator import Page
from django.db import connections, router
from django.utils import timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString

from articles import selectors
from articles.models import Article

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


# Both statements rank best first, then newest; ``status`` and ``now`` say
# what readers may see, as ``ArticleQuerySet.published`` does.
_POSTGRES_SQL = """
WITH matches AS (
    SELECT id, published_at, ts_rank(search_vector, {tsquery}) AS rank, count(*) OVER () AS total
    FROM articles_article
    WHERE status = %(status)s AND published_at <= %(now)s AND search_vector @@ {tsquery}
    ORDER BY rank DESC, published_at DESC, id DESC
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT a.id, a.headline, a.slug, a.published_at, a.section_id, s.name AS section_name,
    matches.total,
    ts_headline(%(config)s::regconfig, a.headline, {tsquery}, %(headline_options)s)
        AS headline_marked,
    ts_headline(%(config)s::regconfig, a.body, {tsquery}, %(excerpt_options)s) AS excerpt_marked
FROM matches JOIN articles_article AS a ON a.id = matches.id
LEFT JOIN articles_section AS s ON s.id = a.section_id
ORDER BY matches.rank DESC, matches.published_at DESC, matches.id DESC
""".format(
    # A subquery (an InitPlan), so the query is parsed once per statement.
    # A plain call is parsed again for every row, twice, in the generic plan
    # the prepared statement switches to after five runs (psycopg prepares
    # it, settings.py): 14.5 ms a page of 1,000 matches instead of 10.8.
    # The GIN index still serves ``@@`` with it.
    tsquery="(SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s))"
)

_SQLITE_SQL = """
WITH matches AS (
    SELECT id, published_at, {rank} AS rank, count(*) OVER () AS total
    FROM articles_article
    WHERE status = %(status)s AND published_at <= %(now)s AND {match}
    ORDER BY rank DESC, published_at DESC, id DESC
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT a.id, a.headline, a.slug, a.body, a.published_at, a.section_id, s.name AS section_name,
    matches.total
FROM matches JOIN articles_article AS a ON a.id = matches.id
LEFT JOIN articles_section AS s ON s.id = a.section_id
ORDER BY matches.rank DESC, matches.published_at DESC, matches.id DESC
"""
# Per word: it must be somewhere; 100 in the headline, else 10 in the dek, else 1.
_SQLITE_MATCH = (
    "(headline LIKE %({p})s ESCAPE '\\' OR dek LIKE %({p})s ESCAPE '\\'"
    " OR body LIKE %({p})s ESCAPE '\\')"
)
_SQLITE_RANK = (
    "CASE WHEN headline LIKE %({p})s ESCAPE '\\' THEN 100"
    " WHEN dek LIKE %({p})s ESCAPE '\\' THEN 10 ELSE 1 END"
)


def _postgres_read(search: SearchInput, params: dict) -> list[Article]:
    options = {"StartSel": _START, "StopSel": _STOP}
    headline = {**options, "HighlightAll": True}
    excerpt = {**options, "MaxWords": 35, "MaxFragments": 1}
    params = params | {
        "config": SEARCH_CONFIG,
        "query": search.query,
        "headline_options": _headline_options(headline),
        "excerpt_options": _headline_options(excerpt),
    }
    return list(Article.objects.raw(_POSTGRES_SQL, params))


def _connection():
    """The connection reader queries go to: the read replica when there is one."""
    return connections[router.db_for_read(Article)]


def _headline_options(options: dict) -> str:
    # Quoted as ``SearchHeadline`` quotes them.
    ops = _connection().ops
    return ", ".join(ops.compose_sql(f"{k}=%s", [v]) for k, v in options.items())


def _sqlite_read(search: SearchInput, params: dict) -> list[Article]:
    names = [f"like{i}" for i in range(len(search.terms))]
    # As ``icontains`` matches: the word anywhere, its LIKE wildcards escaped.
    params = params | {
        name: f"%{_connection().ops.prep_for_like_query(term)}%"
        for name, term in zip(names, search.terms, strict=True)
    }
    sql = _SQLITE_SQL.format(
        rank=" + ".join(_SQLITE_RANK.format(p=name) for name in names),
        match=" AND ".join(_SQLITE_MATCH.format(p=name) for name in names),
    )
    articles = list(Article.objects.raw(sql, params))
    for article in articles:
        article.headline_marked = _mark_terms(article.headline, search.terms)
        article.excerpt_marked = _mark_terms(_excerpt(article.body, search.terms), search.terms)
    return articles


def _read(search: SearchInput, *, number: int, per_page: int) -> tuple[list[Article], int]:
    """Page ``number`` of the matches, best first, and how many match in all (0 past the end)."""
    if search.problem:
        return [], 0
    params = {
        "status": Article.Status.PUBLISHED,
        "now": timezone.now(),
        "limit": per_page,
        "offset": (number - 1) * per_page,
    }
    read = _postgres_read if _connection().vendor == "postgresql" else _sqlite_read
    articles = read(search, params)
    return articles, articles[0].total if articles else 0


@dataclass
class SearchResults:
    """A page of the search page's results."""

    page: Page


def search_results(search: SearchInput, *, number, per_page: int) -> SearchResults:
    """One page of matches with ``headline_html``, ``excerpt_html`` and ``section_name``.

    A ``number`` that is not a page of the results raises ``InvalidPage``
    (``selectors.page_number``). One statement.
    """
    articles, paginator, found = selectors.page_read(
        number,
        per_page=per_page,
        read=lambda page: _read(search, number=page, per_page=per_page),
    )
    for article in articles:
        article.headline_html = _marked_to_html(article.headline_marked)
        article.excerpt_html = _marked_to_html(article.excerpt_marked or "")
    return SearchResults(page=Page(articles, found, paginator))


_MARKED = re.compile(f"{_START}(.*?){_STOP}", re.DOTALL)
_UNPAIRED = {ord(_START): None, ord(_STOP): None}


def _marked_to_html(text: str) -> SafeString:
    """The text with each marked match in ``<mark>``, everything else escaped."""
    # A split on one group: even pieces lie between the matches, odd pieces are the matches.
    pieces = [piece.translate(_UNPAIRED) for piece in _MARKED.split(strip_tags(text))]
    pairs = zip(pieces[0::2], pieces[1::2], strict=False)  # the last piece has no match
    marked = format_html_join("", "{}<mark>{}</mark>", pairs)
    return format_html("{}{}", marked, pieces[-1])


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
