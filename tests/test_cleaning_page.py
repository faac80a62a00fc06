"""chrome.* by shape: real pages' skip links, players, credits, logos; headline and links."""

import pytest

from articles.cleaning import clean, page
from articles.cleaning.extract import headline_like as page_headline_like
from tests.cleaning_models import chrome_everywhere, deaf

STORY = [
    "Saltmere council voted on Tuesday to spend four million pounds rebuilding the eastern "
    "harbour wall, which has lost part of its parapet in each of the last three winters.",
    "Work will start in March and last about eighteen months, the council's engineer said.",
    "Boats will move to the western basin while the wall is rebuilt.",
]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Skip to main contentSkip to navigation", "chrome.skip_link"),
        ("Skip to content | Skip to footer", "chrome.skip_link"),
        ("0:00", "chrome.player"),
        ("1:02 / 4:37", "chrome.player"),
        ("Play Live Radio", "chrome.player"),
        ("Listen to this article · 4 min", "chrome.player"),
        ("Getty Images", "chrome.credit"),
        ("Photo: Harbour Studio / Getty Images", "chrome.credit"),
        ("Illustration by Mara Quell / The Courier", "chrome.credit"),
        ("Source: Freepik.com", "chrome.credit"),
        ("Harbourside Courier logo", "chrome.logo"),
        ("saltmere-harbour-wall-0412.jpg", "chrome.image_file"),
        ("IMG_2041.JPEG", "chrome.image_file"),
        ("Please turn off your ad blocker so we can keep reporting.", "chrome.ad_block"),
    ],
)
def test_shape_rules(line, rule):
    """Each shape of page furniture is named by its rule and removed."""
    result = clean("\n\n".join([*STORY, line]), format="text")
    last = result.paragraphs[-1]
    assert last.action == "remove"
    assert rule in {f.rule for f in last.findings}


@pytest.mark.parametrize(
    "line",
    [
        "Ad blockers cost publishers in the region an estimated two million pounds last year.",
        "The new logo, a gull over a lighthouse, was drawn by a pupil at Saltmere primary.",
        "Skipper Ann Quell took the lifeboat out at 10:45 on Sunday night.",
        "The council's plan is on its website as harbour-plan.png.",
    ],
)
def test_sentences_about_the_same_things_are_copy(line):
    """A sentence that mentions ad blockers, a logo, a time or a file is not furniture."""
    assert page.check(line) == []


def test_a_credit_split_over_three_lines_goes_as_a_whole():
    """'Photo:' / a name / 'Getty Images': all three are the credit, the name too."""
    result = clean("\n\n".join([*STORY, "Photo:", "Mara Quell", "Getty Images"]), format="text")
    assert [p.action for p in result.paragraphs[-3:]] == ["remove"] * 3
    assert result.paragraphs[-2].findings[0].rule == "chrome.credit"


def test_skip_links_never_become_the_headline():
    """Skip links run together at the top are removed, and the real headline is found."""
    text = "\n\n".join(
        ["Skip to main contentSkip to navigation", "Harbour wall to be rebuilt", *STORY]
    )
    result = clean(text, format="text")
    assert result.headline == "Harbour wall to be rebuilt"


def test_credits_and_bare_read_more_are_not_related_links():
    """'Source: Freepik.com' is a credit and 'Read More' names nothing: neither is a link."""
    result = clean("\n\n".join([*STORY, "Source: Freepik.com", "Read More"]), format="text")
    assert result.related_links == []
    assert [p.action for p in result.paragraphs[-2:]] == ["remove", "remove"]


def test_bare_read_more_anchors_in_html_are_not_related_links():
    """In an HTML page, an anchor reading only 'Read more' is a teaser's button."""
    html = (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
        "<h1>Harbour wall to be rebuilt</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY * 3)
        + '<p><a href="https://gazette.example/other">Read more</a></p>'
        + '<p>Source: <a href="https://freepik.com/photo/1">Freepik.com</a></p>'
        + "</article></body></html>"
    )
    result = clean(html, format="html")
    assert [link.title for link in result.related_links] == []


def test_a_menu_line_far_above_the_story_is_not_the_headline():
    """A whole page copied: the first line left standing, far above the prose, is no headline
    (here with a model that flags nothing, so the menu stays)."""
    silent = deaf((10.0, 0.0, 0.0))
    menu = ["Harbourside Courier Weekend Edition"] + [f"Section {n} Listings" for n in range(12)]
    result = clean("\n\n".join([*menu, *STORY]), format="text", model=silent)
    assert result.headline is None
    near = clean("\n\n".join(["Harbour wall to be rebuilt", *STORY]), format="text", model=silent)
    assert near.headline == "Harbour wall to be rebuilt"


PAGE_TOP = ["Weather", "Ferries", "Saltmere Council Harbour Wall Updates", "Share this story"]
HEADLINE = "Saltmere council to rebuild eastern harbour wall"


def test_a_page_headline_the_model_doubts_is_found_by_its_echo():
    """On a page where the model sends every line to review, the line that uses the story's
    words is still offered as the headline, for an editor to confirm."""
    copy = [*PAGE_TOP, HEADLINE, "Tuesday 4 March", *STORY]
    result = clean("\n\n".join(copy), format="text", model=chrome_everywhere(0.7))
    assert result.headline == HEADLINE
    assert "extract.headline" in [f.rule for f in result.paragraphs[4].findings]
    assert result.paragraphs[4].action == "review"


