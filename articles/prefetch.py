"""Hand-written prefetches for the busiest reader pages.

Django's ``prefetch_related`` compiles a fresh query per relation per
request; on the article page that compiling costs more than the database
work. These fixed statements fill the very same prefetch caches, with the
model's own converters, so templates and ``seo`` keep calling
``article.bylines.all()`` and see complete model instances. The approved
comments are ``ReaderComment`` records holding only what readers see.
"""

import datetime
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
    if post_init.has_listeners(model):
        return model.from_db(DEFAULT_DB_ALIAS, names if exclude else None, values)
    # What from_db() ends with, without Model.__init__'s per-field walk (the
    # largest cost of fifty comments): left-out columns stay deferred, as there.
    obj = model.__new__(model)
    obj.__dict__.update(zip(names, values, strict=True))
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS
    return obj


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


def _placeholders(ids) -> str:
    return ", ".join(["%s"] * len(ids))


def _pairs(model, other, join: str, where: str, order: str, params):
    """Rows of ``model`` with their ``other`` object joined in."""
    width = len(_columns(model)[1])
    sql = (
        f"SELECT {_columns(model)[0]}, {_columns(other)[0]} FROM {model._meta.db_table} "
        f"JOIN {other._meta.db_table} ON {join} WHERE {where} ORDER BY {order}"
    )
    return [(_build(model, row[:width]), _build(other, row[width:])) for row in _fetch(sql, params)]


def bylines_attach(articles) -> None:
    """Each article's bylines, in order, with their authors: one query for all of them."""
    articles = list(articles)
    if not articles:
        return
    ids = [article.pk for article in articles]
    by_article = {pk: [] for pk in ids}
    for byline, author in _pairs(
        Byline,
        Author,
        "articles_author.id = articles_byline.author_id",
        f"articles_byline.article_id IN ({_placeholders(ids)})",
        "articles_byline.article_id, articles_byline.position",
        ids,
    ):
        byline.author = author
        by_article[byline.article_id].append(byline)
    for article in articles:
        _fill(article, "bylines", by_article[article.pk])


def article_page_attach(article: Article) -> None:
    """Everything the article page shows besides the article: five plain queries."""
    bylines_attach([article])
    citations = []
    for citation, source in _pairs(
        Citation,
        Source,
        "articles_source.id = articles_citation.source_id",
        "articles_citation.article_id = %s",
        "articles_citation.position",
        [article.pk],
    ):
        citation.source = source
        citations.append(citation)
    _fill(article, "citations", citations)
    links = _fetch(
        f"SELECT {_columns(RelatedLink)[0]} FROM articles_relatedlink "
        "WHERE article_id = %s ORDER BY position",
        [article.pk],
    )
    _fill(article, "related_links", [_build(RelatedLink, row) for row in links])
    through = Article.tags.through._meta.db_table
    tags = _fetch(
        f"SELECT {_columns(Tag)[0]} FROM articles_tag JOIN {through} "
        f"ON {through}.tag_id = articles_tag.id WHERE {through}.article_id = %s "
        "ORDER BY articles_tag.name",
        [article.pk],
    )
    _fill(article, "tags", [_build(Tag, row) for row in tags])
    rows = _fetch(
        "SELECT id, parent_id, author_name, author_url, body, submitted_at, status_changed_at "
        "FROM articles_comment WHERE article_id = %s AND status = %s ORDER BY submitted_at, id",
        [article.pk, Comment.Status.APPROVED],
    )
    read_time = _time_reader()
    article.approved_comments = [
        ReaderComment(pk, parent, name, url, body, read_time(submitted), read_time(changed))
        for pk, parent, name, url, body, submitted, changed in rows
    ]


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
        "status_changed_at",
        "submitted_at",
        "thread_replies",
    )

    def __init__(self, pk, parent_id, author_name, author_url, body, submitted_at, changed_at):
        self.pk = pk
        self.parent_id = parent_id
        self.author_name = author_name
        self.author_url = author_url
        self.body = body
        self.submitted_at = submitted_at
        self.status_changed_at = changed_at
        self.thread_replies = []

    def __repr__(self) -> str:
        return f"<ReaderComment {self.pk}>"


@cache
def _time_reader():
    """A stored time as an aware datetime: SQLite gives text, psycopg a datetime already."""
    if connection.vendor != "sqlite":
        return lambda value: value
    convert = _sqlite_datetime_converter()
    return lambda value: convert(value, None, None)


# The raw copy's paragraphs can be long and no reader page shows them.
_ARTICLE_SKIPS = ("source_paragraphs",)


def article_get_by_slug(*, slug: str, published_only: bool) -> Article | None:
    """The article at ``slug`` with its section, in one plain query."""
    where = "articles_article.slug = %s"
    params = [slug]
    if published_only:
        where += " AND articles_article.status = %s AND articles_article.published_at <= %s"
        params += [
            Article.Status.PUBLISHED,
            connection.ops.adapt_datetimefield_value(timezone.now()),
        ]
    sql = (
        f"SELECT {_columns(Article, _ARTICLE_SKIPS)[0]}, {_columns(Section)[0]} "
        "FROM articles_article LEFT JOIN articles_section "
        f"ON articles_section.id = articles_article.section_id WHERE {where}"
    )
    rows = _fetch(sql, params)
    if not rows:
        return None
    width = len(_columns(Article, _ARTICLE_SKIPS)[1])
    article = _build(Article, rows[0][:width], _ARTICLE_SKIPS)
    article.section = _build(Section, rows[0][width:]) if article.section_id else None
    return article


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
