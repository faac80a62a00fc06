"""Rules as data: the shipped files, editors' phrases and aliases, a site's known chrome."""

import time

import pytest

from articles.cleaning import (
    PhraseRule,
    RuleSet,
    SourceAlias,
    alias_preview,
    clean,
    phrase_preview,
)
from articles.cleaning.rules import RuleError, alias_problem, phrase_problem
from articles.cleaning.text import fold
from tests.cleaning_models import chrome_everywhere

STORY = """Harbour wall vote passes after a long night

Saltmere's council voted 5-2 on Tuesday night to rebuild the harbour wall, the Courier reported.

Get the Harbourside app for breaking news

Morwenna Tregear, the harbour master, said the work would start in spring.

Our robot friend has tidied this copy up for you.
"""


def _rules(*phrases, aliases=()):
    return RuleSet.shipped().with_extra(phrases=phrases, aliases=aliases)


def _paragraph(result, start):
    return next(p for p in result.paragraphs if p.text.startswith(start))


def test_shipped_rules_are_the_default():
    """clean() with RuleSet.shipped() gives exactly what clean() gives without rules."""
    assert clean(STORY, rules=RuleSet.shipped()) == clean(STORY)


def test_shipped_rules_are_read_once_per_process():
    """The data files are parsed once: the same RuleSet comes back every time."""
    assert RuleSet.shipped() is RuleSet.shipped()


def test_with_extra_leaves_the_shipped_set_alone():
    """Adding an editor's rule makes a new set; the shipped one still has none."""
    extended = _rules(PhraseRule("chrome", "Get the Harbourside app for breaking news"))
    assert extended.phrases and not RuleSet.shipped().phrases


def test_an_editors_chrome_phrase_removes_the_whole_line():
    """A chrome phrase matches the whole paragraph, whatever its case and punctuation."""
    rule = PhraseRule(
        "chrome", "get the Harbourside app, for breaking news!", message="The Courier's app promo"
    )
    result = clean(STORY, rules=_rules(rule))
    paragraph = _paragraph(result, "Get the Harbourside app")
    assert paragraph.action == "remove"
    assert [(f.rule, f.message) for f in paragraph.findings] == [
        ("chrome.editor", "The Courier's app promo")
    ]
    assert "Harbourside app" not in result.body


def test_a_chrome_phrase_inside_a_sentence_is_copy():
    """Chrome rules, shipped or editors', never match part of a paragraph."""
    rule = PhraseRule("chrome", "harbour master")
    result = clean(STORY, rules=_rules(rule))
    assert _paragraph(result, "Morwenna").action == "keep"


def test_an_editors_chatbot_phrase_is_found_anywhere_in_the_paragraph():
    """A chatbot phrase flags a short paragraph that contains it, under the editor's code."""
    rule = PhraseRule("chatbot", "robot friend", rule="chatbot.robot_friend")
    paragraph = _paragraph(clean(STORY, rules=_rules(rule)), "Our robot friend")
    assert paragraph.action == "remove"
    assert paragraph.findings[0].rule == "chatbot.robot_friend"
    assert paragraph.findings[0].evidence == "robot friend"


def test_an_editors_phrase_in_long_copy_goes_to_review():
    """Inside a long paragraph a leftover is mixed with story: an editor decides."""
    long = "Our robot friend has tidied this copy up. " + "The wall is old and tired. " * 20
    result = clean(long, rules=_rules(PhraseRule("chatbot", "robot friend")))
    assert result.paragraphs[0].action == "review"


def test_an_editors_rule_never_removes_a_quotation():
    """The guards apply to editors' rules too: a quoted paragraph is only reviewed."""
    text = 'The mayor said: "Our robot friend wrote this speech for me."'
    result = clean(text, rules=_rules(PhraseRule("chatbot", "robot friend")))
    assert result.paragraphs[0].action == "review"
    assert "an editor decides" in result.paragraphs[0].findings[0].message


def test_an_editors_regex_rule():
    """A pattern is a regular expression, matched without regard to case."""
    rule = PhraseRule("chatbot", r"\brobot (?:friend|helper)\b", is_regex=True, action="review")
    paragraph = _paragraph(clean(STORY, rules=_rules(rule)), "Our robot friend")
    assert paragraph.action == "review"
    assert paragraph.findings[0].evidence == "robot friend"


def test_a_style_rule_only_asks_for_review():
    """Style rules look at kept paragraphs and never remove."""
    rule = PhraseRule("style", "long night", action="review")
    result = clean("The vote came after a long night of argument in the hall.", rules=_rules(rule))
    assert result.paragraphs[0].action == "review"
    assert result.paragraphs[0].findings[0].rule == "style.editor"
    assert phrase_problem(PhraseRule("style", "long night", action="remove")) == (
        "A style rule may only suggest review."
    )


def test_a_pattern_that_backtracks_is_refused():
    """Nested repeats are refused with a message that says why and what to do."""
    for pattern in [r"(a+)+$", r"(\w+\s?)+$", r"(x+x+)+y"]:
        problem = phrase_problem(PhraseRule("chatbot", pattern, is_regex=True))
        assert problem and problem.startswith("The pattern is too slow"), pattern


