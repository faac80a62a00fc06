"""The real sample from a content farm (``shared/samples/ukraine-strikes-raw.txt``).

CI clones the project with ``shared/`` beside it; there a missing sample is a failure,
elsewhere the test is skipped.
"""

import os
from pathlib import Path

import pytest

from articles.cleaning import clean

SAMPLE = Path(__file__).resolve().parents[2] / "shared/samples/ukraine-strikes-raw.txt"


@pytest.fixture(scope="module")
def result():
    if not SAMPLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the sample is missing: {SAMPLE}")
        pytest.skip("shared/samples is not beside the project")
    return clean(SAMPLE.read_bytes())


def _paragraph(result, start):
    [paragraph] = [p for p in result.paragraphs if p.text.startswith(start)]
    return paragraph


def test_headline_is_the_first_line(result):
    """The headline is the sample's first line, and it leaves the body."""
    first_line = SAMPLE.read_text(encoding="utf-8").splitlines()[0].strip()
    assert result.headline == first_line
    assert first_line not in result.body


@pytest.mark.parametrize(
    "junk",
    [
        "I\u2019m sorry, but I\u2019m unable to re-write the given text",
        "Reference Article",
        "Avatar photo",
        "MBS Staff",
        "Articles:",
        "Leave a Reply",
        "Your email address will not be published",
    ],
)
def test_junk_is_not_in_the_body(result, junk):
    """The chatbot refusal, the reference link, the author box and the comment form are removed."""
    assert junk not in result.body


def test_byline_is_mbs_staff(result):
    """The author box's name becomes the byline, marked as staff."""
    assert [(b.name, b.kind) for b in result.byline] == [("MBS Staff", "staff")]


def test_related_links_include_the_reference_article(result):
    """'Reference Article' moves from the body to the related links."""
    assert "Reference Article" in [link.title for link in result.related_links]


@pytest.mark.parametrize(
    ("name", "kind", "evidence"),
    [
        ("Politico", "outlet", "Politico was the first to report"),
        (
            "The Associated Press",
            "wire",
            "as reported by AP Washington correspondent Sagar Meghani",
        ),
        ("NRK", "broadcaster", "According to Norwegian broadcaster NRK"),
    ],
)
def test_sources_with_evidence(result, name, kind, evidence):
    """Politico, AP (as The Associated Press) and NRK are sources, each with its sentence."""
    [source] = [s for s in result.sources if s.name == name]
    assert source.kind == kind
    assert evidence in source.evidence


@pytest.mark.parametrize(
    "start",
    [
        "The Biden administration has partially lifted the ban",
        "President Biden has partially lifted the ban",
    ],
)
def test_reworded_repeats_of_the_lede_are_flagged(result, start):
    """The two rewordings of the lede are flagged by a dup rule."""
    paragraph = _paragraph(result, start)
    assert paragraph.action != "keep"
    assert any(f.rule.startswith("dup.") for f in paragraph.findings)


@pytest.mark.parametrize("phrase", ["It is worth noting", "it is important to note"])
def test_stock_phrases_go_to_review(result, phrase):
    """The spinner's stock phrases send their paragraphs to review."""
    [paragraph] = [p for p in result.paragraphs if phrase in p.text]
    assert paragraph.action == "review"
    assert any(f.rule == "style.stock_phrase" for f in paragraph.findings)


def test_every_other_paragraph_is_kept(result):
    """Everything not named above is real copy and is kept."""
    flagged = (
        "US officials say Biden lifts",
        "I\u2019m sorry",
        "The Biden administration has partially",
        "President Biden has partially",
        "Reference Article",
        "Avatar photo",
        "MBS Staff",
        "Articles:",
        "Leave a Reply",
        "Your email address",
    )
    others = [
        p
        for p in result.paragraphs
        if not p.text.startswith(flagged)
        and "It is worth noting" not in p.text
        and "it is important to note" not in p.text
    ]
    assert len(others) == 29
    assert [p.text[:40] for p in others if p.action != "keep"] == []
