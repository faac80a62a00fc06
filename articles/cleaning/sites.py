"""Where a page came from: its canonical address and the site's domain. Pure Python.

The site's profile (lines its pages repeat) is kept by the caller; the cleaner only
receives those lines back as ``clean(..., site_chrome=...)``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .inputs import CleaningInputError, decode_bytes, detect_format

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HOST = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)
_MAX_URL = 500


def page_url(source: str | bytes, *, format: str = "auto") -> str | None:
    """The page's canonical URL (``<link rel="canonical">``, else ``og:url``), or None.

    None too for plain text and for bytes the cleaner cannot read (it says why itself).
    """
    try:
        text = decode_bytes(bytes(source)) if isinstance(source, bytes | bytearray) else source
    except CleaningInputError:
        return None
    if format == "text" or (format == "auto" and detect_format(text) != "html"):
        return None
    # lxml loads slowly and plain text never needs it.
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError):
        return None
    candidates = [
        link.get("href", "")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates += [
        meta.get("content", "")
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url"
    ]
    for candidate in candidates:
        url = candidate.strip()
        if len(url) <= _MAX_URL and domain(url):
            return url
    return None


def domain(address: str) -> str | None:
    """``https://www.Gazette.example/x`` or ``gazette.example`` -> ``gazette.example``.

    None when the address names no host a site could have.
    """
    address = address.strip()
    if "//" not in address:
        address = f"//{address}"
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme not in ("", "http", "https"):
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    host = host.lower().rstrip(".").removeprefix("www.")
    return host if _HOST.match(host) else None
