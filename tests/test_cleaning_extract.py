"""Extraction: headline, byline, sources and related links; and how copy is split and normalised."""

import pytest

from articles.cleaning import clean
from articles.cleaning.extract import author_field, headline_like
from articles.cleaning.rules import RuleSet
from articles.cleaning.text import split_paragraphs

BODY = "The council approved the harbour wall repair on Tuesday night.\n\nWork starts in March."


def test_first_line_is_the_headline_and_leaves_the_body():
    """A short first line followed by copy is the headline, removed from the body."""
    result = clean("Harbour wall repair approved\n\n" + BODY, format="text")
    assert result.headline == "Harbour wall repair approved"
    assert result.paragraphs[0].action == "remove"
    assert [f.rule for f in result.paragraphs[0].findings] == ["extract.headline"]
    assert not result.body.startswith("Harbour wall")


def test_a_sentence_first_is_not_a_headline():
    """Copy that starts with a full sentence has no headline to take."""
    result = clean(BODY, format="text")
    assert result.headline is None
    assert all(p.action == "keep" for p in result.paragraphs)


def test_headline_followed_by_a_subhead_stays_for_review():
    """When the next line reads as a heading too, the first is the headline but stays for review."""
    result = clean("Harbour wall repair approved\n\nWhat happens next\n\n" + BODY, format="text")
    assert result.headline == "Harbour wall repair approved"
    assert result.paragraphs[0].action == "review"
    assert result.paragraphs[1].action == "keep"


def test_title_label_gives_the_headline():
    """A 'Title:' label left by a writing tool is removed and its text becomes the headline."""
    result = clean("Title: Harbour Wall Repair Approved\n\n" + BODY, format="text")
    assert result.headline == "Harbour Wall Repair Approved"
    assert result.paragraphs[0].action == "remove"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Maren Quayle", [("Maren Quayle", "person")]),
        (
            "By Maren Quayle and Tom Reddaway",
            [("Maren Quayle", "person"), ("Tom Reddaway", "person")],
        ),
        ("By Maren Quayle, Saltmere Gazette", [("Maren Quayle", "person")]),
        ("By Jowan Spargo | Court Reporter", [("Jowan Spargo", "person")]),
        ("By The Associated Press", [("The Associated Press", "wire")]),
        ("By Reuters", [("Reuters", "wire")]),
        ("By Gazette Staff", [("Gazette Staff", "staff")]),
        ("By Maren Quayle On 11/13/19 at 4:00 PM EST", [("Maren Quayle", "person")]),
        ("by Maren Quayle September 15, 2014", [("Maren Quayle", "person")]),
        ("By Maren Quayle, Nov. 19, 2019", [("Maren Quayle", "person")]),
        (
            "By Maren Quayle , Tom Reddaway on Monday, November 18th, 2019 at 11:08 a.m.",
            [("Maren Quayle", "person"), ("Tom Reddaway", "person")],
        ),
    ],
)
def test_by_lines(line, expected):
    """A 'By ...' line gives the byline, with person, staff or wire, and leaves the body."""
    result = clean("Harbour wall repair approved\n\n" + line + "\n\n" + BODY, format="text")
    assert [(b.name, b.kind) for b in result.byline] == expected
    assert result.paragraphs[1].action == "remove"


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday the water had gone.",
        "By the end of the week, the road was open",
        "By far the biggest storm in years",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(text):
    """'By Tuesday...' is copy, not a byline."""
    result = clean("Harbour wall repair approved\n\n" + BODY + "\n\n" + text, format="text")
    assert result.byline == []
    assert result.paragraphs[-1].action == "keep"


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The harbour trust told Reuters it would not pay.", "Reuters", "wire"),
        ("The closure was first reported by the BBC.", "BBC", "broadcaster"),
        ("According to The Associated Press, six boats sank.", "The Associated Press", "wire"),
        ("Six boats sank, AP reported.", "The Associated Press", "wire"),
        ("Politico was the first to report the decision.", "Politico", "outlet"),
        (
            "According to Norwegian broadcaster NRK, the ferry was Norwegian-built.",
            "NRK",
            "broadcaster",
        ),
        (
            "The wall is unsafe, according to the Saltmere Harbour Authority.",
            "Saltmere Harbour Authority",
            "official",
        ),
        ("Figures from the Met Office showed gusts of 90mph.", "Met Office", "official"),
        ("The wall failed, according to a council report.", "council report", "document"),
        ("Pellan Ferries said in a statement that no boats would sail.", "Pellan Ferries", "other"),
        (
            "Saltmere Council said in a statement that the road would close.",
            "Saltmere Council",
            "official",
        ),
    ],
)
def test_sources(sentence, name, kind):
    """Outlets, wires, broadcasters, bodies and documents the story attributes to, with the sentence."""
    result = clean(BODY + "\n\n" + sentence, format="text")
    [source] = [s for s in result.sources if s.name == name]
    assert source.kind == kind
    assert source.evidence == sentence