def test_probing_a_pattern_takes_bounded_time():
    """Vetting even a slow pattern stops within its budget."""
    started = time.monotonic()
    phrase_problem(PhraseRule("chrome", r"(.*a){20}(b|.)*+(\w+\s?)+$", is_regex=True))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        (PhraseRule("chatbot", "(unclosed", is_regex=True), "This is not a valid regular"),
        (PhraseRule("chatbot", "x*", is_regex=True), "The pattern matches an empty paragraph"),
        (PhraseRule("chatbot", "a{10000}", is_regex=True), "Repeat counts above 999"),
        (PhraseRule("chatbot", "..."), "The phrase has no letters or digits"),
        (PhraseRule("chatbot", "  "), "Give one line"),
        (PhraseRule("chatbot", "x" * 301), "Give one line"),
        (PhraseRule("weather", "rain"), "The family must be one of"),
        (PhraseRule("chrome", "promo", rule="chatbot.promo"), "The rule code must read"),
        (PhraseRule("chrome", "promo", rule="chrome.share"), "The rule code 'chrome.share'"),
        (PhraseRule("chrome", "promo", rule="chrome.site_profile"), "The rule code"),
        (PhraseRule("chrome", "promo", action="fix"), "A chrome rule may only suggest"),
    ],
)
def test_an_unusable_rule_is_refused_with_a_reason(rule, problem):
    """Every refusal is one sentence the editor can act on."""
    assert phrase_problem(rule).startswith(problem)
    with pytest.raises(RuleError):
        RuleSet.shipped().with_extra(phrases=[rule])


def test_a_slow_pattern_that_slipped_through_costs_a_paragraph_not_the_import():
    """Matching has a time limit: the import finishes and the paragraph simply has no finding."""
    rule = PhraseRule("chatbot", r"(a+)+$", is_regex=True)
    rules = RuleSet.shipped().with_extra(phrases=[rule])
    started = time.monotonic()
    result = clean("a" * 5000 + "!", rules=rules)
    assert time.monotonic() - started < 5
    assert result.paragraphs[0].action == "keep"


def test_an_editors_alias_names_a_source():
    """An alias maps a spelling to a source's one name and kind."""
    alias = SourceAlias("Courier", "The Harbourside Courier", "outlet")
    result = clean(STORY, rules=_rules(aliases=[alias]))
    assert ("The Harbourside Courier", "outlet") in [(s.name, s.kind) for s in result.sources]
    assert "The Harbourside Courier" not in [s.name for s in clean(STORY).sources]


def test_an_alias_in_capitals_counts_only_in_capitals():
    """'HC' is the Courier; 'hc' in running text is not."""
    alias = SourceAlias("HC", "The Harbourside Courier", "outlet")
    rules = _rules(aliases=[alias])
    named = clean("The vote was close, HC reported on Tuesday night.", rules=rules)
    unnamed = clean("The vote was close, hc reported on Tuesday night.", rules=rules)
    assert [s.name for s in named.sources] == ["The Harbourside Courier"]
    assert unnamed.sources == []


def test_a_wire_alias_makes_a_wire_byline():
    """An editor's wire alias is a wire in a byline too."""
    alias = SourceAlias("Saltmere Press Agency", "Saltmere Press Agency", "wire")
    result = clean(
        "By Saltmere Press Agency\n\nThe ferry ran late again on Monday, the operator said.",
        rules=_rules(aliases=[alias]),
    )
    assert [(b.name, b.kind) for b in result.byline] == [("Saltmere Press Agency", "wire")]


@pytest.mark.parametrize(
    ("alias", "problem"),
    [
        (SourceAlias("", "Courier"), "Give the alias"),
        (SourceAlias("!!", "Courier"), "The alias has no letters"),
        (SourceAlias("HC", ""), "Give the source's name"),
        (SourceAlias("HC", "Courier", "planet"), "The kind must be one of"),
    ],
)
def test_an_unusable_alias_is_refused_with_a_reason(alias, problem):
    assert alias_problem(alias).startswith(problem)


def test_a_sites_known_chrome_line_is_flagged():
    """A paragraph whose fold is in site_chrome gets chrome.site_profile, and goes, where
    nothing else would flag it (a model that reads every line as story)."""
    line = "Harbourside Courier: proudly local since 1887"
    text = f"The ferry ran late again on Monday, the operator said.\n\n{line}"
    silent = chrome_everywhere(0.01)
    result = clean(text, site_chrome=frozenset({fold(line)}), model=silent)
    assert result.paragraphs[1].action == "remove"
    assert [f.rule for f in result.paragraphs[1].findings] == ["chrome.site_profile"]
    assert clean(text, model=silent).paragraphs[1].action == "keep"


def test_a_sites_chrome_line_that_quotes_is_only_reviewed():
    """The guards stay: a recurring line that quotes someone goes to review."""
    line = '"Local news matters," says our editor'
    result = clean("The ferry ran late.\n\n" + line, site_chrome={fold(line)})
    assert result.paragraphs[1].action == "review"


def test_a_line_another_rule_removes_gets_no_second_finding():
    """A share line already caught by chrome.share is not flagged twice."""
    result = clean("The ferry ran late.\n\nShare this", site_chrome={fold("Share this")})
    assert [f.rule for f in result.paragraphs[1].findings] == ["chrome.share"]


def test_a_preview_lists_what_a_rule_would_flag():
    """phrase_preview: the paragraphs a rule would flag, with the guards applied."""
    texts = [
        "Our robot friend has tidied this copy up for you.",
        "The ferry ran late again.",
        'She said: "Our robot friend helped."',
    ]
    found = phrase_preview(PhraseRule("chatbot", "robot friend"), texts)
    assert sorted(found) == [0, 2]
    assert found[0].action == "remove"
    assert found[2].action == "review"


def test_a_preview_lists_where_an_alias_would_name_a_source():
    """alias_preview: only paragraphs where the alias names a source the shipped rules miss."""
    texts = [
        "The vote was close, the Courier reported.",
        "The Courier's office is on the quay.",
        "The vote was close, Reuters reported.",
    ]
    found = alias_preview(SourceAlias("Courier", "The Harbourside Courier"), texts)
    assert list(found) == [0]
    assert found[0].name == "The Harbourside Courier"
