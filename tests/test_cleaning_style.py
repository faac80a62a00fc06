"""style.*: stock phrases, two spellings of one name, ordinal dates. Fixed or reviewed, never removed."""

import pytest

from articles.cleaning import clean


def _clean(*paragraphs):
    return clean("Ferry fares to rise\n\n" + "\n\n".join(paragraphs), format="text")


def _findings(paragraph, rule):
    return [f for f in paragraph.findings if f.rule == rule]


@pytest.mark.parametrize(
    "text",
    [
        "It is worth noting that fares rose by 5 per cent last year too.",
        "The operator, it is important to note that, has not raised fares since 2019.",
        "It should be noted that islanders pay half fare.",
        "Needless to say, islanders are unhappy.",
        "In today's fast-paced world, the ferry is a lifeline.",
        "It goes without saying that the ferry is a lifeline.",
    ],
)
def test_stock_phrases_go_to_review(text):
    """The stock phrases of spun copy send the paragraph to review, with the phrase as evidence."""
    paragraph = _clean("Fares will rise in April.", text).paragraphs[-1]
    assert paragraph.action == "review"
    [finding] = _findings(paragraph, "style.stock_phrase")
    assert finding.evidence.lower() in text.lower()


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("The new fares start on May 15th.", "The new fares start on May 15."),
        ("The consultation closes on the 3rd of June.", "The consultation closes on June 3."),
        ("Sailings resume on 21st March.", "Sailings resume on March 21."),
        ("Timetables change on Sept. 1st and Oct 2nd.", "Timetables change on Sept. 1 and Oct 2."),
    ],
)
def test_ordinal_dates_get_a_fix(text, fixed):
    """Dates with ordinals get a fix with the whole corrected paragraph; the paragraph stays."""
    paragraph = _clean("Fares will rise in April.", text).paragraphs[-1]
    [finding] = _findings(paragraph, "style.date_form")
    assert finding.action == "fix"
    assert finding.replacement == fixed
    assert paragraph.action == "keep"


def test_two_spellings_are_made_one_by_majority():
    """'US' in a story that mostly writes 'U.S.' gets a fix to 'U.S.'; the majority is left alone."""
    result = _clean(
        "The U.S. operator bought the ferry in 2019.",
        "It was built in the U.S. and shipped over.",
        "The US firm says fares must rise.",
    )
    assert _findings(result.paragraphs[1], "style.inconsistent_spelling") == []
    [finding] = _findings(result.paragraphs[-1], "style.inconsistent_spelling")
    assert finding.action == "fix"
    assert finding.replacement == "The U.S. firm says fares must rise."
    assert result.paragraphs[-1].action == "keep"


def test_hyphenated_and_solid_spellings():
    """'e-mail' and 'email' in one story: the rarer form gets a fix."""
    result = _clean(
        "Send an email to the harbour office.",
        "Emails are answered daily; each email gets a reply.",
        "Or send an e-mail.",
    )
    [finding] = _findings(result.paragraphs[-1], "style.inconsistent_spelling")
    assert finding.replacement == "Or send an email."


def test_one_spelling_throughout_is_fine():
    """A story that writes 'U.S.' every time has nothing to fix; lower-case 'us' is a word."""
    result = _clean("The U.S. firm bought it.", "It told us fares would rise in the U.S. too.")
    assert all(not p.findings for p in result.paragraphs[1:])


def test_style_never_removes():
    """A paragraph with every style problem at once is still kept or reviewed."""
    result = _clean(
        "The U.S. firm bought it.", "It is worth noting that the US firm raised fares on May 15th."
    )
    paragraph = result.paragraphs[-1]
    assert paragraph.action == "review"
    assert {f.action for f in paragraph.findings} <= {"fix", "review"}
    assert {f.rule for f in paragraph.findings} == {
        "style.stock_phrase",
        "style.date_form",
        "style.inconsistent_spelling",
    }
