"""Raw copy as bytes -> text the cleaner can read, or one clear sentence why not.

Pure Python: no Django. Every refusal is a ``CleaningInputError`` whose
message fits on one line, because commands print it as their only output.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# A BOM names its encoding; UTF-16 text is full of NUL bytes, so it must be
# recognised before the binary check.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# What a page may declare in its first few kilobytes (HTML's prescan window).
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_LOOKS_LIKE_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|meta|body)\b", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we.
_WINDOWS_1252_LABELS = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "ascii", "us-ascii"}

# Share of control characters (other than tab, newlines, form feed) above
# which the input is a binary file that happened to decode.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|article|section|main|header|footer|nav|aside|body|head|title|"
    r"br|li|ul|ol|table|tr|td|blockquote|figure|span|a|img|meta|link|script|style)\b[^<>]*>",
    re.IGNORECASE,
)
# Tags per 1,000 characters from which a fragment reads as markup, not as a
# story that happens to mention a tag or two.
_MIN_TAGS = 3
_MIN_TAG_DENSITY = 1.0


class CleaningInputError(ValueError):
    """The input cannot be cleaned; the message says why in one line."""


def decode_bytes(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of ``data``, without a BOM; refuses what is not readable copy.

    UTF-8 is expected. A UTF-16 BOM is honoured, and so is an HTML page's
    declared ``<meta charset>`` when its bytes are not UTF-8.
    """
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    if not data.strip():
        raise CleaningInputError("The input is empty.")
    text = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise CleaningInputError("The input looks like a binary file, not text or HTML.")
    if not _INVISIBLE.sub("", text):
        raise CleaningInputError("The input is empty: it holds only whitespace.")
    return text


def too_large(size: int | None, limit: int = DEFAULT_MAX_BYTES) -> CleaningInputError:
    """The refusal for input over ``limit`` bytes; ``size`` None when only "more" is known."""
    given = _size(size) if size is not None else f"more than {_size(limit)}"
    return CleaningInputError(f"The input is too large: {given}; the limit is {_size(limit)}.")


def detect_format(text: str) -> Literal["text", "html"]:
    """``html`` for a page or a fragment dense with tags, else ``text``."""
    if _HTML_START.match(text):
        return "html"
    tags = len(_BLOCK_TAG.findall(text))
    if tags >= _MIN_TAGS and tags * 1000 / max(len(text), 1) >= _MIN_TAG_DENSITY:
        return "html"
    return "text"


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise CleaningInputError(
                    f"The input starts with a {encoding.upper()} byte order mark "
                    f"but is not valid {encoding.upper()} (byte {exc.start + len(bom)})."
                ) from None
    if b"\x00" in data:
        raise CleaningInputError("The input looks like a binary file, not text or HTML.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared_html_encoding(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                if declared == "cp1252":
                    return data.decode("latin-1")
        raise CleaningInputError(
            f"The input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and try again."
        ) from None


def _declared_html_encoding(data: bytes) -> str | None:
    head = data[:_PRESCAN_BYTES]
    if not _LOOKS_LIKE_MARKUP.search(head):
        return None
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _control_share(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"
