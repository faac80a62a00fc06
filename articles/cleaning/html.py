"""An HTML page -> its main text as paragraphs, its metadata and its source links.

trafilatura finds the main content (precision favoured: a chrome line left
in is the paragraph rules' job, a story line lost is lost for good). This
module only reads what trafilatura returns and looks for the few links an
editor wants kept beside the story ("Source", "Original article",
"Read more: ..."). Pure Python: no Django.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from articles.cleaning.inputs import CleaningInputError
from articles.cleaning.page import is_credit
from articles.cleaning.result import Link

NO_TEXT = "No article text found in the HTML page."

# The anchor text (or the words before the anchor) that mark a link as where
# the story came from or where it continues.
_END = "\\s*(?:[:\u00bb\u203a>|-]|$)"
_LABEL = re.compile(
    r"^(?:read more|read the (?:original|full) (?:article|story|report)|continue reading|"
    r"original (?:article|story|post|report)|reference (?:article|link)|"
    r"source(?:s| link| article)?|via|full story|first published (?:on|at|in|by))" + _END,
    re.IGNORECASE,
)
# An anchor that says only "Read more" names no story: a teaser's button, not a link title.
_BARE_LABEL = re.compile(
    r"(?:read|see|view|show) (?:more|all)(?: here)?\W*|continue reading\W*|more\W*|"
    r"click here(?: to read more)?\W*|full story\W*",
    re.IGNORECASE,
)
# Outside trafilatura's main text only labels that name a source count:
# a bare "Read more" there is a teaser for another story.
_SOURCE_LABEL = re.compile(
    r"^(?:original (?:article|story|post|report)|reference (?:article|link)|"
    r"source(?:s| link| article)?|via|read the original (?:article|story|report))" + _END,
    re.IGNORECASE,
)
# A link-only line longer than this is a paragraph wrapped in a link (a deal,
# a promotion), not a title.
_MAX_TITLE_WORDS = 20
# Sharing buttons and tag pages look like link-only lines but point nowhere useful.
_NOT_A_SOURCE = re.compile(
    r"//(?:www\.)?(?:twitter\.com/(?:share|intent)|x\.com/intent|facebook\.com/shar|"
    r"linkedin\.com/share|pinterest\.com/pin/create|reddit\.com/submit)"
    r"|/(?:tag|tags|category|categories|topic|topics|author)/",
    re.IGNORECASE,
)
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu", "script", "style", "noscript"}
_CHROME_NAMES = re.compile(
    r"nav|menu|sidebar|footer|masthead|share|social|related|recommend|promo|widget|"
    r"comment|breadcrumb|newsletter|subscribe|advert|banner|cookie",
    re.IGNORECASE,
)
_MAX_LINKS = 20
_MAX_URL = 500
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Below this many words the precise pass has likely missed the story.
_MIN_PRECISE_WORDS = 50
_MAX_LINE = 300
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_NON_WORD = re.compile(r"[\W_]+")


class _NoDiscardNotice(logging.Filter):
    """A page without text reaches the editor as ``CleaningInputError``; trafilatura's
    "discarding data" warning would only repeat it on stderr, breaking one-line errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


logging.getLogger("trafilatura.core").addFilter(_NoDiscardNotice())


