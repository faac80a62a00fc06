"""ninjs (IPTC's News in JSON), as wires send it, turned into copy the cleaner reads.

A file holds one item or a list of items. ninjs 2.x names the parts ``headlines`` and
``bodies`` (each a list with a role), the byline ``by``; the 1.x names (``headline``,
``body_html``, ``body_text``, ``byline``) are read too, since wires still send them.
The copy is plain text: the headline, ``By`` and the byline, then the body's paragraphs,
which is how a wire story reads when pasted. The JSON itself is kept by the caller.
Pure Python (lxml for the HTML body).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MAX_ITEMS = 1000
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt")


class NinjsRefused(ValueError):
    """Not a ninjs text item; the message says why, in one line."""


@dataclass(frozen=True)
class NinjsItem:
    uri: str
    headline: str
    byline: str
    paragraphs: list[str]
    data: bytes  # this item alone, as JSON

    def copy(self) -> bytes:
        """The item as plain text for the cleaner."""
        parts = [self.headline] if self.headline else []
        if self.byline:
            by = (
                self.byline
                if self.byline.lower().startswith(("by ", "von "))
                else f"By {self.byline}"
            )
            parts.append(by)
        parts.extend(self.paragraphs)
        return "\n\n".join(parts).encode()


def ninjs_items(data: bytes) -> list[NinjsItem | NinjsRefused]:
    """Every item of a ninjs file, or why each cannot be used; raises ``NinjsRefused``
    when the file as a whole is not ninjs."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise NinjsRefused(
            f"The JSON is not valid UTF-8 (byte {error.start}); ninjs is always UTF-8."
        ) from None
    except json.JSONDecodeError as error:
        raise NinjsRefused(f"Not valid JSON: {error.msg} (line {error.lineno}).") from None
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    raw_items = document if isinstance(document, list) else [document]
    if not raw_items:
        raise NinjsRefused("The file holds no ninjs item.")
    if len(raw_items) > MAX_ITEMS:
        raise NinjsRefused(f"The file holds {len(raw_items):,} items; at most {MAX_ITEMS:,}.")
    found: list[NinjsItem | NinjsRefused] = []
    for raw in raw_items:
        try:
            found.append(ninjs_item(raw))
        except NinjsRefused as refused:
            found.append(refused)
    return found


def ninjs_item(raw) -> NinjsItem:
    if not isinstance(raw, dict):
        raise NinjsRefused("A ninjs item must be a JSON object.")
    uri = raw.get("uri") or raw.get("guid")
    if not isinstance(uri, str) or not uri.strip():
        raise NinjsRefused("A ninjs item needs its uri (the wire's identifier for the story).")
    kind = raw.get("type", "text")
    if kind not in ("text", "composite"):
        raise NinjsRefused(f"{uri}: a {kind} item, not a story; only text items are imported.")
    if raw.get("pubstatus") == "canceled":
        raise NinjsRefused(f"{uri}: the wire cancelled this item.")
    paragraphs = _body(raw)
    if not paragraphs:
        raise NinjsRefused(f"{uri}: the item has no body text.")
    return NinjsItem(
        uri=uri.strip()[:1000],
        headline=_one_line(_headline(raw)),
        byline=_one_line(_text(raw.get("by") or raw.get("byline"))),
        paragraphs=paragraphs,
        data=json.dumps(raw, ensure_ascii=False, sort_keys=True).encode(),
    )


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _by_role(values, key: str = "value") -> str:
    """From a ninjs 2.x list of ``{role, value}``: the ``main`` one, else the first."""
    if not isinstance(values, list):
        return ""
    entries = [v for v in values if isinstance(v, dict) and isinstance(v.get(key), str)]
    main = [v for v in entries if v.get("role") in ("main", None)]
    chosen = (main or entries)[:1]
    return chosen[0][key] if chosen else ""


def _headline(raw: dict) -> str:
    if isinstance(raw.get("headline"), str):
        return raw["headline"]
    return _by_role(raw.get("headlines"))


def _body(raw: dict) -> list[str]:
    bodies = raw.get("bodies")
    if isinstance(bodies, list):
        entries = [b for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
        html = [b for b in entries if "html" in str(b.get("contenttype", b.get("role", "")))]
        if html:
            return _html_paragraphs(html[0]["value"])
        if entries:
            return _text_paragraphs(entries[0]["value"])
    if isinstance(raw.get("body_html"), str):
        return _html_paragraphs(raw["body_html"])
    return _text_paragraphs(_text(raw.get("body_text")))


def _text_paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _html_paragraphs(html: str) -> list[str]:
    """The text of each block of an HTML body, in order; inline markup dropped."""
    if not html.strip():
        return []
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _text_paragraphs(html)
    paragraphs = []
    for element in root.iter(*_BLOCKS):
        if any(ancestor.tag in _BLOCKS for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        paragraphs = _text_paragraphs(root.text_content())
    return paragraphs
