"""dup.*: repeats are flagged after their first occurrence; different paragraphs are not."""

import pytest

from articles.cleaning import clean

LEDE = "Saltmere council voted on Tuesday to spend four million pounds rebuilding the eastern harbour wall, which has lost part of its parapet in each of the last three winters."
FILLER = [
    "Work will start in March and last about eighteen months, the council's engineer said.",
    "Boats will move to the western basin while the wall is rebuilt.",
    "Councillor Ros Penhallow, who voted against, said the harbour trust should pay a share.",
]


def _clean(*paragraphs):
    return clean("Harbour wall to be rebuilt\n\n" + "\n\n".join(paragraphs), format="text")


def _last(*paragraphs):
    return _clean(*paragraphs).paragraphs[-1]


def test_verbatim_repeat_is_removed_and_the_first_stays():
    """A paragraph repeated word for word is removed; its first occurrence is kept."""
    result = _clean(LEDE, *FILLER, LEDE)
    assert result.paragraphs[1].action == "keep"
    assert result.paragraphs[-1].action == "remove"
    assert [f.rule for f in result.paragraphs[-1].findings] == ["dup.exact"]


def test_repeat_with_other_quotes_and_spacing_is_exact():
    """Curly quotes, case and spacing do not hide a verbatim repeat."""
    first = (
        "The harbour master said: \u201cThe wall will not last another winter without work.\u201d"
    )
    second = 'the harbour master said:  "The wall will not last another winter without work."'
    assert "dup.exact" in {f.rule for f in _last(first, *FILLER, second).findings}


def test_near_repeat_that_adds_nothing_is_removed():
    """A near-verbatim repeat whose words all appeared before is removed as dup.near."""
    near = LEDE.replace("four million pounds", "four million pounds ").replace(
        "Tuesday", "Tuesday,"
    )
    near = near.replace("eastern harbour wall", "harbour wall")
    paragraph = _last(LEDE, *FILLER, near)
    assert paragraph.action == "remove"
    assert [f.rule for f in paragraph.findings] == ["dup.near"]


def test_near_repeat_with_new_words_goes_to_review():
    """A near repeat that adds a word or two is for an editor to check."""
    near = LEDE.replace("three winters", "three stormy winters")
    paragraph = _last(LEDE, *FILLER, near)
    assert paragraph.action == "review"
    assert "dup.near" in {f.rule for f in paragraph.findings}


@pytest.mark.parametrize(
    "reworded",
    [
        "On Tuesday, Saltmere council voted to spend four million pounds on rebuilding the harbour's eastern wall, which has lost part of its parapet in each of the past three winters.",
        "The eastern harbour wall, which has lost part of its parapet in each of the last three winters, will be rebuilt for four million pounds after a vote by Saltmere council on Tuesday.",
    ],
)
def test_spun_rewording_goes_to_review(reworded):
    """A spinner's rewording (clauses moved, words swapped) is flagged for review, not removed."""
    paragraph = _last(LEDE, *FILLER, reworded)
    assert paragraph.action == "review"
    assert "dup.reworded" in {f.rule for f in paragraph.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Saltmere council voted on Wednesday to close the public toilets on the quay, which have been vandalised three times this winter.",
        "The harbour trust said it would consider paying a share of the cost at its next meeting in April.",
        "Penlow council voted last year to spend two million pounds on its own sea wall.",
    ],
)
def test_related_but_different_paragraphs_are_kept(text):
    """Paragraphs on the same subject that say something new are not duplicates."""
    assert _last(LEDE, *FILLER, text).action == "keep"


def test_short_repeats_are_only_reviewed():
    """A repeated short line ('He declined to comment.') is reviewed, never removed."""
    paragraph = _last("He declined to comment.", LEDE, "He declined to comment.")
    assert paragraph.action == "review"
    assert [f.rule for f in paragraph.findings] == ["dup.exact"]


def test_repeated_subheads_and_list_lines_are_structure():
    """A repeated one-word subhead is not a repeat; a repeated list line is only reviewed.
    (Whether the model sends a lone one-word line to review is the model's to say.)"""
    result = _clean(
        "Background",
        LEDE,
        "Background",
        "Portion: 1 cup rice, 2 eggs, 1 Green, 1 Red, 1 tsp oil.",
        LEDE[:30] + " and more.",
        "Portion: 1 cup rice, 2 eggs, 1 Green, 1 Red, 1 tsp oil.",
    )
    subhead = result.paragraphs[3]
    assert subhead.text == "Background"
    assert subhead.action != "remove"
    assert not any(f.rule.startswith("dup.") for f in subhead.findings)
    assert result.paragraphs[-1].action == "review"


def test_near_repeat_with_other_numbers_is_not_a_repeat():
    """Numbers are facts: a paragraph alike but for its figures is another fact, kept."""
    changed = LEDE.replace("four million pounds", "4 million pounds").replace(
        "three winters", "3 winters"
    )
    first = LEDE.replace("four million pounds", "5 million pounds").replace(
        "three winters", "3 winters"
    )
    paragraph = _last(first, *FILLER, changed)
    assert paragraph.action == "keep"


def test_a_lede_that_restates_the_headline_is_kept():
    """A lede restating its headline is how news is written, not a duplicate."""
    result = clean(
        "Saltmere council votes to rebuild eastern harbour wall for four million pounds\n\n"
        "Saltmere council voted on Tuesday to rebuild the eastern harbour wall for four million pounds.\n\n"
        + FILLER[0],
        format="text",
    )
    assert result.paragraphs[1].action == "keep"


def test_repeat_of_a_removed_paragraph_is_judged_on_its_own():
    """Dup rules compare only with paragraphs that stay, so a second pass agrees with the first."""
    result = _clean("Leave a Reply", *FILLER, "Leave a Reply")
    assert [f.rule for f in result.paragraphs[-1].findings] == ["chrome.comment_form"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The Halvard GT goes from 0 to 60 mph in 3.1 seconds and tops out at 190 mph, "
            "its maker said at the Saltmere motor show.",
            "The Halvard GT goes from 0 to 60 mph in 4.4 seconds and tops out at 165 mph, "
            "its maker said at the Saltmere motor show.",
        ),
        (
            "The Halvard GT goes from 0 to 60 mph in 3.1 seconds and tops out at 190 mph, "
            "its maker said at the Saltmere motor show.",
            "The Brisa Coupe goes from 0 to 60 mph in 3.1 seconds and tops out at 190 mph, "
            "its maker said at the Saltmere motor show.",
        ),
        (
            "Ferries to Pellan will run every hour from Monday, Saltmere Ferries said.",
            "Ferries to Brannock will run every hour from Monday, Saltmere Ferries said.",
        ),
    ],
)
def test_other_numbers_names_or_places_are_not_repeats(first, second):
    """Alike but for a figure, a name or a place: two facts, both kept, no dup finding."""
    result = _clean(first, second)
    assert [f.rule for f in result.paragraphs[-1].findings if f.rule.startswith("dup.")] == []


def test_the_next_paragraph_saying_the_same_in_other_words_is_a_repeat():
    """Right after a paragraph, its restatement in other words goes to review as a repeat."""
    result = _clean(
        "Saltmere council has approved a plan to rebuild the harbour wall after three winters "
        "of storm damage to its parapet.",
        "The plan to rebuild the harbour wall, damaged by storms over three winters, has now "
        "been approved by Saltmere council.",
    )
    paragraph = result.paragraphs[-1]
    assert paragraph.action == "review"
    assert "dup.reworded" in {f.rule for f in paragraph.findings}
