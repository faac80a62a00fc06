"""Raw bytes in: what the cleaner accepts, and the one-line reasons it refuses."""

import codecs

import pytest

from articles.cleaning.inputs import CleaningInputError, decode_bytes, detect_format

STORY = "Saltmere council votes to rebuild the harbour wall\n\nThe vote was 5-2.\n"


def test_utf8_text_is_returned_unchanged():
    """Plain UTF-8 copy comes back exactly as sent, curly quotes and CRLF included."""
    text = "The mayor said: \u201cWe rebuild.\u201d\r\n\r\nThe vote was 5-2.\u00a0"
    assert decode_bytes(text.encode()) == text


def test_utf8_bom_is_stripped():
    """A UTF-8 byte order mark does not reach the cleaner."""
    assert decode_bytes(codecs.BOM_UTF8 + STORY.encode()) == STORY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(encoding):
    """Copy saved as UTF-16 with its BOM is read, although its bytes hold NULs."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    assert decode_bytes(bom + STORY.encode(encoding)) == STORY


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \n\r\n\t ", "empty"),
        ("\u00a0\u200b\n".encode(), "whitespace"),
        (codecs.BOM_UTF8, "empty"),
        (b"GIF89a\x01\x00\x01\x00\x00\xff\xff", "binary"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "binary"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "binary"),
        (b"The caf\xe9 on Quay Street reopened.", "not valid UTF-8"),
        (b"\xff\xfe\x00", "UTF-16"),
    ],
)
def test_unreadable_input_is_refused_in_one_line(data, words):
    """Empty, whitespace-only, binary and mis-encoded input are refused with a one-line reason."""
    with pytest.raises(CleaningInputError) as caught:
        decode_bytes(data)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message


def test_too_large_input_names_the_limit():
    """Input over the limit is refused before it is decoded, and the message says the limit."""
    with pytest.raises(CleaningInputError, match=r"too large: 2 KB; the limit is 1 KB"):
        decode_bytes(b"a" * 2048, max_bytes=1024)
    assert decode_bytes(b"a" * 1024, max_bytes=1024) == "a" * 1024


def test_default_limit_is_ten_megabytes():
    """20 MB of text is refused under the default limit."""
    with pytest.raises(CleaningInputError, match="the limit is 10 MB"):
        decode_bytes(b"Saltmere. " * (2 * 1024 * 1024))


def test_declared_windows_1252_page_is_decoded():
    """An HTML page that declares a legacy charset is read in that charset."""
    page = (
        b'<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        b"<body><p>The caf\xe9 on Quay Street \x93reopened\x94.</p></body></html>"
    )
    text = decode_bytes(page)
    assert "caf\u00e9" in text
    assert "\u201creopened\u201d" in text


def test_declared_latin1_in_http_equiv_is_decoded():
    """The older http-equiv declaration counts too; latin-1 is read as windows-1252."""
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        b"</head><body><p>Gr\xfc\xdfe from Saltmere</p></body></html>"
    )
    assert "Gr\u00fc\u00dfe" in decode_bytes(page)


def test_plain_text_cannot_declare_a_charset():
    """Text that is not HTML gets no charset guess: invalid UTF-8 is refused."""
    with pytest.raises(CleaningInputError, match="not valid UTF-8"):
        decode_bytes(b'charset="latin-1" caf\xe9')


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        "  \n<!doctype HTML>\n<title>x</title>",
        "<html lang='en'><p>Hi</p></html>",
        "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'></html>",
        "<!-- saved from url=(0040)https://saltmere.example -->\n<html></html>",
        "<div><h1>Wall rebuilt</h1><p>The vote was 5-2.</p><p>Work starts soon.</p></div>",
    ],
)
def test_pages_and_tag_dense_fragments_are_html(text):
    """A doctype, an <html> start or a fragment dense with block tags reads as HTML."""
    assert detect_format(text) == "html"


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "Councillors argued over whether <p> tags belong in the minutes.\n\n" + "Words. " * 200,
        "Prices: fish < 5 pounds, crab > 8 pounds.",
        "html is a markup language, the teacher said.",
    ],
)
def test_prose_is_text(text):
    """Prose, even prose that mentions a tag or uses angle brackets, reads as text."""
    assert detect_format(text) == "text"