def test_sources_are_named_once():
    """AP and The Associated Press are one source; the first sentence is the evidence."""
    result = clean(
        "Six boats sank, AP reported.\n\nThe Associated Press said the harbour was closed.",
        format="text",
    )
    assert [(s.name, s.evidence) for s in result.sources] == [
        ("The Associated Press", "Six boats sank, AP reported.")
    ]


def test_mentions_without_attribution_are_not_sources():
    """A name mentioned in passing ('she watched the BBC') is not a source; nor is 'ap' in a word."""
    result = clean(
        "She watched the BBC weather at six.\n\nThe tap was left running.", format="text"
    )
    assert result.sources == []


@pytest.mark.parametrize(
    ("line", "title", "url"),
    [
        ("Reference Article", "Reference Article", None),
        ("Source link", "Source link", None),
        ("Read more: Storm Brannock, what we know", "Storm Brannock, what we know", None),
        (
            "Read more: https://gazette.example/storm",
            "https://gazette.example/storm",
            "https://gazette.example/storm",
        ),
        ("See also: Harbour wall vote", "Harbour wall vote", None),
    ],
)
def test_related_links(line, title, url):
    """Link-only lines move to the related links and leave the body."""
    result = clean(BODY + "\n\n" + line, format="text")
    assert (title, url) in [(link.title, link.url) for link in result.related_links]
    assert result.paragraphs[-1].action == "remove"


def test_a_source_sentence_is_not_a_link_line():
    """'Source: ...' followed by a sentence is copy (a chart's sourcing), not a related link."""
    result = clean(
        BODY + "\n\nSource: the council's own figures for the last five winters.", format="text"
    )
    assert result.related_links == []
    sourcing = result.paragraphs[-1]
    assert sourcing.action != "remove"  # the classifier may still ask an editor about it
    assert not [f.rule for f in sourcing.findings if not f.rule.endswith(".learned")]


def test_related_links_are_listed_once():
    """The same link line twice is one related link."""
    result = clean(
        BODY + "\n\nRead more: Harbour wall vote\n\nRead more: Harbour wall vote", format="text"
    )
    assert [link.title for link in result.related_links] == ["Harbour wall vote"]


def test_normalising_bom_crlf_nbsp_and_mojibake():
    """BOM, CRLF, non-breaking spaces and UTF-8 read as Windows-1252 are repaired; curly quotes kept."""
    raw = "\ufeffFirst\u00a0line\r\n\r\nBiden\u00e2\u20ac\u2122s caf\u00c3\u00a9 \u201cquoted\u201d"
    assert split_paragraphs(raw) == ["First line", "Biden\u2019s caf\u00e9 \u201cquoted\u201d"]


def test_character_references_left_as_text_are_decoded():
    """A page that escaped its markup twice leaves "&mdash;" in the copied text: decoded, and
    a headline printed both ways is one headline; "AT&T", unknown names and references to
    a line break or a control character stay as written."""
    raw = "Saltmere ferry fares rise &mdash; again\n\nBiden&#8217;s&nbsp;plan &amp; AT&T &foo; &#10; &#7;"
    assert split_paragraphs(raw) == [
        "Saltmere ferry fares rise \u2014 again",
        "Biden\u2019s plan & AT&T &foo; &#10; &#7;",
    ]
    story = (
        "The Saltmere ferry company will raise its fares by a tenth from March, the third "
        "rise in two years, its board said on Monday."
    )
    twice = "Ferry fares rise &mdash; again\n\nFerry fares rise \u2014 again\n\n" + story
    result = clean(twice, format="text")
    assert result.headline == "Ferry fares rise \u2014 again"
    assert [p.action for p in result.paragraphs] == ["remove", "remove", "keep"]


