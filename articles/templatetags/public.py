"""Template helpers of the reader pages."""

import calendar
import functools
from html import escape

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles import routes, selectors, seo
from articles.body import body_render
from articles.models import Byline, RelatedLink, Source
from articles.prefetch import prefetched

register = template.Library()
_CHOICES = {"source_kind": Source.Kind, "relation": RelatedLink.Relation}


@register.filter
def render_body(text: str):
    """The stored body as safe reader HTML."""
    return body_render(text)


@register.filter
def description(article):
    """The page's description (``seo.article_description``)."""
    return seo.article_description(article)


@register.simple_tag(takes_context=True)
def article_meta(context, article, canonical):
    """Open Graph, ``article:`` and Twitter card tags, and the section's feed link.

    Built in Python like the byline: twenty values through the template
    engine cost more than the article's query.
    """
    headline, description = escape(article.headline), escape(seo.article_description(article))
    lines = [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(context["site_name"])}">',
        f'<meta property="og:title" content="{headline}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:url" content="{escape(context["site_url"] + canonical)}">',
        '<meta property="og:locale" content="en_GB">',
    ]
    if article.published_at:
        lines += [
            f'<meta property="article:published_time" content="{iso(article.published_at)}">',
            f'<meta property="article:modified_time" content="{iso(seo.article_modified_at(article))}">',
        ]
    section = article.section
    if section:
        lines.append(f'<meta property="article:section" content="{escape(section.name)}">')
    lines += [
        f'<meta property="article:tag" content="{escape(t.name)}">'
        for t in prefetched(article, "tags")
    ]
    lines += [
        '<meta name="twitter:card" content="summary">',
        f'<meta name="twitter:title" content="{headline}">',
        f'<meta name="twitter:description" content="{description}">',
    ]
    if section:
        feed = escape(routes.slug_route("articles:section_rss", section.slug))
        lines.append(
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{escape(section.name)} (RSS)" href="{feed}">'
        )
    return mark_safe("\n  ".join(lines))  # every value is escaped above


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    data = seo.article_jsonld(article, site_url=context["site_url"], site_name=context["site_name"])
    return seo.jsonld_script(data)


@functools.cache
def _role_label(role: str, language: str) -> str:
    return str(Byline.Role(role).label if role in Byline.Role.values else Byline.Role.BY.label)


def _byline_html(bylines, language: str) -> str:
    """The byline's phrases in order, each value escaped (html.escape, as autoescape would)."""
    groups: dict[str, list] = {}
    for line in bylines:
        groups.setdefault(line.role, []).append(line.author)
    phrases = []
    for role, authors in groups.items():
        links = [
            f'<a href="{escape(href(author))}" rel="author">{escape(author.name)}</a>'
            for author in authors
        ]
        names = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        phrases.append(f'<span class="byline">{escape(_role_label(role, language))} {names}</span>')
    return " · ".join(phrases)


@register.simple_tag
def byline(article):
    """The linked byline: "By <a>Maren Holt</a> and <a>Ivo Trask</a> · With <a>...</a>".

    Built in Python rather than a template include: listings show it twenty
    times a page.
    """
    return mark_safe(_byline_html(prefetched(article, "bylines"), get_language()))


@register.simple_tag(takes_context=True)
def teasers(context, articles):
    """Each teaser of ``article_listing``'s articles: headline, dek, byline, time and section.

    A section's own page (``section`` in the context) leaves the section out.
    Built in Python like the byline: twenty teasers through the template
    engine took longer than the statement that read them. Every value is
    escaped (html.escape, as autoescape would).
    """
    language = get_language()
    show_section = not context.get("section")
    return mark_safe("".join(_teaser(article, language, show_section) for article in articles))


def _teaser(article, language: str, show_section: bool) -> str:
    bylines = article.listed_bylines
    meta = _byline_html(bylines, language) + (" · " if bylines else "")
    published = timezone.localtime(article.published_at)
    meta += (
        f'<time datetime="{escape(published.isoformat())}">{escape(reader_time(published))}</time>'
    )
    section = article.section
    if section and show_section:
        meta += f' · <a href="{escape(href(section))}">{escape(section.name)}</a>'
    dek = f'<p class="dek">{escape(article.dek)}</p>' if article.dek else ""
    return (
        '\n<article class="teaser">'
        f'\n  <h2><a href="{escape(href(article))}">{escape(article.headline)}</a></h2>'
        f'\n  {dek}\n  <p class="meta">{meta}</p>\n</article>\n'
    )


