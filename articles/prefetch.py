"""Hand-written prefetches for the busiest reader pages.

Django's ``prefetch_related`` compiles a fresh query per relation per
request; on the article page that compiling costs more than the database
work. These fixed statements fill the very same prefetch caches, with the
model's own converters, so templates and ``seo`` keep calling
``article.bylines.all()`` and see complete model instances. The approved
comments are ``ReaderComment`` records holding only what readers see.
"""

import datetime
import json
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.signals import post_init
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Comment,
    ModerationSettings,
    RelatedLink,
    Section,
    Source,
    Tag,
)


@cache
def _columns(model, exclude: tuple[str, ...] = ()) -> tuple[str, tuple, tuple]:
    """The model's columns as SQL, their attribute names, and the converters to apply.

    Worked out once per process; only columns that need converting (times,
    JSON, booleans on SQLite) cost anything per row.
    """
    table = model._meta.db_table
    fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
    sql = ", ".join(f"{table}.{connection.ops.quote_name(f.column)}" for f in fields)
    plan = []
    for index, field in enumerate(fields):
        col = Col(table, field)
        found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
        found = [_sqlite_datetime_converter() if _is_sqlite_datetime(c) else c for c in found]
        if found:
            plan.append((index, col, tuple(found)))
    return sql, tuple(f.attname for f in fields), tuple(plan)


def _is_sqlite_datetime(converter) -> bool:
    return (
        connection.vendor == "sqlite"
        and getattr(converter, "__func__", None) is type(connection.ops).convert_datetimefield_value
    )


def _sqlite_datetime_converter():
    """SQLite's datetime converter with the database's zone looked up once, not per value.

    The driver has already parsed the value; Django's own converter then
    reached the zone through the connection proxy twice per value, which with
    fifty comments cost more than the rest of their row.
    """
    zone = connection.timezone if settings.USE_TZ else None

    def convert(value, expression, conn):
        if value is not None and not isinstance(value, datetime.datetime):
            value = parse_datetime(value)
        if zone is not None and value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value

    return convert


def _build(model, values, exclude: tuple[str, ...] = ()):
    _, names, plan = _columns(model, exclude)
    values = list(values)
    for index, col, found in plan:
        value = values[index]
        for converter in found:
            value = converter(value, col, connection)
        values[index] = value
    return _instance(model, names, values)


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fill(obj, name: str, rows: list) -> None:
    """Put ``rows`` where ``prefetch_related(name)`` would have put them."""
    queryset = getattr(obj, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = queryset


def prefetched(obj, name: str):
    """``getattr(obj, name).all()``, without building the related manager when it was prefetched.

    A many-to-many manager costs more to build than its prefetched rows cost
    to read, and the article page reads its tags three times.
    """
    found = getattr(obj, "_prefetched_objects_cache", {}).get(name)
    return found if found is not None else getattr(obj, name).all()


class ReaderComment:
    """An approved comment as the article page shows it: no model instance.

    An uncached article page reads fifty of them; built as Comment instances
    they were a sixth of the page's time. Only what readers see is here (no
    email, address or moderation reasons), and nothing is ever saved from it.
    """

    __slots__ = (
        "author_name",
        "author_url",
        "body",
        "parent_id",
        "pk",
        "submitted_at",
        "thread_replies",
    )

    def __init__(self, pk, parent_id, author_name, author_url, body, submitted_at):
        self.pk = pk
        self.parent_id = parent_id
        self.author_name = author_name
        self.author_url = author_url
        self.body = body
        self.submitted_at = submitted_at
        self.thread_replies = []

    def __repr__(self) -> str:
        return f"<ReaderComment {self.pk}>"


# The raw copy's paragraphs can be long and no reader page shows them.
_ARTICLE_SKIPS = ("source_paragraphs",)


@dataclass
class ArticlePage:
    """What an article page shows, read in one statement: the article, the sections bar, the rules."""

    article: Article
    sections: list[Section]
    moderation: ModerationSettings
    # When an approved comment last appeared or changed: part of the page's Last-Modified.
    comments_changed_at: datetime.datetime | None


@cache
def _time_parser():
    """How a time inside JSON becomes an aware datetime in UTC.

    SQLite stores UTC as text without an offset; PostgreSQL writes ISO 8601
    with the session's offset (UTC, as Django sets it). Adding the offset to
    the text is three times faster than ``replace(tzinfo=...)``, and these
    run a hundred times an article page.
    """
    parse = datetime.datetime.fromisoformat
    if connection.vendor == "sqlite":
        return lambda value: None if value is None else parse(value + "+00:00")

    def parse_with_offset(value):
        if value is None:
            return None
        parsed = parse(value)
        return parsed if parsed.tzinfo is datetime.UTC else parsed.astimezone(datetime.UTC)

    return parse_with_offset


def _json_time(value):
    return _time_parser()(value)


_JSON_READERS = {
    "DateTimeField": _json_time,
    "DateField": lambda value: None if value is None else datetime.date.fromisoformat(value),
    "BooleanField": lambda value: None if value is None else bool(value),
}


@cache
def _json_plan(
    model, alias: str, exclude: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], tuple[str, ...], tuple]:
    """The model's columns under ``alias`` for a JSON array, their names and readers.

    Only the types reader pages hold are known; a JSON column would come back
    as text on SQLite and parsed on PostgreSQL, so it is refused unless
    left out with ``exclude``.
    """
    fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
    readers = []
    for index, field in enumerate(fields):
        kind = field.get_internal_type()
        if kind == "JSONField":
            raise TypeError(f"{model.__name__}.{field.name}: JSON fields are not read as JSON rows")
        if kind in _JSON_READERS:
            readers.append((index, _JSON_READERS[kind]))
    columns = tuple(f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields)
    return columns, tuple(f.attname for f in fields), tuple(readers)