def test_single_newlines_make_paragraphs():
    """Copy with only single newlines has one paragraph per line."""
    assert split_paragraphs("One.\nTwo.\nThree.") == ["One.", "Two.", "Three."]


def test_hard_wrapped_prose_is_joined():
    """Lines wrapped mid-sentence inside a blank-line block are one paragraph."""
    text = "The council approved the harbour wall repair on\nTuesday night after a long debate about the cost.\n\nNext."
    assert split_paragraphs(text) == [
        "The council approved the harbour wall repair on Tuesday night after a long debate about the cost.",
        "Next.",
    ]


def test_as_json_shape():
    """The JSON has exactly the keys DESIGN.md promises."""
    data = clean(
        "Harbour wall repair approved\n\nBy Maren Quayle\n\n" + BODY, format="text"
    ).as_json()
    assert list(data) == ["headline", "byline", "paragraphs", "sources", "related_links", "body"]
    assert data["byline"] == ["Maren Quayle"]
    assert set(data["paragraphs"][0]) == {"text", "action", "findings"}
    assert set(data["paragraphs"][0]["findings"][0]) == {"rule", "message"}


PAGE = """<!doctype html><html><head><title>Harbour wall repair approved | Saltmere Gazette</title>
<meta name="author" content="Maren Quayle"></head><body><nav><a href="/">Home</a></nav><article>
<h1>Harbour wall repair approved</h1>
<p>Saltmere council voted on Tuesday night to spend four million pounds rebuilding the eastern harbour
wall, which has lost part of its parapet in each of the last three winters.</p>
<p>The work will start in March and last about eighteen months, the council's engineer told the
meeting. Boats will be moved to the western basin while the wall is rebuilt.</p>
<p>I hope this helps! Let me know if you need any changes.</p>
<p>Councillor Ros Penhallow, who voted against, said the harbour trust should pay a share of the cost
because the wall protects its moorings.</p>
<p>Read more: <a href="https://gazette.example/harbour">Harbour trust accounts</a></p>
</article><footer>&copy; 2025 Saltmere Gazette</footer></body></html>"""


def test_an_html_page_goes_through_the_same_rules():
    """A page gives headline, author and link from its markup; its paragraphs meet the same rules."""
    result = clean(PAGE)
    assert result.format == "html"
    assert result.headline and result.headline.startswith("Harbour wall repair approved")
    assert [(b.name, b.kind) for b in result.byline] == [("Maren Quayle", "person")]
    assert ("Harbour trust accounts", "https://gazette.example/harbour") in [
        (link.title, link.url) for link in result.related_links
    ]
    assert "I hope this helps" not in result.body
    assert "Councillor Ros Penhallow" in result.body
    assert [p.action for p in result.paragraphs if p.text.startswith(("Saltmere", "The work"))] == [
        "keep",
        "keep",
    ]


@pytest.mark.parametrize(
    ("field", "names", "wires"),
    [
        ("Tom Krisher; Ap Auto Writer", [("Tom Krisher", "person")], ["The Associated Press"]),
        ("Tom Krisher, AP Auto Writer", [("Tom Krisher", "person")], ["The Associated Press"]),
        ("Maren Quayle, Staff Writer", [("Maren Quayle", "person")], []),
        ("Jane Hale and Tom Reed", [("Jane Hale", "person"), ("Tom Reed", "person")], []),
        ("Reuters", [("Reuters", "wire")], ["Reuters"]),
        ("MBS Staff", [("MBS Staff", "staff")], []),
    ],
)
def test_a_page_author_field_splits_into_people_and_wire(field, names, wires):
    """A page's author field is people on the byline; a wire named in it is a source."""
    people, sources = author_field(field, RuleSet.shipped().sources)
    assert [(b.name, b.kind) for b in people] == names
    assert [(s.name, s.kind) for s in sources] == [(w, "wire") for w in wires]


