"""An HTML page -> its main text as paragraphs, its metadata and its source links.

trafilatura finds the main content (precision favoured: a chrome line left
in is the paragraph rules' job, a story line lost is lost for good). This
module only reads what trafilatura returns and looks for the few links an
editor wants kept beside the story ("Source", "Original article",
"Read more: ..."). Pure Python: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.xml import xmltotxt

from articles.cleaning.inputs import CleaningInputError
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
_BLOCK_TAGS = {"p", "item", "head", "quote", "cell", "li", "div", "td", "dd", "section"}
_MAX_LINKS = 20
_MAX_URL = 500
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(slots=True)
class HtmlExtract:
    title: str | None
    author: str | None  # as the page gives it; several names may be joined by ";"
    date: str | None  # ISO date (YYYY-MM-DD)
    paragraphs: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def extract_html(html: str) -> HtmlExtract:
    """The page's main text, one paragraph per block, with title, author, date and source links.

    ``links`` holds only link-only lines of the main text ("Read more: ...",
    "Source") and source-labelled anchors elsewhere on the page outside its
    navigation, never every link in the story. Raises ``CleaningInputError``
    when the page has no text to extract.
    """
    document = trafilatura.bare_extraction(
        html,
        favor_precision=True,
        include_comments=False,
        include_links=True,
        with_metadata=True,
        deduplicate=False,
    )
    if document is None or document.body is None:
        raise CleaningInputError(NO_TEXT)
    title = _clean_line(document.title)
    base = document.url or ""
    body = deepcopy(document.body)
    links = _links_in_main_text(body, base)
    etree.strip_tags(body, "ref")
    paragraphs = [
        line for line in (_clean_line(raw) for raw in xmltotxt(body, False).split("\n")) if line
    ]
    if paragraphs and title and _same_words(paragraphs[0], title):
        del paragraphs[0]
    if not paragraphs:
        raise CleaningInputError(NO_TEXT)
    seen = {link.url for link in links}
    for link in _labelled_links_on_page(html, base):
        if link.url not in seen and len(links) < _MAX_LINKS:
            seen.add(link.url)
            links.append(link)
    return HtmlExtract(
        title=title or None,
        author=_clean_line(document.author) or None,
        date=document.date or None,
        paragraphs=paragraphs,
        links=links,
    )


def _links_in_main_text(body, base: str) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    for ref in body.iter("ref"):
        url = _absolute(base, ref.get("target"))
        title = _clean_line("".join(ref.itertext()))
        if not url or not title or url in seen or len(links) >= _MAX_LINKS:
            continue
        if _LABEL.match(title):
            seen.add(url)
            links.append(Link(title=title, url=url))
            continue
        words = len(title.split())
        if words < 2 or words > _MAX_TITLE_WORDS:
            continue
        block = _block_of(ref)
        block_text = _clean_line("".join(block.itertext())) if block is not None else title
        rest = block_text.replace(title, " ", 1).strip()
        if not _NON_WORD.sub("", rest) or _LABEL.match(rest):
            seen.add(url)
            links.append(Link(title=title, url=url))
    return links


def _labelled_links_on_page(html: str, base: str) -> list[Link]:
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = next(iter(tree.xpath("//base/@href")), "") or base
    links: list[Link] = []
    for anchor in tree.iter("a"):
        title = _clean_line(anchor.text_content())
        parent = anchor.getparent()
        before = _clean_line(parent.text) if parent is not None else ""
        if not title or not (_SOURCE_LABEL.match(title) or _SOURCE_LABEL.match(before)):
            continue
        url = _absolute(base, anchor.get("href"))
        if url and not _in_chrome(anchor):
            links.append(Link(title=title, url=url))
            if len(links) >= _MAX_LINKS:
                break
    return links


def _block_of(element):
    node = element.getparent()
    while node is not None and node.tag not in _BLOCK_TAGS:
        node = node.getparent()
    return node


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
