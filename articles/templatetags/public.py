"""Template helpers of the reader pages."""

from django import template
from django.utils.translation import gettext as _

from articles import selectors, seo
from articles.body import body_render
from articles.models import Byline

register = template.Library()


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