@dataclass(slots=True)
class HtmlExtract:
    title: str | None
    author: str | None  # as the page gives it; several names may be joined by ";"
    date: str | None  # ISO date (YYYY-MM-DD)
    url: str | None = None  # the page's canonical address, when it names one
    site_name: str | None = None  # the outlet, as the page names itself
    paragraphs: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def extract_html(html: str) -> HtmlExtract:
    """The page's main text, one paragraph per block, with title, author, date and source links.

    ``links`` holds only link-only lines of the main text ("Read more: ...",
    "Source") and source-labelled anchors elsewhere on the page outside its
    navigation, never every link in the story. Raises ``CleaningInputError``
    when the page has no text to extract.
    """
    document = _extract(html, favor_precision=True)
    if document is None or _word_count(document.text) < _MIN_PRECISE_WORDS:
        # The precise pass sometimes keeps only a caption or a link of a page
        # whose story is plain to the balanced pass.
        balanced = _extract(html, favor_precision=False)
        if balanced is not None and (
            document is None or _word_count(balanced.text) > _word_count(document.text)
        ):
            document = balanced
    if document is None:
        raise CleaningInputError(NO_TEXT)
    title = _clean_line(document.title)
    paragraphs = [line for line in (_clean_line(raw) for raw in document.text.split("\n")) if line]
    if paragraphs and title and _same_words(paragraphs[0], title):
        del paragraphs[0]
    if not paragraphs:
        raise CleaningInputError(NO_TEXT)
    return HtmlExtract(
        title=title or None,
        author=_clean_line(document.author) or None,
        date=document.date or None,
        url=_canonical(document.url),
        site_name=_clean_line(document.sitename) or None,
        paragraphs=paragraphs,
        links=_links(html, paragraphs, document.url or ""),
    )


def _extract(html: str, *, favor_precision: bool):
    document = trafilatura.bare_extraction(
        html,
        favor_precision=favor_precision,
        include_comments=False,
        with_metadata=True,
        deduplicate=False,
    )
    if document is None or document.body is None or not (document.text or "").strip():
        return None
    return document


def _word_count(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def _links(html: str, paragraphs: list[str], base: str) -> list[Link]:
    """Anchors that make up a whole line of the story, and source-labelled anchors near it."""
    try:
        # lxml refuses a str that still declares its byte encoding.
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return []
    base = next(iter(tree.xpath("//base/@href")), "") or base
    short = [p for p in paragraphs if len(p) <= _MAX_LINE]
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        title = _clean_line(anchor.text_content())
        if not title or len(title) > _MAX_LINE or _BARE_LABEL.fullmatch(title):
            continue
        parent = anchor.getparent()
        before = _clean_line(parent.text) if parent is not None else ""
        if is_credit(title) or is_credit(f"{before} {title}"):
            continue
        if not (_is_link_line(title, short) or _is_source_link(anchor, title)):
            continue
        url = _absolute(base, anchor.get("href"))
        if url and url not in seen:
            seen.add(url)
            links.append(Link(title=title, url=url))
            if len(links) >= _MAX_LINKS:
                break
    return links


def _is_link_line(title: str, lines: list[str]) -> bool:
    """A line of the story that is this link alone, or a label ("Read more:") and the link."""
    labelled = bool(_LABEL.match(title))
    if not labelled and not 2 <= len(title.split()) <= _MAX_TITLE_WORDS:
        return False
    for line in lines:
        if title in line:
            rest = line.replace(title, " ", 1).strip()
            if not _NON_WORD.sub("", rest) or _LABEL.match(rest):
                return True
    return False


def _is_source_link(anchor, title: str) -> bool:
    parent = anchor.getparent()
    before = _clean_line(parent.text) if parent is not None else ""
    labelled = _SOURCE_LABEL.match(title) or _SOURCE_LABEL.match(before)
    return bool(labelled) and not _in_chrome(anchor)


def _in_chrome(element) -> bool:
    for node in element.iterancestors():
        if not isinstance(node.tag, str):
            continue
        if node.tag in _CHROME_TAGS:
            return True
        names = f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}"
        if names.strip() and _CHROME_NAMES.search(names):
            return True
    return False


def _canonical(url: str | None) -> str | None:
    """The page's own address as it states it, when it is an absolute web address."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > _MAX_URL:
        return None
    return parts.geturl()


def _absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    try:
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > _MAX_URL:
        return None
    if _NOT_A_SOURCE.search(url):
        return None
    return url


def _clean_line(text: str | None) -> str:
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _same_words(a: str, b: str) -> bool:
    return _NON_WORD.sub(" ", a).strip().casefold() == _NON_WORD.sub(" ", b).strip().casefold()
