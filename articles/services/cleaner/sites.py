"""Site profiles: the short lines a site repeats on its pages become its known chrome.

Every import from a site counts its short lines, indexed by the hash of each line's
folded text, in ``SiteLine``. A line seen on ``SITE_CHROME_PAGES`` different pages and
never kept by an editor (a rejected finding, a published body) is the site's chrome: the
next import from the site passes it to ``clean(site_chrome=...)``. The work per import is
bounded: one look-up of at most ``LINES_PER_IMPORT`` hashes, and rows stop changing once
a line has been seen on enough pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.body import body_paragraphs
from articles.cleaning.sites import domain
from articles.cleaning.text import fold
from articles.models import Article, RawCopy, SiteLine, SiteProfile

SITE_CHROME_PAGES = 2  # distinct earlier pages: a line is flagged on the third
LINE_MAX = 300  # folded characters; a longer paragraph is story, never chrome
LINES_PER_IMPORT = 1000
SITE_CHROME_MAX = 5000  # lines passed to one import, the most recurrent first
# Page keys kept per line: enough to count to SITE_CHROME_PAGES, then the row stays put.
_PAGES_KEPT = SITE_CHROME_PAGES + 1


def line_hash(folded: str) -> str:
    return hashlib.blake2b(folded.encode(), digest_size=16).hexdigest()


def site_domain(address: str) -> str | None:
    """The domain an editor means by ``address`` (a host name or a URL), or None."""
    return domain(address)


def site_resolve(*, chosen: str = "", url: str | None = None) -> SiteProfile | None:
    """The site an editor chose (a domain or an address), else the page's (``url``), or None."""
    host = domain(chosen) if chosen.strip() else None
    if host is None and url:
        host = domain(url)
    if host is None:
        return None
    profile = SiteProfile.objects.filter(domain=host).first()
    if profile is not None:
        return profile
    try:
        with transaction.atomic():
            return SiteProfile.objects.create(domain=host)
    except IntegrityError:
        # Another import from the same site created it a moment ago.
        return SiteProfile.objects.get(domain=host)


def site_chrome_lines(site: SiteProfile | None) -> frozenset[str]:
    """The site's chrome, in ``fold`` form, for ``clean(site_chrome=...)``."""
    if site is None:
        return frozenset()
    lines = (
        SiteLine.objects.filter(site=site, is_kept=False, page_count__gte=SITE_CHROME_PAGES)
        .order_by("-page_count", "pk")
        .values_list("folded", flat=True)[:SITE_CHROME_MAX]
    )
    return frozenset(lines)


def _short_lines(texts: Iterable[str]) -> dict[str, tuple[str, str]]:
    """hash -> (folded, as written) for each distinct short line, at most LINES_PER_IMPORT."""
    lines: dict[str, tuple[str, str]] = {}
    for text in texts:
        folded = fold(text)
        if not folded or len(folded) > LINE_MAX:
            continue
        lines.setdefault(line_hash(folded), (folded, text[:400]))
        if len(lines) >= LINES_PER_IMPORT:
            break
    return lines


def site_lines_record(*, site: SiteProfile, page_key: str, paragraphs: list[str]) -> None:
    """Count this page's short lines for its site (``page_key`` names the page)."""
    lines = _short_lines(paragraphs)
    if not lines:
        return
    page = hashlib.blake2b(page_key.encode(), digest_size=8).hexdigest()
    known = {
        line.line_hash: line
        for line in SiteLine.objects.filter(site=site, line_hash__in=list(lines)).only(
            "pk", "line_hash", "page_keys", "page_count"
        )
    }
    now = timezone.now()
    changed = []
    for line in known.values():
        if page not in line.page_keys and len(line.page_keys) < _PAGES_KEPT:
            line.page_keys = [*line.page_keys, page]
            line.page_count = len(line.page_keys)
            line.last_seen_at = now
            changed.append(line)
    SiteLine.objects.bulk_update(changed, ["page_keys", "page_count", "last_seen_at"])
    # A line another import of the same site created meanwhile is counted next time.
    SiteLine.objects.bulk_create(
        [
            SiteLine(
                site=site,
                line_hash=digest,
                folded=folded,
                sample=sample,
                page_keys=[page],
                page_count=1,
            )
            for digest, (folded, sample) in lines.items()
            if digest not in known
        ],
        ignore_conflicts=True,
    )


def site_lines_keep(*, site_id: int | None, texts: Iterable[str]) -> int:
    """An editor kept these paragraphs: they are never the site's chrome. Returns how many."""
    if site_id is None:
        return 0
    hashes = list(_short_lines(texts))
    if not hashes:
        return 0
    return SiteLine.objects.filter(site_id=site_id, line_hash__in=hashes, is_kept=False).update(
        is_kept=True
    )


def site_lines_keep_published(*, article: Article) -> int:
    """What an editor publishes is its site's story, never its chrome."""
    if article.raw_copy_id is None:
        return 0
    site_id = RawCopy.objects.filter(pk=article.raw_copy_id).values_list("site_id", flat=True)
    return site_lines_keep(site_id=site_id.first(), texts=body_paragraphs(article.body))
