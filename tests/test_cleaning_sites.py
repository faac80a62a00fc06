"""Where a page came from: its canonical address and its site's domain."""

import pytest

from articles.cleaning.sites import domain, page_url

PAGE = """<!DOCTYPE html><html><head>
<meta property="og:url" content="https://social.example/share/1">
<link rel="alternate canonical" href="https://www.gazette.saltmere.example/2026/04/quay">
</head><body><p>The quay market returns.</p></body></html>"""


def test_the_canonical_link_names_the_page():
    """rel=canonical wins over og:url, and bytes are read as the cleaner reads them."""
    assert page_url(PAGE) == "https://www.gazette.saltmere.example/2026/04/quay"
    assert page_url(PAGE.encode("utf-16")) == "https://www.gazette.saltmere.example/2026/04/quay"


def test_og_url_when_there_is_no_canonical_link():
    page = PAGE.replace("alternate canonical", "alternate")
    assert page_url(page) == "https://social.example/share/1"


@pytest.mark.parametrize(
    "source",
    [
        "The quay market returns.\n\nStalls open at nine.",
        b"\x00\x01\x02 not text",
        '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body>x</body></html>',
        '<html><head><link rel="canonical" href="/relative/only"></head><body>x</body></html>',
    ],
)
def test_no_address_for_text_junk_or_unusable_links(source):
    assert page_url(source) is None


def test_text_read_as_text_has_no_address_even_if_it_looks_like_html():
    assert page_url(PAGE, format="text") is None


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://www.Gazette.Saltmere.example/x?y=1", "gazette.saltmere.example"),
        ("gazette.saltmere.example", "gazette.saltmere.example"),
        ("courier.example:8080", "courier.example"),
        ("http://bücher.example/", "xn--bcher-kva.example"),
        ("not a site", None),
        ("localhost", None),
        ("ftp://files.example/", None),
        ("https://", None),
        ("a" * 300 + ".example", None),
    ],
)
def test_domain(address, expected):
    assert domain(address) == expected