def _json_rows(columns, tables: str, where: str, order: str, latest: str = "") -> str:
    """A scalar subquery: the matching rows, in ``order``, as a JSON array of arrays.

    With ``latest``, the answer is ``[MAX(latest), rows]`` instead.
    """
    listed = ", ".join(columns)
    where = f" WHERE {where}" if where else ""
    if connection.vendor == "postgresql":
        rows = f"json_agg(json_build_array({listed}) ORDER BY {order})"
        if latest:
            rows = f"json_build_array(MAX({latest}), {rows})"
        return f"(SELECT {rows} FROM {tables}{where})"
    # SQLite before 3.44 takes no ORDER BY inside an aggregate. An ordered
    # subquery is never flattened into an aggregate query, so its rows reach
    # json_group_array in order.
    named = ", ".join(f"{column} AS c{i}" for i, column in enumerate(columns))
    rows = f"json_group_array(json_array({', '.join(f'c{i}' for i in range(len(columns)))}))"
    if latest:
        named += f", {latest} AS latest"
        rows = f"json_array(MAX(latest), {rows})"
    return f"(SELECT {rows} FROM (SELECT {named} FROM {tables}{where} ORDER BY {order}))"


def _json_row(columns, table: str, where: str) -> str:
    """A scalar subquery: one row as a JSON array, or NULL."""
    function = "json_build_array" if connection.vendor == "postgresql" else "json_array"
    return f"(SELECT {function}({', '.join(columns)}) FROM {table} WHERE {where})"


def _from_json(model, alias: str, values: list, exclude: tuple[str, ...] = ()):
    _, names, readers = _json_plan(model, alias, exclude)
    for index, read in readers:
        values[index] = read(values[index])
    return _instance(model, names, values)


def _instance(model, names, values):
    """A model instance from its column values, as ``from_db`` makes it.

    Without ``Model.__init__``'s per-field walk, the largest cost of many
    rows; left-out columns stay deferred, as there.
    """
    if post_init.has_listeners(model):
        return model.from_db(DEFAULT_DB_ALIAS, names, values)
    obj = model.__new__(model)
    obj.__dict__.update(zip(names, values, strict=True))
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS
    return obj


@cache
def _article_page_sql(published_only: bool) -> str:
    byline, author = _json_plan(Byline, "b")[0], _json_plan(Author, "au")[0]
    citation, source = _json_plan(Citation, "ci")[0], _json_plan(Source, "so")[0]
    through = Article.tags.through._meta.db_table
    parts = [
        _columns(Article, _ARTICLE_SKIPS)[0],
        _columns(Section)[0],
        _json_rows(
            byline + author,
            "articles_byline b JOIN articles_author au ON au.id = b.author_id",
            "b.article_id = articles_article.id",
            "b.position",
        ),
        _json_rows(
            citation + source,
            "articles_citation ci JOIN articles_source so ON so.id = ci.source_id",
            "ci.article_id = articles_article.id",
            "ci.position",
        ),
        _json_rows(
            _json_plan(RelatedLink, "rl")[0],
            "articles_relatedlink rl",
            "rl.article_id = articles_article.id",
            "rl.position",
        ),
        _json_rows(
            _json_plan(Tag, "tg")[0],
            f"articles_tag tg JOIN {through} tt ON tt.tag_id = tg.id",
            "tt.article_id = articles_article.id",
            "tg.name",
        ),
        _json_rows(
            [f"cm.{name}" for name in _READER_COMMENT_COLUMNS],
            "articles_comment cm",
            "cm.article_id = articles_article.id AND cm.status = %s",
            "cm.submitted_at, cm.id",
            latest="COALESCE(cm.status_changed_at, cm.submitted_at)",
        ),
        _json_rows(_json_plan(Section, "nav")[0], "articles_section nav", "", "nav.name"),
        _json_row(
            _json_plan(ModerationSettings, "ms")[0], "articles_moderationsettings ms", "ms.id = 1"
        ),
    ]
    where = "articles_article.slug = %s"
    if published_only:
        where += " AND articles_article.status = %s AND articles_article.published_at <= %s"
    return (
        f"SELECT {', '.join(parts)} FROM articles_article LEFT JOIN articles_section "
        f"ON articles_section.id = articles_article.section_id WHERE {where}"
    )


