"""Raw copy in: keep it byte for byte, clean it, and open a draft with everything the cleaner found."""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.cleaning import FORMATS, clean
from articles.cleaning.inputs import CleaningInputError
from articles.cleaning.result import BylineName, CleanResult, Link, SourceMention
from articles.cleaning.sites import page_url
from articles.cleaning.text import fold
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Finding,
    RawCopy,
    RelatedLink,
    Source,
)
from articles.services.cleaner import (
    live_classifier,
    live_rules,
    site_chrome_lines,
    site_lines_record,
    site_resolve,
)
from articles.services.desk.common import revision_record

_ORIGINAL = re.compile(
    r"^\s*(?:reference (?:article|link)|source(?: link)?|original (?:article|story|post|report)|"
    r"via)\b",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_URL = URLValidator(schemes=["http", "https"])


class ImportRejected(Exception):
    """The copy cannot be imported; the message tells the editor why, in one line."""


def story_import(
    *,
    data: bytes,
    filename: str = "",
    format: str = "auto",
    user=None,
    via: str = "",
    site: str = "",
) -> tuple[Article, bool]:
    """Store ``data`` untouched and open a draft from it; ``(article, created)``.

    The cleaner runs with the live editors' rules, the approved classifier and the
    chrome of the copy's site: ``site`` (a domain an editor named) or the HTML page's own.
    The same bytes imported again return the draft made the first time
    (``created`` is False). Copy the cleaner cannot read raises
    ``ImportRejected`` and writes nothing.
    """
    if format not in FORMATS:
        raise ImportRejected(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    data = bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        existing = _imported(digest)
        if existing is not None:
            return existing, False
        url = page_url(data, format=format)
        profile = site_resolve(chosen=site, url=url)
        model = live_classifier()
        try:
            result = clean(
                data,
                format=format,
                rules=live_rules(),
                site_chrome=site_chrome_lines(profile),
                # Only a build with issue 10a's classifier has a model to pass.
                **({"model": model} if model is not None else {}),
            )
        except CleaningInputError as exc:
            raise ImportRejected(str(exc)) from exc
        try:
            with transaction.atomic():
                raw = RawCopy.objects.create(
                    data=data,
                    sha256=digest,
                    size=len(data),
                    format=result.format,
                    filename=filename[:255],
                    received_by=user,
                    received_via=via[:50],
                    site=profile,
                )
        except IntegrityError:
            # The same copy arrived at the same moment through another door.
            existing = _imported(digest)
            if existing is None:
                raise
            return existing, False
        article = _draft_create(result=result, raw=raw, user=user)
        if profile is not None:
            # A page is its address, else its headline: a story imported again after an
            # edit is the same page, and its lines count once.
            site_lines_record(
                site=profile,
                page_key=url or fold(result.headline or "") or digest,
                paragraphs=[paragraph.text for paragraph in result.paragraphs],
            )
    return article, True


def _imported(digest: str) -> Article | None:
    raw = RawCopy.objects.filter(sha256=digest).select_related("article").first()
    if raw is None:
        return None
    try:
        return raw.article
    except Article.DoesNotExist:
        return None


def _draft_create(*, result: CleanResult, raw: RawCopy, user) -> Article:
    headline = _one_line(result.headline or "")[:300] or (
        f"Untitled import {timezone.localdate().isoformat()}"
    )
    article = Article.objects.create(
        headline=headline,
        body=result.body,
        source_paragraphs=[paragraph.text for paragraph in result.paragraphs],
        raw_copy=raw,
        created_by=user,
    )
    Finding.objects.bulk_create(
        Finding(
            article=article,
            rule=finding.rule[:60],
            message=finding.message,
            evidence=finding.evidence,
            action=finding.action,
            paragraph_index=index,
            replacement=finding.replacement,
        )
        for index, paragraph in enumerate(result.paragraphs)
        for finding in paragraph.findings
    )
    _bylines_create(article, result.byline)
    _citations_create(article, result.sources)
    _links_create(article, result.related_links)
    revision_record(article=article, user=user, note="Imported")
    return article


def _bylines_create(article: Article, names: list[BylineName]) -> None:
    authors: list[Author] = []
    for byline in names:
        name = _one_line(byline.name)[:200]
        if not name:
            continue
        author = Author.objects.filter(name__iexact=name).order_by("pk").first()
        if author is None:
            author = Author.objects.create(
                name=name, kind=_choice(Author.Kind, byline.kind, Author.Kind.PERSON)
            )
        if author not in authors:
            authors.append(author)
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )


def _citations_create(article: Article, mentions: list[SourceMention]) -> None:
    cited: dict[int, Citation] = {}
    for mention in mentions:
        name = _one_line(mention.name)[:200]
        if not name:
            continue
        source = _source_for(name, mention.kind)
        if source.pk not in cited:
            cited[source.pk] = Citation(
                article=article, source=source, evidence=mention.evidence, position=len(cited)
            )
    Citation.objects.bulk_create(cited.values())


def _source_for(name: str, kind: str) -> Source:
    source = Source.objects.filter(name__iexact=name).order_by("pk").first()
    if source is not None:
        return source
    try:
        with transaction.atomic():
            return Source.objects.create(
                name=name, kind=_choice(Source.Kind, kind, Source.Kind.OTHER)
            )
    except IntegrityError:
        # Another import created it a moment ago.
        return Source.objects.get(name__iexact=name)


def _links_create(article: Article, links: list[Link]) -> None:
    RelatedLink.objects.bulk_create(
        RelatedLink(
            article=article,
            title=(_one_line(link.title) or _valid_url(link.url))[:300],
            url=_valid_url(link.url),
            relation=(
                RelatedLink.Relation.ORIGINAL
                if _ORIGINAL.match(link.title)
                else RelatedLink.Relation.RELATED
            ),
            position=position,
        )
        for position, link in enumerate(
            link for link in links if _one_line(link.title) or _valid_url(link.url)
        )
    )


def _valid_url(url: str | None) -> str:
    """The URL when it is one a link may point to, else empty: the title is still kept."""
    if not url or len(url) > 500:
        return ""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return url


def _choice(choices, value: str, default: str) -> str:
    return value if value in choices.values else default


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
