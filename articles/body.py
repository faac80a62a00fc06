"""The stored body as reader HTML.

Bodies are plain text with paragraphs separated by blank lines, as the
cleaner hands them over. A body an editor wrote in HTML is let through only
what the allow-list below names; everything else is stripped, never echoed.
"""

import re
from html.parser import HTMLParser

import nh3
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "i", "b", "blockquote", "q", "cite",
    "ul", "ol", "li", "h2", "h3", "h4", "figure", "figcaption", "abbr", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A body counts as HTML when it opens with a block tag the desk would write.
_LOOKS_LIKE_HTML = re.compile(r"^\s*<(p|h[2-4]|ul|ol|blockquote|figure|div)\b", re.IGNORECASE)


def body_sanitize(html: str) -> str:
    """Keep only allow-listed tags and attributes; links get ``rel`` set for strangers' sites."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )


def body_paragraphs(text: str) -> list[str]:
    """The plain-text paragraphs of a body, blank ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if p.strip()]


def body_render(text: str) -> SafeString:
    """Reader HTML for a stored body: escaped paragraphs, or sanitised HTML."""
    if _LOOKS_LIKE_HTML.match(text or ""):
        return mark_safe(body_sanitize(text))  # safe: the allow-list ran just above
    paragraphs = body_paragraphs(text or "")
    return format_html_join("\n", "<p>{}</p>", ((linebreaksbr(p),) for p in paragraphs))


class _TopLevelEnds(HTMLParser):
    """Where each top-level element of well-formed HTML ends, as offsets into it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.ends = html, 0, []
        self._line_starts = [0]
        for match in re.finditer("\n", html):
            self._line_starts.append(match.end())
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "br":
            return
        self.depth -= 1
        if self.depth == 0:
            line, column = self.getpos()
            start = self._line_starts[line - 1] + column
            self.ends.append(self.html.index(">", start) + 1)


def body_blocks(text: str) -> list[SafeString]:
    """The reader HTML of a body cut into its top-level blocks (paragraphs, lists, quotes...).

    Joined, the blocks are ``body_render(text)`` to the byte; pictures go between them.
    """
    if not _LOOKS_LIKE_HTML.match(text or ""):
        paragraphs = body_paragraphs(text or "")
        return [
            format_html("{}<p>{}</p>", "\n" if n else "", linebreaksbr(p))
            for n, p in enumerate(paragraphs)
        ]
    html = body_sanitize(text)
    blocks, start = [], 0
    for end in _TopLevelEnds(html).ends:
        blocks.append(html[start:end])
        start = end
    if html[start:].strip():
        blocks.append(html[start:])
    # safe: each block is a piece of what the allow-list let through, cut between elements
    return [mark_safe(block) for block in blocks]