_READER_COMMENT_COLUMNS = (
    "id",
    "parent_id",
    "author_name",
    "author_url",
    "body",
    "submitted_at",
)


def _json_list(value) -> list:
    """A JSON array column: psycopg parses it, SQLite gives text; no rows is NULL or ``[]``."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else value


def _joined_read(model, alias: str, field: str, other, other_alias: str, value) -> list:
    """Rows of ``model`` with ``field`` (a foreign key to ``other``) filled from the same row."""
    width = len(_json_plan(model, alias)[1])
    cache_other = model._meta.get_field(field).set_cached_value
    found = []
    for values in _json_list(value):
        obj = _from_json(model, alias, values[:width])
        # ``obj.field = other`` without the assignment's checks: the row holds both.
        cache_other(obj, _from_json(other, other_alias, values[width:]))
        found.append(obj)
    return found


def _bylines_read(value) -> list[Byline]:
    return _joined_read(Byline, "b", "author", Author, "au", value)


def article_page_load(*, slug: str, published_only: bool) -> ArticlePage | None:
    """The article at ``slug`` with everything its page shows, in one statement.

    Bylines, citations, links and tags fill the prefetch caches that
    ``prefetch_related`` would; approved comments come as
    ``article.approved_comments``, oldest first. Each related set arrives as a
    JSON array in the article's row: on PostgreSQL the eight round trips this
    replaces cost five times the statement's own time.
    """
    params = [Comment.Status.APPROVED, slug]
    if published_only:
        params += [
            Article.Status.PUBLISHED,
            connection.ops.adapt_datetimefield_value(timezone.now()),
        ]
    rows = _fetch(_article_page_sql(published_only), params)
    if not rows:
        return None
    row = rows[0]
    width = len(_columns(Article, _ARTICLE_SKIPS)[1])
    section_width = len(_columns(Section)[1])
    article = _build(Article, row[:width], _ARTICLE_SKIPS)
    section_values = row[width : width + section_width]
    article.section = _build(Section, section_values) if article.section_id else None
    bylines_json, citations_json, links_json, tags_json, comments_json, nav_json, rules = row[
        width + section_width :
    ]
    _fill(article, "bylines", _bylines_read(bylines_json))
    _fill(
        article, "citations", _joined_read(Citation, "ci", "source", Source, "so", citations_json)
    )
    _fill(
        article,
        "related_links",
        [_from_json(RelatedLink, "rl", v) for v in _json_list(links_json)],
    )
    _fill(article, "tags", [_from_json(Tag, "tg", v) for v in _json_list(tags_json)])
    read_time = _time_parser()
    comments_changed_at, comments = _json_list(comments_json)
    article.approved_comments = [
        ReaderComment(pk, parent, name, url, body, read_time(sent))
        for pk, parent, name, url, body, sent in comments or ()
    ]
    sections = [_from_json(Section, "nav", v) for v in _json_list(nav_json)]
    rules = _json_list(rules)
    moderation = _from_json(ModerationSettings, "ms", rules) if rules else ModerationSettings(pk=1)
    return ArticlePage(
        article=article,
        sections=sections,
        moderation=moderation,
        comments_changed_at=read_time(comments_changed_at),
    )


# A teaser shows no text, and the raw copy's paragraphs are JSON (refused by ``_json_plan``).
_TEASER_SKIPS = ("body", "source_paragraphs")


@dataclass
class ListingRows:
    """One page of a reader listing and what the page around it shows, read in one statement."""

    articles: list[Article]
    # How many articles the whole listing holds, for the paginator.
    total: int
    sections: list[Section]
    # The section, author or tag the listing belongs to; None for the front page or an unknown slug.
    subject: Section | Author | Tag | None


def _listing_filter(of) -> str:
    """Which published articles (``la``) a listing of ``of`` holds, by the slug in its address.

    An author or tag is on an article at most once (unique constraints), so
    ``IN`` lists each article once, as the ORM's join did.
    """
    if of is None:
        return ""
    if of is Section:
        return " AND la.section_id = (SELECT ls.id FROM articles_section ls WHERE ls.slug = %s)"
    if of is Author:
        return (
            " AND la.id IN (SELECT lb.article_id FROM articles_byline lb"
            " JOIN articles_author lu ON lu.id = lb.author_id WHERE lu.slug = %s)"
        )
    through = Article.tags.through._meta.db_table
    return (
        f" AND la.id IN (SELECT lt.article_id FROM {through} lt"
        " JOIN articles_tag lg ON lg.id = lt.tag_id WHERE lg.slug = %s)"
    )


@cache
def _listing_sql(of) -> str:
    where = "la.status = %s AND la.published_at <= %s" + _listing_filter(of)
    bylines = _json_rows(
        _json_plan(Byline, "b")[0] + _json_plan(Author, "au")[0],
        "articles_byline b JOIN articles_author au ON au.id = b.author_id",
        "b.article_id = a.id",
        "b.position",
    )
    # Ids first, then their rows: the newest-first walk reads no row it will not show.
    page = _json_rows(
        (*_json_plan(Article, "a", _TEASER_SKIPS)[0], *_json_plan(Section, "s")[0], bylines),
        f"(SELECT la.id FROM articles_article la WHERE {where} "
        "ORDER BY la.published_at DESC, la.id DESC LIMIT %s OFFSET %s) p "
        "JOIN articles_article a ON a.id = p.id "
        "LEFT JOIN articles_section s ON s.id = a.section_id",
        "",
        "a.published_at DESC, a.id DESC",
    )
    parts = [
        f"(SELECT COUNT(*) FROM articles_article la WHERE {where})",
        page,
        _json_rows(_json_plan(Section, "nav")[0], "articles_section nav", "", "nav.name"),
    ]
    if of is not None:
        table = of._meta.db_table
        parts.append(_json_row(_json_plan(of, "subj")[0], f"{table} subj", "subj.slug = %s"))
    return f"SELECT {', '.join(parts)}"


def article_listing_load(*, of=None, slug: str = "", offset: int, limit: int) -> ListingRows:
    """Published articles, newest first, ``limit`` from ``offset``, with their section and bylines.

    ``of`` (Section, Author or Tag) and ``slug`` narrow the listing to one
    section, author or tag, which comes back too. The count, the page, each
    teaser's bylines and the sections bar are one statement: through the ORM
    they were four queries, and compiling them cost more than running them.

    Each article's bylines, in order and with their authors, are
    ``article.listed_bylines``; ``article.bylines`` is not prefetched, as
    filling Django's prefetch cache took longer than the statement.
    """
    published = [Article.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]
    if of is not None:
        published.append(slug)
    params = [*published, *published, limit, offset]
    if of is not None:
        params.append(slug)
    total, page, nav, *subject = _fetch(_listing_sql(of), params)[0]
    width = len(_json_plan(Article, "a", _TEASER_SKIPS)[1])
    section_width = len(_json_plan(Section, "s")[1])
    cache_section = Article._meta.get_field("section").set_cached_value
    articles = []
    for values in _json_list(page):
        article = _from_json(Article, "a", values[:width], _TEASER_SKIPS)
        section = values[width : width + section_width]
        cache_section(article, _from_json(Section, "s", section) if article.section_id else None)
        # On SQLite an array inside an array arrives as text; ``_json_list`` reads either.
        article.listed_bylines = _bylines_read(values[-1])
        articles.append(article)
    found = _json_list(subject[0]) if subject else []
    return ListingRows(
        articles=articles,
        total=total,
        sections=[_from_json(Section, "nav", v) for v in _json_list(nav)],
        subject=_from_json(of, "subj", found) if found else None,
    )


def section_list_all() -> list[Section]:
    """Every section by name, for the navigation on every page."""
    rows = _fetch(f"SELECT {_columns(Section)[0]} FROM articles_section ORDER BY name", [])
    return [_build(Section, row) for row in rows]


def moderation_settings_load() -> ModerationSettings:
    """``ModerationSettings.load()`` in one plain query: the article page asks on every view."""
    rows = _fetch(
        f"SELECT {_columns(ModerationSettings)[0]} FROM "
        f"{ModerationSettings._meta.db_table} WHERE id = 1",
        [],
    )
    return _build(ModerationSettings, rows[0]) if rows else ModerationSettings(pk=1)