def test_a_headline_that_asks_a_long_question_is_found_though_it_reads_as_prose():
    """A headline of a dozen words ending in a question mark reads as the story's first
    paragraph of prose; on a page it is still the line that echoes the story."""
    question = (
        "Why is Saltmere council spending four million pounds on a harbour wall the winters "
        "keep breaking?"
    )
    copy = ["Weather", "Ferries", "Share this story", question, *STORY]
    result = clean("\n\n".join(copy), format="text", model=chrome_everywhere(0.7))
    assert result.headline == question


def test_a_line_nearer_the_story_that_echoes_it_more_beats_the_first_line():
    """On a page the first headline-like line may be a banner using a few of the story's
    words; the line that uses more of them, nearer the story, is the headline."""
    copy = ["Saltmere Council Harbour Wall Updates", "Weather", "Ferries", HEADLINE, *STORY]
    silent = chrome_everywhere(0.01)
    assert clean("\n\n".join(copy), format="text", model=silent).headline == HEADLINE
    pasted = clean("\n\n".join([HEADLINE, *STORY]), format="text", model=silent)
    assert pasted.headline == HEADLINE


def test_on_a_page_the_headline_is_the_line_above_the_byline():
    """Related headlines that use more of the story's words, a banner and a section's name
    stand above the page's headline; the headline-like line just above the byline (a date
    between) that uses most of the story's words is the one."""
    related = [
        "Saltmere council harbour wall rebuild: eastern wall works and western basin boats",
        "Harbour wall works: council engineer says boats move to western basin in March",
    ]
    headline = "Council to spend four million on harbour wall"
    copy = [
        *related,
        *PAGE_TOP,
        "Harbour Wall",
        headline,
        "Tuesday 4 March",
        "By Mara Quell",
        *STORY,
        "Saltmere council engineers begin survey of harbour wall parapet and eastern basin",
    ]
    silent = chrome_everywhere(0.01)
    result = clean("\n\n".join(copy), format="text", model=silent)
    assert result.headline == headline
    assert [b.name for b in result.byline] == ["Mara Quell"]
    without = [line for line in copy if line != "By Mara Quell"]
    assert clean("\n\n".join(without), format="text", model=silent).headline != headline


def test_a_headline_the_classifier_doubts_is_still_the_line_above_the_byline():
    """The classifier sends every line to review; the line just above the byline, using the
    story's words, is still the headline, and the related headline above it, all of whose
    words the story uses, is not."""
    related = "Boats move to western basin while Saltmere harbour wall is rebuilt"
    headline = "Council to spend four million on harbour wall"
    copy = [related, "Weather", "Ferries", "Tides", "Parking", headline, "By Mara Quell", *STORY]
    result = clean("\n\n".join(copy), format="text", model=chrome_everywhere(0.7))
    assert result.headline == headline


@pytest.mark.parametrize(
    "headline",
    [
        "The Disappearance of Jonah M. Reed",
        "Flood Claims Rise in U.S. Coastal Towns Where Walls Failed",
        "Gov. Hale Visits Saltmere Harbour",
    ],
)
def test_an_initial_or_a_title_does_not_end_a_headline(headline):
    """'M.', 'U.S.' and 'Gov.' end no sentence: the line is one headline, not two sentences."""
    assert page_headline_like(headline)


@pytest.mark.parametrize(
    "printed",
    [
        "Opinion|Council to spend four million on harbour wall",
        "Home Harbour Council to spend four million on harbour wall",
        "Home News Local News Council to spend four million on harbour wall",
    ],
)
def test_a_section_or_breadcrumb_printed_before_the_headline_is_left_off(printed):
    """A page prints its headline once after its section or breadcrumb and once on its own
    (here below the story, as a teaser): the headline is the plain one; with no plain one,
    the line as printed."""
    plain = "Council to spend four million on harbour wall"
    silent = chrome_everywhere(0.01)
    copy = [printed, *STORY, "More on this story", plain]
    assert clean("\n\n".join(copy), format="text", model=silent).headline == plain
    assert clean("\n\n".join(copy[:-1]), format="text", model=silent).headline == printed


def test_the_plain_headline_is_taken_even_when_only_the_classifier_doubts_it():
    """A page's headline reads like the other headlines on it, so the model may send it to
    review: the plain line is still the headline, not the breadcrumb printed before it."""
    printed = "Home Holidays Council to spend four million on harbour wall"
    plain = "Council to spend four million on harbour wall"
    copy = [printed, *STORY, "More on this story", plain]
    result = clean("\n\n".join(copy), format="text", model=chrome_everywhere(0.7))
    assert result.headline == plain


def test_a_page_whose_furniture_went_is_still_a_page():
    """Whether copy is a page or pasted text is read from where its story starts in the copy
    as it came, not among the lines still standing: with the rules' furniture gone above it,
    a page's banner stands first, but the headline is still the line above the byline."""
    furniture = [
        "Skip to main content",
        "Share on Facebook",
        "Sign up for our newsletter",
        "Follow us on Mastodon",
    ]
    banner = "The Saltmere Gazette harbour edition"
    headline = "Council votes to rebuild the eastern harbour wall"
    copy = [*furniture, banner, headline, "By Mara Quell", *STORY]
    result = clean("\n\n".join(copy), format="text")
    assert [p.action for p in result.paragraphs[:4]] == ["remove"] * 4
    assert result.headline == headline
    assert result.paragraphs[4].action == "keep"
