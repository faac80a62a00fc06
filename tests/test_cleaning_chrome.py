"""chrome.*: page furniture is removed; sentences that only mention it are kept."""

import pytest

from articles.cleaning import clean

STORY = "Ferry fares to rise\n\nFares on the Pellan Island ferry will rise by 8 per cent from April.\n\n{}\n\nA return ticket for a car will cost £64."


def _paragraphs(text):
    result = clean(STORY.format(text), format="text")
    return result, result.paragraphs[2:-1]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Leave a Reply", "chrome.comment_form"),
        ("Leave a comment", "chrome.comment_form"),
        (
            "Your email address will not be published. Required fields are marked *",
            "chrome.comment_form",
        ),
        ("Name *", "chrome.comment_form"),
        (
            "Save my name, email, and website in this browser for the next time I comment.",
            "chrome.comment_form",
        ),
        ("Comments are closed.", "chrome.comment_form"),
        ("Cancel reply", "chrome.comment_form"),
        ("Share this:", "chrome.share"),
        ("Share on Facebook", "chrome.share"),
        ("Facebook | Twitter | WhatsApp | Email", "chrome.share"),
        ("Click to share on LinkedIn (Opens in new window)", "chrome.share"),
        ("Like Loading...", "chrome.share"),
        ("Sign up for our weekly newsletter and never miss a story", "chrome.newsletter"),
        ("Follow us on Instagram", "chrome.newsletter"),
        ("Subscribe now", "chrome.newsletter"),
        ("« Previous Post", "chrome.navigation"),
        ("Next article: Harbour wall approved", "chrome.navigation"),
        ("You may also like", "chrome.navigation"),
        ("Skip to content", "chrome.navigation"),
        ("Home » News » Transport", "chrome.navigation"),
        ("Tags: ferry, fares, Pellan Island", "chrome.taxonomy"),
        ("Filed under: Transport", "chrome.taxonomy"),
        ("Category: News", "chrome.taxonomy"),
        ("© 2025 Saltmere Gazette. All rights reserved.", "chrome.copyright"),
        ("Proudly powered by WordPress", "chrome.copyright"),
        ("Copyright 2024 Pellan Media Ltd", "chrome.copyright"),
        (
            "We use cookies to improve your experience. By continuing, you accept our use of cookies.",
            "chrome.cookie",
        ),
        ("Accept all cookies", "chrome.cookie"),
        (
            "Cookies help us deliver our services. By using our services, you agree to our use of cookies.",
            "chrome.cookie",
        ),
        ("Advertisement", "chrome.advert"),
        ("Sponsored content", "chrome.advert"),
        ("Article continues below advertisement", "chrome.advert"),
        ("1,204 views", "chrome.counts"),
        ("4 min read", "chrome.counts"),
        ("Articles: 312", "chrome.counts"),
        ("Reference Article", "chrome.reference_link"),
        ("Source link", "chrome.reference_link"),
        ("Read more: Pellan ferry timetable changes", "chrome.reference_link"),
    ],
)
def test_chrome_is_removed(text, rule):
    """A paragraph that is page furniture is removed under its rule."""
    _, [paragraph] = _paragraphs(text)
    assert paragraph.action == "remove"
    assert rule in {f.rule for f in paragraph.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Residents can leave a reply to the consultation on the council's website until 28 February.",
        "Share prices fell.",
        "The operator will share the cost of the new ramp with the council.",
        "Copyright law makes it hard for the museum to show the old ferry films, the curator said.",
        "Cookies and tea will be served in the church hall after the meeting.",
        "More than 300 people signed the petition.",
        "The advertisement for the new harbour master attracted forty applicants.",
        "Comments from islanders will be read out at the next meeting.",
        "Tags on the lobster pots showed they belonged to a Penlow boat.",
        "Home is where the harbour is, the islanders say.",
        "By the end of the week the ferry was running again.",
        "Cookies help us raise money every summer, said the bakery's owner, Tamsin Grey.",
    ],
)
def test_sentences_about_the_same_things_are_kept(text):
    """Real sentences that mention comments, shares, cookies or tags are copy."""
    _, [paragraph] = _paragraphs(text)
    assert paragraph.action == "keep", paragraph.findings


def test_author_box_over_three_lines():
    """'Avatar photo' / a name / 'Articles: N' is removed and the name becomes a staff byline."""
    result, paragraphs = _paragraphs("Avatar photo\nPellan Staff\nArticles: 48")
    assert [p.action for p in paragraphs] == ["remove"] * 3
    assert all(any(f.rule.startswith("chrome.") for f in p.findings) for p in paragraphs)
    assert [(b.name, b.kind) for b in result.byline] == [("Pellan Staff", "staff")]


def test_a_bare_name_without_a_box_is_kept():
    """A short line that happens to be a name is a subhead or a caption, not chrome."""
    _, [paragraph] = _paragraphs("Pellan Island")
    assert paragraph.action == "keep"
