"""Template helpers of the reader pages."""

import functools

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import selectors, seo
from articles.body import body_render
from articles.models import Author, Byline, RelatedLink, Section, Source, Tag

register = template.Library()
_SLUG_ROUTES = {Author: "articles:author", Section: "articles:section", Tag: "articles:tag"}
_CHOICES = {"source_kind": Source.Kind, "relation": RelatedLink.Relation}


@register.filter
def render_body(text: str):
    """The stored body as safe reader HTML."""
    return body_render(text)


@register.filter
def description(article):
    return seo.article_description(article)


@register.filter
def modified_at(article):
    return seo.article_modified_at(article)


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    data = seo.article_jsonld(article, site_url=context["site_url"], site_name=context["site_name"])
    return seo.jsonld_script(data)


@register.filter
def byline_groups(article) -> list[tuple[str, list]]:
    """The byline as phrases in order: ("By", [authors]), ("With", [...]), ..."""
    labels = {
        Byline.Role.BY: _("By"),
        Byline.Role.WITH: _("With"),
        Byline.Role.ADDITIONAL: _("Additional reporting by"),
    }
    groups: dict[str, list] = {}
    for byline in article.bylines.all():
        groups.setdefault(byline.role, []).append(byline.author)
    return [(labels.get(role, _("By")), authors) for role, authors in groups.items()]


@register.inclusion_tag("articles/includes/section_nav.html")
def section_nav():
    return {"sections": list(selectors.section_list())}


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
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y, %H:%M}"


@functools.cache
def _route(name: str) -> str:
    return reverse(name)


@register.simple_tag
def route(name: str) -> str:
    """The address of a page that takes no arguments, worked out once per process."""
    return _route(name)


@functools.lru_cache(maxsize=4096)
def _slug_route(name: str, slug: str) -> str:
    return reverse(name, kwargs={"slug": slug})


@register.filter
def href(obj) -> str:
    """``get_absolute_url`` of an author, section or tag, remembered per slug.

    Reversing a URL costs more than rendering the link; a page names the
    same few authors and sections over and over.
    """
    name = _SLUG_ROUTES.get(type(obj))
    return _slug_route(name, obj.slug) if name else obj.get_absolute_url()


@functools.cache
def _labels(choices) -> dict:
    return dict(choices.choices)


@register.filter
def label(value, choices_name: str) -> str:
    """The reader's label of a stored choice: ``{{ source.kind|label:"source_kind" }}``."""
    return str(_labels(_CHOICES[choices_name]).get(value, value))
