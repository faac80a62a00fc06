"""What search engines and social sites read from an article page."""

import datetime as dt
import json

from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.body import body_paragraphs
from articles.models import Article, Author
from articles.site import SITE_ICON_SIZE, absolute_url, site_icon_url

DESCRIPTION_LENGTH = 160
_ORGANISATION_KINDS = {Author.Kind.STAFF, Author.Kind.WIRE}
# JSON inside <script> must not be able to close the tag or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def machine_datetime(value: dt.datetime | None) -> str:
    """A moment for machines: ISO 8601 to the second, in the site's time zone.

    What ``<time datetime>``, Open Graph's times, JSON-LD and the news
    sitemap carry. The HTML checker refuses more than three digits of a
    second, and Django's ``date:"c"`` writes six.
    """
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


def _truncate(text: str, length: int) -> str:
    # Truncator's lazy machinery costs more than the rest of the JSON-LD; most text is short.
    return text if len(text) <= length else Truncator(text).chars(length)


def article_description(article: Article) -> str:
    """One plain sentence or two: the dek, else the opening paragraph.

    Remembered on the article object: the page's head and JSON-LD both show it.
    """
    found = article.__dict__.get("_reader_description")
    if found is not None:
        return found
    text = article.dek
    if not text:
        paragraphs = body_paragraphs(article.body or "")
        text = paragraphs[0] if paragraphs else article.headline
    if "<" in text:
        text = strip_tags(text)
    found = article.__dict__["_reader_description"] = _truncate(
        " ".join(text.split()), DESCRIPTION_LENGTH
    )
    return found


def article_modified_at(article: Article):
    return article.content_updated_at or article.published_at or article.updated_at


def _author_node(author: Author, site_url: str) -> dict:
    node = {
        "@type": "Organization" if author.kind in _ORGANISATION_KINDS else "Person",
        "name": author.name,
        "url": site_url + author.get_absolute_url(),
    }
    if author.url:
        node["sameAs"] = author.url
    return node


def article_jsonld(article: Article, *, story, site_url: str, site_name: str) -> dict:
    """A schema.org NewsArticle with ordered authors and the cited sources.

    ``story`` is the article's ``selectors.Story``: its bylines, citations and tags.
    """
    url = site_url + article.get_absolute_url()
    published = article.first_published_at or article.published_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _truncate(article.headline, 110),
        "description": article_description(article),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": machine_datetime(published) or None,
        "dateModified": machine_datetime(article_modified_at(article) or published)
        if published
        else None,
        "author": [_author_node(b.author, site_url) for b in story.bylines],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": site_url + "/",
            "logo": {
                "@type": "ImageObject",
                "url": site_icon_url(),
                "width": SITE_ICON_SIZE,
                "height": SITE_ICON_SIZE,
            },
        },
        "isAccessibleForFree": True,
    }
    picture = article.lead_image.largest if article.lead_image_id else None
    if picture is not None:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute_url(picture.url),
                "width": picture.width,
                "height": picture.height,
            }
        ]
    if article.section_id:
        data["articleSection"] = article.section.name
    keywords = [tag.name for tag in story.tags]
    if keywords:
        data["keywords"] = keywords
    citations = []
    for citation in story.citations:
        node = {"@type": "CreativeWork", "name": citation.source.name}
        link = citation.url or citation.source.home_url
        if link:
            node["url"] = link
        citations.append(node)
    if citations:
        data["citation"] = citations
    return {key: value for key, value in data.items() if value is not None}


def jsonld_script(data: dict) -> SafeString:
    """The data in a JSON-LD script element, as Django's ``json_script`` writes JSON.

    ``json_script`` cannot say ``application/ld+json``; the escaping is its
    own: no ``<``, ``>`` or ``&`` is left in the JSON, so no text in it can
    close the element or open a comment.
    """
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
