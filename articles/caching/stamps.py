"""The comment form's signed timestamp, written when a page is served rather than rendered.

A cached page is served to many readers over a minute, and each must get a
form signed at the moment they were shown it. So the template writes a blank
form's timestamp as a placeholder (``{% timestamp_placeholder article %}``),
and ``public_page`` signs every placeholder of a page as it serves it, fresh
or from the page cache. The placeholder opens with ``<``, which autoescaping
and the story sanitiser turn into ``&lt;`` wherever else it could appear, so
no text from a story or a comment can produce one.
"""

import re
import time

from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.forms import form_timestamp

_PLACEHOLDER = re.compile(rb"<nr-timestamp (\d+)>")


def timestamp_placeholder(article_id: int) -> SafeString:
    return format_html("<nr-timestamp {}>", article_id)


def stamps_cut(content: bytes) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
    """``content`` cut at each placeholder, and the article each one is for.

    Cut once when a page is stored, so that serving it only joins bytes.
    """
    parts = _PLACEHOLDER.split(content)
    return tuple(parts[::2]), tuple(int(article_id) for article_id in parts[1::2])


def stamps_fill(pieces: tuple[bytes, ...], article_ids: tuple[int, ...]) -> bytes:
    """The cut page joined around timestamps signed now, one signature per article."""
    if not article_ids:
        return pieces[0]
    now = int(time.time())
    signed = {pk: form_timestamp(article_id=pk, now=now).encode() for pk in set(article_ids)}
    joined = [pieces[0]]
    for pk, piece in zip(article_ids, pieces[1:], strict=True):
        joined += (signed[pk], piece)
    return b"".join(joined)