@register.simple_tag(takes_context=True)
def section_nav(context):
    """The sections bar on every page, built in Python: it is on every page, cached or not.

    A page that read its sections already passes them as ``nav_sections``.
    """
    sections = context.get("nav_sections")
    if sections is None:
        sections = selectors.section_list()
    if not sections:
        return ""
    items = "".join(
        f'<li><a href="{escape(href(section))}">{escape(section.name)}</a></li>'
        for section in sections
    )
    return mark_safe(  # every value is escaped above
        f'<nav class="site-nav" aria-label="Sections">\n  <ul>{items}</ul>\n</nav>'
    )


# The article page's Sources, Related and Tags, built in Python as the byline
# is: through the template engine, their few dozen lookups cost more than the
# queries that fetched them. Every value is escaped (html.escape, as
# autoescape would).


@register.simple_tag
def article_sources(article):
    """Each cited source, linked, with its kind and the sentence that cites it."""
    items = []
    for citation in prefetched(article, "citations"):
        source = citation.source
        name = escape(source.name)
        link = citation.url or source.home_url
        if link:
            name = f'<a href="{escape(link)}" rel="nofollow noopener">{name}</a>'
        evidence = (
            f'\n        <q class="evidence">{escape(citation.evidence)}</q>'
            if citation.evidence
            else ""
        )
        kind = escape(_choice_label(source.kind, "source_kind"))
        items.append(
            f'\n      <li><span class="source-name">{name}</span>'
            f'\n        <span class="source-kind">({kind})</span>{evidence}</li>'
        )
    if not items:
        return ""
    return mark_safe(
        '<section class="sources" aria-labelledby="sources-title">'
        '\n    <h2 id="sources-title">Sources</h2>'
        f"\n    <ul>{''.join(items)}\n    </ul>\n  </section>"
    )


@register.simple_tag
def article_related(article):
    """The related links, each with how it relates."""
    items = []
    for link in prefetched(article, "related_links"):
        title = escape(link.title)
        if link.url:
            title = f'<a href="{escape(link.url)}" rel="nofollow noopener">{title}</a>'
        relation = escape(_choice_label(link.relation, "relation"))
        items.append(f'\n      <li>{title} <span class="relation">({relation})</span></li>')
    if not items:
        return ""
    return mark_safe(
        '<section class="related" aria-labelledby="related-title">'
        '\n    <h2 id="related-title">Related</h2>'
        f"\n    <ul>{''.join(items)}\n    </ul>\n  </section>"
    )


@register.simple_tag
def article_tags(article):
    """The article's tags as links to their pages."""
    links = [
        f'<a href="{escape(href(tag))}" rel="tag">{escape(tag.name)}</a>'
        for tag in prefetched(article, "tags")
    ]
    if not links:
        return ""
    return mark_safe(f'<p class="tags">Tags: {", ".join(links)}</p>')


@register.filter
def is_updated(article) -> bool:
    """Edited after it went out, by more than a few minutes."""
    updated, published = article.content_updated_at, article.published_at
    return bool(updated and published and (updated - published).total_seconds() > 300)


@register.filter
def iso(value) -> str:
    """A time for ``<time datetime>`` and meta tags, in the site's time zone."""
    return timezone.localtime(value).isoformat() if value else ""


@register.filter
def when(value) -> str:
    """A time for readers: "24 November 2026, 17:05"."""
    return reader_time(timezone.localtime(value)) if value else ""


# What strftime's %B gives, without strftime: fifty comments a page show a time.
_MONTHS = tuple(calendar.month_name)


def reader_time(local) -> str:
    """A local time as readers see it: "24 November 2026, 17:05"."""
    return f"{local.day} {_MONTHS[local.month]} {local.year}, {local.hour:02d}:{local.minute:02d}"


@functools.cache
def _asset(path: str) -> str:
    return static(path)


@register.simple_tag
def asset(path: str) -> str:
    """``{% static path %}``, with the hashed name looked up once per process, not per page."""
    return _asset(path)


@register.simple_tag
def current_year() -> int:
    """The footer's year; ``{% now "Y" %}`` formats a whole date to get it."""
    return timezone.localdate().year


@register.simple_tag
def route(name: str) -> str:
    """``{% url name %}`` for a page that takes no arguments, worked out once per process."""
    return routes.route(name)


@register.filter
def href(obj) -> str:
    """``get_absolute_url`` of an article, author, section or tag, remembered (``articles.routes``)."""
    return routes.href(obj)


@functools.cache
def _label(choices_name: str, value: str, language: str) -> str:
    return str(dict(_CHOICES[choices_name].choices).get(value, value))


def _choice_label(value: str, choices_name: str) -> str:
    """The reader's label of a stored choice, in the active language."""
    return _label(choices_name, value, get_language())
