"""Real pages as labelled lines: the Zyte article-extraction corpus mined for chrome and story.

Each page is read as someone copying it whole would get it: one line per block element, the
inline text of a block run together as a browser's text selection does ("Skip to main
contentSkip to navigation"), an image's alt text on its own line. A line found in the page's
ground-truth body is story, the page's own headline is story, and every other line up to
``CHROME_MAX_WORDS`` words is chrome. Longer lines outside the body are left out: they may be
readers' comments or story text the ground truth cut short, and a wrong label there would teach
the model that prose is chrome.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..text import STOPWORDS, fold, split_paragraphs

CHROME_MAX_WORDS = 60
# A short line counts as story only when it is a whole line of the body: "Business" in a menu
# is not story because the body mentions business.
SHORT_WORDS = 4
_BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "form",
        "dl",
        "dt",
        "dd",
        "br",
        "hr",
        "pre",
        "address",
        "fieldset",
        "legend",
        "label",
        "button",
        "option",
        "select",
        "textarea",
        "body",
        "title",
        "details",
        "summary",
        "menu",
        "caption",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "embed",
        "canvas",
    ]
)


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    site: str
    lines: list[str]
    labels: list[str]  # "story" or "chrome", one per line
    body: list[str]  # the ground truth's paragraphs
    headline: str | None = None  # the page's own headline (its h1), when it has one


def page_lines(html: str) -> tuple[list[str], list[str]]:
    """The page's text, one line per block, and its headline (the h1 naming the story)."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return [], []
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if tag == "img" and (element.get("alt") or "").strip():
            flush()
            current.append(element.get("alt"))
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return lines, _headline(tree)


def _headline(tree) -> list[str]:
    """The page's own headline: the h1 that shares most words with the story's title, or
    when no h1 does (the page's h1 is its name, "India Post"), the h2 that does.

    The story's title is the page's og:title and the first part of its <title>; its other
    parts ("Harbour wall to be rebuilt | The Courier") name the site, unless og:title has
    them too ("Opinion | ..."), and a heading that reads just as one is the site's name.
    Many pages also use h1 for sidebar titles ("Hot Topics"), which are chrome. A page with
    a title that no heading shares a word with has no headline here; without a title, its
    first h1.
    """
    story, site = _titles(tree)
    for tag in ("h1", "h2"):
        headings = [" ".join(h.text_content().split()) for h in tree.iter(tag)]
        headings = [h for h in headings if h]
        if not story:
            return headings[:1] if tag == "h1" else []
        scored = [
            (len(story & _words(h)), -n, h) for n, h in enumerate(headings) if fold(h) not in site
        ]
        best = max(scored, default=(0, 0, ""))
        if best[0]:
            return [best[2]]
    return []


_TITLE_PARTS = re.compile(r"\s+(?:[|\u2013\u2014-]|::)\s+")


def _titles(tree) -> tuple[set[str], set[str]]:
    """The content words of the story's title, and the site's names (folded) in <title>."""
    head = tree.find("head")
    title = head.findtext("title") if head is not None else None
    parts = _TITLE_PARTS.split(" ".join((title or "").split()))
    og = [
        meta.get("content") or ""
        for meta in tree.iter("meta")
        if meta.get("property") == "og:title"
    ]
    named = f" {fold(' '.join(og))} "
    site = {fold(part) for part in parts[1:] if f" {fold(part)} " not in named}
    story = _words(" ".join([parts[0], *og]))
    return story - (set().union(*map(_words, site)) - _words(named)), site


def _words(text: str) -> set[str]:
    return set(fold(text).split()) - STOPWORDS


def label_lines(lines: list[str], headings: list[str], body_text: str) -> tuple[list, list]:
    """(line, label) pairs for the lines that can be labelled with confidence."""
    body = split_paragraphs(body_text)
    whole = {fold(p) for p in body}
    joined = " " + " ".join(fold(p) for p in body) + " "
    heads = {fold(h) for h in headings}
    kept, labels = [], []
    for line in lines:
        key = fold(line)
        if not key:
            continue
        words = len(key.split())
        if key in heads or key in whole or (words >= SHORT_WORDS and f" {key} " in joined):
            label = "story"
        elif words <= CHROME_MAX_WORDS:
            label = "chrome"
        else:
            continue
        kept.append(line)
        labels.append(label)
    return kept, labels


def site_of(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.")


def load(corpus: Path) -> list[Page]:
    """Every page of the corpus with ground truth, in a fixed order."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = corpus / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        lines, headings = page_lines(html)
        body_text = truth[key].get("articleBody") or ""
        kept, labels = label_lines(lines, headings, body_text)
        pages.append(
            Page(
                key=key,
                site=site_of(truth[key].get("url") or key),
                lines=kept,
                labels=labels,
                body=split_paragraphs(body_text),
                headline=headings[0] if headings else None,
            )
        )
    return pages


_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "with",
        "on",
        "was",
        "it",
        "as",
        "are",
        "by",
    ]
)
_WORDS = re.compile(r"[a-z]+")


def is_english(paragraphs: list[str]) -> bool:
    """Enough of the commonest English words: a carrier for generated English leftovers."""
    words = _WORDS.findall(" ".join(paragraphs).lower())
    return len(words) >= 50 and sum(w in _ENGLISH for w in words) >= 0.12 * len(words)
