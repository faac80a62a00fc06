"""RSS and Atom feeds read with feedparser: each entry's identity, link and any copy it carries.

Pure Python. The bytes come from the guarded fetcher; feedparser is never handed a URL,
so it never fetches anything itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape

import feedparser

MAX_ENTRIES = 1000  # one poll; a feed longer than this is read again at the next poll
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


@dataclass(frozen=True)
class Entry:
    guid: str  # the entry's id, else its link, else a digest of its title and text
    link: str
    title: str
    content: str  # HTML the feed carries for the entry (content, else summary); may be empty


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[Entry]


class NotAFeed(ValueError):
    """The bytes are not an RSS or Atom feed; the message says why."""


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """RSS or Atom by its content type or by its first element, before parsing it."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return True
    return bool(_FEED_START.match(data[:2048]))


def feed_parse(data: bytes) -> ParsedFeed:
    """The feed's title and its entries in the feed's order; raises ``NotAFeed``."""
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"Not an RSS or Atom feed{f' ({reason})' if reason else ''}.")
    entries = []
    for raw in parsed.entries[:MAX_ENTRIES]:
        link = (raw.get("link") or "").strip()
        title = (raw.get("title") or "").strip()
        content = ""
        if raw.get("content"):
            content = raw.content[0].get("value", "")
        elif raw.get("summary"):
            content = raw.summary
        guid = (raw.get("id") or "").strip() or link
        if not guid:
            guid = "sha256:" + hashlib.sha256(f"{title}\n{content}".encode()).hexdigest()
        entries.append(Entry(guid=guid[:2000], link=link[:2000], title=title, content=content))
    return ParsedFeed(title=(parsed.feed.get("title") or "").strip(), entries=entries)


def entry_copy(entry: Entry) -> bytes:
    """An entry with no page to fetch, as an HTML page the cleaner can read."""
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>{escape(entry.title)}</title></head><body><article>"
        f"<h1>{escape(entry.title)}</h1>{entry.content}</article></body></html>"
    ).encode()
