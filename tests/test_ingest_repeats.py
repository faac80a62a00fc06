"""Reworded repeats, found without a database: fact keys, then the cleaner's dup rules."""

from articles.ingest.repeats import facts, is_repeat, repeat_keys, repeat_share

FIRST = [
    "Saltmere council voted on Tuesday to spend £4.2m repairing the harbour wall after "
    "storm Brannock damaged 120 metres of it.",
    "Councillor Maggie Thorne said the work would start in March and take 18 weeks.",
    "Fishermen have been unable to use the eastern berths since the storm, the Harbour Board said.",
]
REWORDED = [
    "On Tuesday Saltmere council agreed to spend £4.2m mending the harbour wall after "
    "storm Brannock wrecked 120 metres of it.",
    "The work will begin in March and last 18 weeks, Councillor Maggie Thorne said.",
    "Since the storm fishermen have not been able to use the eastern berths, according "
    "to the Harbour Board.",
]
OTHER = [
    "Brannock rugby club won the county final on Saturday by 24 points to 10 at Saltmere park.",
    "Captain Tom Ellis scored two tries in the first half.",
    "The club will play in the national cup in May.",
]


def test_the_facts_are_the_numbers_and_names():
    assert {"120", "18", "maggie", "thorne", "march", "brannock"} <= facts(FIRST)
    assert "council" not in facts(FIRST)


def test_a_reworded_story_shares_its_keys_and_another_story_does_not():
    assert set(repeat_keys(FIRST)) & set(repeat_keys(REWORDED))
    assert not set(repeat_keys(FIRST)) & set(repeat_keys(OTHER))


def test_the_keys_do_not_depend_on_the_order_the_facts_come_in():
    assert repeat_keys(FIRST) == repeat_keys(list(reversed(FIRST)))


def test_a_story_with_too_few_facts_has_no_keys():
    assert repeat_keys(["It rained again today and nobody minded much."]) == []


def test_the_cleaner_confirms_a_reworded_story_and_not_another():
    assert repeat_share(FIRST, REWORDED) == 1.0
    assert is_repeat(FIRST, REWORDED)
    assert repeat_share(FIRST, OTHER) == 0.0
    assert not is_repeat(FIRST, OTHER)


def test_the_same_story_with_a_different_figure_is_not_a_repeat():
    """Facts decide: a new figure is news, not a repeat."""
    changed = [p.replace("£4.2m", "£6.8m").replace("18 weeks", "30 weeks") for p in REWORDED]
    assert not is_repeat(FIRST, changed[:2])


def test_a_story_repeating_itself_is_not_a_repeat_of_another():
    """Only paragraphs that say again what the earlier story said count."""
    assert not is_repeat(OTHER, FIRST + FIRST)
