"""A published story as ninjs 2.1, with what its page shows and in the same words.

The body is the sanitised HTML the article page renders (``articles.body``);
the byline, sources, links, section and tags are the page's, in the page's
order. Every address is absolute, from ``SITE_URL``, so a partner's copy
links back to the story.

Where ninjs has no field of its own: byline roles are each person's ``rel``
(by, with, additional); a cited source is an ``infosources`` entry whose
``role`` is its kind; a related link is a partial ``text`` association named
for how it relates (``related-2``); images are ``picture`` associations with
every rendition.
"""

import datetime as dt
import mimetypes
from html import unescape

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from articles.api import schemas
from articles.body import body_render
from articles.models import Article, Author, Byline, Image


def iso(moment: dt.datetime) -> str:
    """A time in UTC as ISO 8601 with a Z, which needs no escaping in a query string."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def language_tag(code: str) -> str:
    """Django's "en-gb" as BCP 47 writes it: "en-GB"."""
    first, _, rest = code.partition("-")
    return f"{first.lower()}-{rest.upper()}" if len(rest) == 2 else code


def version_created(article: Article) -> dt.datetime:
    """When the version served was made available: its last change, or its publication if later.

    A story scheduled after its last edit changes for partners when it goes
    out, so the publish time counts too; ``updated_since`` filters on the same.
    """
    return max(article.updated_at, article.published_at)


def story_uri(article_id: int) -> str:
    return _site_url() + reverse("api:story_detail", kwargs={"story_id": article_id})


def _site_url() -> str:
    return settings.NEWSROOM["SITE_URL"].rstrip("/")


def _absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return "https:" + url
    return _site_url() + ("" if url.startswith("/") else "/") + url


def _present(**fields) -> dict:
    """Only the fields with something to say: ninjs leaves the rest out."""
    return {name: value for name, value in fields.items() if value not in (None, "", [])}


def byline_text(bylines: list[Byline]) -> str:
    """The byline as the page words it: "By Maren Holt and Ivo Trask · With Nessa Quay"."""
    groups: dict[str, list[str]] = {}
    for line in bylines:
        groups.setdefault(line.role, []).append(line.author.name)
    phrases = []
    for role, names in groups.items():
        label = Byline.Role(role).label if role in Byline.Role.values else Byline.Role.BY.label
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        phrases.append(f"{label} {joined}")
    return " · ".join(phrases)


def _byline_parties(bylines: list[Byline]) -> tuple[list, list]:
    people, organisations = [], []
    for line in bylines:
        author = line.author
        party = schemas.Party(
            name=author.name,
            rel=line.role,
            uri=_absolute(author.get_absolute_url()),
            literal=author.slug,
        )
        (people if author.kind == Author.Kind.PERSON else organisations).append(party)
    return people, organisations


def _subjects(article: Article) -> list[schemas.Party]:
    subjects = []
    if article.section is not None:
        section = article.section
        subjects.append(
            schemas.Party(
                name=section.name,
                rel="section",
                uri=_absolute(section.get_absolute_url()),
                literal=section.slug,
            )
        )
    for tag in article.tags.all():
        subjects.append(
            schemas.Party(
                name=tag.name, rel="tag", uri=_absolute(tag.get_absolute_url()), literal=tag.slug
            )
        )
    return subjects


def _infosources(article: Article) -> list[schemas.InfoSource]:
    sources = []
    for citation in article.citations.all():
        source = citation.source
        link = citation.url or source.home_url
        sources.append(
            schemas.InfoSource(
                **_present(name=source.name, role=source.kind, uri=link, literal=source.slug)
            )
        )
    return sources


def image_association(image: Image, *, name: str) -> schemas.Association:
    """A picture with its alt text, caption, credit, the original and every rendition."""
    original = _absolute(image.file.url)
    contenttype = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    renditions = [
        schemas.Rendition(
            name="original",
            href=original,
            contenttype=contenttype,
            width=image.width,
            height=image.height,
        )
    ]
    for rendition in image.rendition_list():
        renditions.append(
            schemas.Rendition(
                name=f"{rendition.format}-{rendition.width}",
                href=_absolute(rendition.url),
                contenttype=rendition.media_type,
                width=rendition.width,
                height=rendition.height,
            )
        )
    descriptions = [schemas.Text(role="alt", contenttype="text/plain", value=image.alt_text)]
    if image.caption:
        descriptions.append(
            schemas.Text(role="caption", contenttype="text/plain", value=image.caption)
        )
    return schemas.Association(
        **_present(
            name=name,
            uri=original,
            type="picture",
            descriptions=descriptions,
            by=image.credit,
            renditions=renditions,
        )
    )


def _associations(article: Article, uri: str) -> list[schemas.Association]:
    found = []
    if article.lead_image is not None:
        found.append(image_association(article.lead_image, name="featuremedia"))
    for number, placed in enumerate(article.body_images.all(), start=1):
        found.append(image_association(placed.image, name=f"body-{number}"))
    for number, link in enumerate(article.related_links.all(), start=1):
        found.append(
            schemas.Association(
                name=f"{link.relation}-{number}",
                # A link the raw copy only named has no address; it still needs an identifier.
                uri=link.url or f"{uri}#link-{number}",
                type="text",
                representationtype="partial",
                headlines=[schemas.Text(role="main", contenttype="text/plain", value=link.title)],
            )
        )
    return found


def _body(article: Article) -> schemas.Text:
    html = str(body_render(article.body))
    text = unescape(strip_tags(html))
    return schemas.Text(
        role="main",
        contenttype="text/html",
        value=html,
        charcount=len(text),
        wordcount=len(text.split()),
    )


def story_ninjs(article: Article) -> schemas.Story:
    """The published ``article`` as ninjs, from the rows ``selectors`` prefetched."""
    uri = story_uri(article.pk)
    bylines = list(article.bylines.all())
    people, organisations = _byline_parties(bylines)
    descriptions = None
    if article.dek:
        descriptions = [schemas.Text(role="summary", contenttype="text/plain", value=article.dek)]
    return schemas.Story(
        **_present(
            uri=uri,
            standard=schemas.Standard(),
            version=str(article.version),
            firstcreated=iso(article.first_published_at or article.published_at),
            versioncreated=iso(version_created(article)),
            language=language_tag(settings.LANGUAGE_CODE),
            copyrightholder=settings.NEWSROOM["SITE_NAME"],
            slugline=article.slug,
            headlines=[schemas.Text(role="main", contenttype="text/plain", value=article.headline)],
            descriptions=descriptions,
            by=byline_text(bylines),
            bodies=[_body(article)],
            people=people,
            organisations=organisations,
            subjects=_subjects(article),
            infosources=_infosources(article),
            renditions=[
                schemas.Rendition(
                    name="web",
                    href=_absolute(article.get_absolute_url()),
                    contenttype="text/html",
                )
            ],
            associations=_associations(article, uri),
        )
    )
