"""HTML pages in: the story's paragraphs, its metadata and its source links, without the chrome."""

import pytest

from articles.cleaning.html import HtmlExtract, extract_html
from articles.cleaning.inputs import CleaningInputError
from articles.cleaning.result import Link

STORY_PARAGRAPHS = [
    "Saltmere council voted 5-2 on Tuesday night to rebuild the harbour wall that Storm "
    "Brannock breached in January, ending a debate that has run all winter.",
    "The work will cost \u00a34.2 million and start in the spring, the council's engineer, "
    'Tomas Reddick, told the meeting. "We cannot wait for another storm," he said.',
    "Fishing crews, who have moored in Pellow Cove since the storm, welcomed the vote. "
    "Their petition gathered 1,200 signatures in a fortnight.",
    "The slipway will stay open to lifeboat crews throughout the works, the harbour master said.",
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Harbour wall to be rebuilt | Saltmere Gazette</title>
  <meta name="author" content="Ada Penhallow">
  <meta property="og:title" content="Harbour wall to be rebuilt">
  <meta property="og:url" content="https://gazette.saltmere.example/2026/03/harbour-wall">
  <meta property="article:published_time" content="2026-03-14T09:00:00Z">
</head>
<body>
<header><nav>
  <a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
  <a href="/subscribe">Subscribe to the Gazette for unlimited harbour news today</a>
</nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site. Accept all cookies?</p></div>
<main><article>
  <h1>Harbour wall to be rebuilt</h1>
  <p>{}</p>
  <p>{}</p>
  <h2>Fishermen relieved</h2>
  <p>{}</p>
  <p>{}</p>
  <p>Read more: <a href="/2026/01/storm-brannock">How Storm Brannock hit Saltmere</a></p>
</article></main>
<p class="credit">Original article: <a href="https://council.saltmere.example/minutes/2026-03">Council minutes</a></p>
<aside class="sidebar"><h3>Most read</h3><ul>
  <li><a href="/2026/03/lifeboat">Lifeboat crew rescues walkers stranded on the point</a></li>
  <li><a href="/2026/03/source">Source of the quay leak found at last</a></li>
</ul></aside>
<footer>
  <p>Share this story: <a href="https://twitter.com/intent/tweet?url=x">Tweet</a></p>
  <p>\u00a9 2026 Saltmere Gazette. All rights reserved. Powered by Quayside CMS.</p>
</footer>
</body>
</html>
""".format(*STORY_PARAGRAPHS)


@pytest.fixture(scope="module")
def extract() -> HtmlExtract:
    return extract_html(PAGE)


def test_story_paragraphs_come_out_in_order(extract):
    """Every paragraph of the story is extracted once, in order, as plain text."""
    positions = [extract.paragraphs.index(p) for p in STORY_PARAGRAPHS]
    assert positions == sorted(positions)
    assert "Fishermen relieved" in extract.paragraphs


def test_site_chrome_is_left_out(extract):
    """Navigation, the cookie notice, the sidebar and the footer are not story paragraphs."""
    text = "\n".join(extract.paragraphs)
    for chrome in ("Subscribe", "cookies", "Most read", "Lifeboat crew", "All rights", "Tweet"):
        assert chrome not in text


def test_headline_is_not_repeated_as_a_paragraph(extract):
    """The <h1> that repeats the page title is the headline, not the first paragraph."""
    assert extract.title == "Harbour wall to be rebuilt"
    assert extract.paragraphs[0] == STORY_PARAGRAPHS[0]


def test_metadata_is_read(extract):
    """Author and publication date come from the page's metadata."""
    assert extract.author == "Ada Penhallow"
    assert extract.date == "2026-03-14"


def test_canonical_address_and_outlet_are_read():
    """The page's canonical URL and its own name for the outlet are kept for the original link."""
    page = PAGE.replace(
        "<head>",
        '<head><meta property="og:site_name" content="The Saltmere Gazette">',
        1,
    )
    found = extract_html(page)
    assert found.url == "https://gazette.saltmere.example/2026/03/harbour-wall"
    assert found.site_name == "The Saltmere Gazette"


def test_link_lines_and_source_links_are_kept_with_absolute_urls(extract):
    """'Read more' in the story and a labelled source link after it are kept, resolved."""
    assert (
        Link(
            "How Storm Brannock hit Saltmere",
            "https://gazette.saltmere.example/2026/01/storm-brannock",
        )
        in extract.links
    )
    assert (
        Link("Council minutes", "https://council.saltmere.example/minutes/2026-03") in extract.links
    )


def test_links_in_prose_sidebars_and_share_buttons_are_not_related_links(extract):
    """Only link lines and source labels count: not the sidebar, the nav or a share button."""
    urls = {link.url for link in extract.links}
    assert len(extract.links) == 2
    assert not any("lifeboat" in url or "twitter" in url or "subscribe" in url for url in urls)


def test_inline_links_keep_their_words_in_the_paragraph():
    """A link inside a sentence leaves its words in the text and is not a related link."""
    page = (
        "<html><head><title>Quay market returns</title></head><body><article>"
        "<p>The quay market returns on Saturday, the <a href='https://saltmere.example/c'>"
        "town council</a> announced, after two years away during the harbour works.</p>"
        "<p>Stallholders will pay nothing for the first month, the council added, and the "
        "fish auction will move back to the old shed by the lifeboat station.</p>"
        "</article></body></html>"
    )
    extract = extract_html(page)
    assert extract.paragraphs[0].startswith("The quay market returns on Saturday, the town council")
    assert extract.links == []


def test_author_from_byline_markup_and_missing_metadata():
    """Without metadata the page still yields its text; absent fields are None."""
    page = (
        "<html><body><div><p>Rain closed the coast road at Pellow Cove for six hours on "
        "Sunday, the highways team said, and drivers were sent inland through Carrow.</p>"
        "<p>The road reopened at dusk after crews cleared the shingle the waves had thrown "
        "across it, and no one was hurt.</p></div></body></html>"
    )
    extract = extract_html(page)
    assert extract.title is None
    assert extract.date is None
    assert extract.paragraphs[0].startswith("Rain closed the coast road")


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Saltmere Gazette</title></head></html>",
        "<html><head><title>Saltmere Gazette</title></head><body></body></html>",
        "<html><body>  \n  </body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<p></p>",
    ],
)
def test_page_without_story_text_is_refused(page):
    """A page with no body or no text to extract is refused with one clear sentence."""
    with pytest.raises(CleaningInputError, match=r"^No article text found in the HTML page\.$"):
        extract_html(page)


def test_same_page_gives_same_extract():
    """Extraction is deterministic."""
    assert extract_html(PAGE) == extract_html(PAGE)
