"""Raw copy in: keep it byte for byte, clean it, and open a draft with everything the cleaner found."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.cleaning import FORMATS, clean
from articles.cleaning.inputs import CleaningInputError
from articles.cleaning.result import CleanResult
from articles.cleaning.sites import page_url
from articles.cleaning.text import fold
from articles.models import Article, Finding, RawCopy, RelatedLink, SiteProfile, Suggestion
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


def copy_match_digest(data: bytes) -> str:
    """The duplicate check's SHA-256: line endings made LF, BOM and surrounding white space left out.

    A browser sends pasted text with CRLF line endings and a file usually
    ends with a newline; the same story brought in either way is one copy.
    Only the check forgets these differences: the bytes are kept as received.
    """
    text = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(text.strip()).hexdigest()


@dataclass(frozen=True)
class CleanedCopy:
    """What ``copy_clean`` found: the cleaner's result, the copy's site and its address."""

    result: CleanResult
    profile: SiteProfile | None
    url: str | None


def copy_clean(*, data: bytes, format: str = "auto", site: str = "") -> CleanedCopy:
    """Clean ``data`` as ``story_import`` would, writing no draft; raises ``ImportRejected``.

    The ingest workers clean first and look for an earlier copy of the story before
    they import; ``story_import(cleaned=...)`` then takes the result as it is.
    """
    if format not in FORMATS:
        raise ImportRejected(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    data = bytes(data)
    url = page_url(data, format=format)
    profile = site_resolve(chosen=site, url=url)
    return CleanedCopy(_clean(data, format=format, profile=profile), profile, url)


def story_import(
    *,
    data: bytes,
    filename: str = "",
    format: str = "auto",
    user=None,
    via: str = "",
    site: str = "",
    cleaned: CleanedCopy | None = None,
) -> tuple[Article, bool]:
    """Store ``data`` untouched and open a draft from it; ``(article, created)``.

    The cleaner runs with the live editors' rules, the approved classifier and the
    chrome of the copy's site: ``site`` (a domain an editor named) or the HTML page's own.
    The same copy imported again returns the draft made the first time
    (``created`` is False); when that draft was deleted, the kept raw copy
    gets a new one. Copy the cleaner cannot read raises ``ImportRejected``
    and writes nothing. ``cleaned``: what ``copy_clean`` made of the same ``data``.
    """
    if format not in FORMATS:
        raise ImportRejected(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}.")
    data = bytes(data)
    match = copy_match_digest(data)
    with transaction.atomic():
        raw = _received(match)
        if raw is not None:
            return _draft_for(raw, format=format, user=user)
        cleaned = cleaned or copy_clean(data=data, format=format, site=site)
        result, profile, url = cleaned.result, cleaned.profile, cleaned.url
        digest = hashlib.sha256(data).hexdigest()
        try:
            with transaction.atomic():
                raw = RawCopy.objects.create(
                    data=data,
                    sha256=digest,
                    match_sha256=match,
                    size=len(data),
                    format=result.format,
                    filename=filename[:255],
                    received_by=user,
                    received_via=via[:50],
                    site=profile,
                )
        except IntegrityError:
            # The same copy arrived at the same moment through another door.
            raw = _received(match)
            if raw is None:
                raise
            return _draft_for(raw, format=format, user=user)
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


def _clean(data: bytes, *, format: str, profile) -> CleanResult:
    model = live_classifier()
    try:
        return clean(
            data,
            format=format,
            rules=live_rules(),
            site_chrome=site_chrome_lines(profile),
            # Only a build with issue 10a's classifier has a model to pass.
            **({"model": model} if model is not None else {}),
        )
    except CleaningInputError as exc:
        raise ImportRejected(str(exc)) from exc


def _received(match: str) -> RawCopy | None:
    """The kept raw copy with this duplicate-check digest, locked against a second draft."""
    return RawCopy.objects.select_for_update().filter(match_sha256=match).first()


def _draft_for(raw: RawCopy, *, format: str, user) -> tuple[Article, bool]:
    """The draft made from ``raw``, or a new one when an editor deleted it."""
    article = Article.objects.filter(raw_copy=raw).first()
    if article is not None:
        return article, False
    result = _clean(bytes(raw.data), format=format, profile=raw.site)
    return _draft_create(result=result, raw=raw, user=user), True


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
    _suggestions_create(article, result)
    _links_create(article, result)
    revision_record(article=article, user=user, note="Imported")
    return article


def _suggestions_create(article: Article, result: CleanResult) -> None:
    """The byline names and sources as proposals: no Author or Source is made before an editor confirms."""
    rows: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()
    proposals = [
        *((Suggestion.Target.BYLINE, b.name, b.kind, "") for b in result.byline),
        *((Suggestion.Target.SOURCE, m.name, m.kind, m.evidence) for m in result.sources),
    ]
    for target, raw_name, kind, evidence in proposals:
        name = _one_line(raw_name)[:200]
        if not name or (target, name.lower()) in seen:
            continue
        seen.add((target, name.lower()))
        position = sum(1 for row in rows if row.target == target)
        rows.append(
            Suggestion(
                article=article,
                target=target,
                name=name,
                kind=kind[:12],
                evidence=evidence,
                position=position,
            )
        )
    Suggestion.objects.bulk_create(rows)


def _links_create(article: Article, result: CleanResult) -> None:
    """Related links as the copy named them, the page's own address first as the original."""
    links: list[tuple[str, str, str]] = []
    original = _valid_url(result.original_url)
    if original:
        title = _one_line(result.outlet or "") or urlsplit(original).hostname or original
        links.append((title, original, RelatedLink.Relation.ORIGINAL))
    for link in result.related_links:
        title, url = _one_line(link.title), _valid_url(link.url)
        if not (title or url) or (url and url == original):
            continue
        relation = (
            RelatedLink.Relation.ORIGINAL
            if _ORIGINAL.match(link.title)
            else RelatedLink.Relation.RELATED
        )
        links.append((title or url, url, relation))
    RelatedLink.objects.bulk_create(
        RelatedLink(article=article, title=title[:300], url=url, relation=relation, position=i)
        for i, (title, url, relation) in enumerate(links)
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


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
