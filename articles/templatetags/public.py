"""Template helpers of the reader pages: data shaped for the templates, which hold the markup."""

from dataclasses import dataclass, field

from django import template
from django.utils.safestring import SafeString

from articles import seo, site
from articles.body import body_blocks, body_render
from articles.models import ArticleImage, Byline

register = template.Library()


@register.filter
def render_body(text: str):
    """The stored body as safe reader HTML."""
    return body_render(text)


@dataclass
class BodyBlock:
    html: SafeString
    # The pictures an editor placed after this block.
    pictures: list[ArticleImage] = field(default_factory=list)


@register.filter
def body_with_pictures(text: str, placed) -> list[BodyBlock]:
    """The body's blocks, each with the pictures placed after it (``after_paragraph`` counts
    blocks from 1); a picture placed past the end follows the last block."""
    blocks = [BodyBlock(html) for html in body_blocks(text)]
    for picture in placed or ():
        if not blocks:
            blocks.append(BodyBlock(SafeString("")))
        index = min(max(picture.after_paragraph, 1), len(blocks)) - 1
        blocks[index].pictures.append(picture)
    return blocks


@register.filter
def machine_time(value):
    """A moment as ``<time datetime>`` and meta tags want it (``seo.machine_datetime``)."""
    return seo.machine_datetime(value)


@register.filter
def absolute(path: str) -> str:
    """A site path as the public address readers share (``site.absolute_url``)."""
    return site.absolute_url(path)


@register.simple_tag
def site_icon() -> str:
    """The absolute address of the site's icon, for sharing a page without a picture of its own."""
    return site.site_icon_url()


@register.filter
def description(article):
    """The page's description (``seo.article_description``)."""
    return seo.article_description(article)


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, story):
    """The article's schema.org ``NewsArticle`` as a JSON-LD script element."""
    data = seo.article_jsonld(
        article, story=story, site_url=context["site_url"], site_name=context["site_name"]
    )
    return seo.jsonld_script(data)


@register.filter
def byline_groups(bylines) -> list[dict]:
    """Bylines grouped by role, in the order each role first appears, for "By A and B · With C".

    Each group is ``{"label": "By", "authors": [...]}``.
    """
    groups: dict[str, dict] = {}
    for line in bylines:
        role = line.role if line.role in Byline.Role.values else Byline.Role.BY
        groups.setdefault(role, {"label": Byline.Role(role).label, "authors": []})
        groups[role]["authors"].append(line.author)
    return list(groups.values())


@register.filter
def modified_at(article):
    """When readers last saw the story change (``seo.article_modified_at``)."""
    return seo.article_modified_at(article)


@register.filter
def is_updated(article) -> bool:
    """Edited after it went out, by more than a few minutes."""
    updated, published = article.content_updated_at, article.published_at
    return bool(updated and published and (updated - published).total_seconds() > 300)