def test_a_line_opening_with_a_dash_is_a_credit_not_a_headline():
    """'— Maren Quayle on Sunday in the Gazette' credits a quotation; it is no headline."""
    assert not headline_like("\u2014 Maren Quayle on Sunday, March 2nd, in the Saltmere Gazette")
    assert headline_like("Maren Quayle on the harbour wall")


@pytest.mark.parametrize("label", ["Supported by", "Presented by", "A production of the"])
def test_a_label_before_a_name_is_no_headline(label):
    """A line that ends on 'by', 'of' or 'the' leads to a sponsor's name or logo."""
    assert not headline_like(label)


def test_a_caption_with_its_credit_run_on_is_no_headline():
    """Two text nodes of a page run together: the caption's full stop, then the credit."""
    assert not headline_like("The lifeboat crew at Pellan quay last winter.Tam Orrey/Getty")
    assert headline_like("Pellan lifeboat crew honoured for winter rescue")
    assert headline_like("U.S. Coast Guard joins the Pellan search")


@pytest.mark.parametrize(
    "line",
    [
        "Storm. Pellan ferries cancelled for a third day",
        "The SX ID. Harbour launch is a quiet electric boat",
        "\u2018Hold fast.\u2019 The Pellan crew who rowed out in the gale",
    ],
)
def test_a_headline_after_a_short_label_or_abbreviation_is_still_a_headline(line):
    """A label, a quoted cry or a model's abbreviation ending in a full stop starts many
    headlines; the rest is still one sentence."""
    assert headline_like(line)


@pytest.mark.parametrize(
    "line",
    [
        "3. Check the tide tables before you sail",
        "PLN PELLAN SHIPPING INC. 22.86 -1.29 -5.44%",
        "The crew came home. The town met them on the quay",
        "Gales again. Ferries cancelled. Schools shut",
    ],
)
def test_a_list_item_a_price_or_two_sentences_are_no_headline(line):
    """A numbered list's item, a name before its figures, and two sentences (or three)."""
    assert not headline_like(line)


def test_a_sponsor_label_over_the_story_is_not_taken_for_its_headline():
    """Copy that starts at the sponsor label and has no headline: none is guessed."""
    result = clean(
        "Supported by\n\n"
        "The Pellan lifeboat crew was honoured on Friday for the winter rescue of four "
        "fishermen off the quay.\n\nThe crew launched in a gale and reached the trawler "
        "within twenty minutes, the station said.",
        format="text",
    )
    assert result.headline is None


@pytest.mark.parametrize(
    ("note", "outlet", "kind"),
    [
        (
            "This article was originally published by the Coastline Courier. "
            "Read the original article.",
            "Coastline Courier",
            "outlet",
        ),
        (
            "This story is republished from The Harbour Review under a Creative Commons "
            "licence. Read the original story.",
            "The Harbour Review",
            "outlet",
        ),
        ("Originally published on saltmere.news.", "saltmere.news", "outlet"),
        ("This story was first published by the Associated Press.", "The Associated Press", "wire"),
    ],
)
def test_a_republication_note_moves_to_the_sources(note, outlet, kind):
    """A note of where the story first ran is not the story's text: it leaves the body, with
    a finding that says so, and its outlet joins the story's sources."""
    result = clean(f"{BODY}\n\n{note}", format="text")
    last = result.paragraphs[-1]
    assert last.action == "remove"
    assert [f.rule for f in last.findings] == ["extract.republished"]
    assert outlet in last.findings[0].message
    assert (outlet, kind) in [(s.name, s.kind) for s in result.sources]
    assert note not in result.body


@pytest.mark.parametrize(
    "line",
    [
        "The report was originally published by the council in 2019 and later withdrawn.",
        "Originally published in 1851, the novel sold poorly in Saltmere.",
        "This story first appeared in the Gazette last week, when the council met.",
        "This article was reprinted on saltmere.news.",  # where it went next, not its source
    ],
)
def test_a_sentence_about_first_publication_is_copy(line):
    result = clean(f"{BODY}\n\n{line}", format="text")
    assert "extract.republished" not in [f.rule for f in result.paragraphs[-1].findings]
