"""The labelled corpus (``tests/corpus/``): no real paragraph lost, nearly all junk caught."""

import pytest

from tests.cleaning_corpus import JUNK, load, score, table


@pytest.fixture(scope="module")
def stories():
    return load()


@pytest.fixture(scope="module")
def scored(stories):
    result = score(stories)
    print("\n" + table(result))
    return result


def test_corpus_is_large_and_covers_every_family(stories):
    """At least 40 stories, with every junk family and real look-alikes in them."""
    assert len(stories) >= 40
    labels = [label for story in stories for label in story.labels]
    for family in (*JUNK, "style", "head", "byline", "link"):
        assert labels.count(family) >= 2, family
    assert labels.count(None) >= 150


def test_no_real_paragraph_is_removed(scored):
    """Real copy (look-alikes included: apologising quotes, stories about chatbots) is never removed."""
    assert scored.real_removed == []


def test_nearly_all_junk_is_flagged(scored):
    """At least 95% of junk paragraphs go to remove or review."""
    assert scored.junk_recall >= 0.95, scored.missed


def test_style_problems_are_flagged_never_removed(stories):
    """Paragraphs labelled with a style problem get a style finding and stay in the body."""
    from articles.cleaning import clean

    for story in stories:
        result = clean(story.text)
        for paragraph, label in zip(result.paragraphs, story.labels, strict=True):
            if label == "style":
                assert paragraph.action != "remove", paragraph.text
                assert any(f.rule.startswith("style.") for f in paragraph.findings), paragraph.text
