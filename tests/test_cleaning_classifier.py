"""chatbot.learned / chrome.learned: the shipped paragraph classifier and its model file."""

import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.cleaning import classifier, clean, features, learned, story
from articles.cleaning.classifier import Classifier, ClassifierModelError, check_shipped_model
from tests.cleaning_models import chrome_everywhere, chrome_words, deaf

STORY = [
    "Saltmere council voted on Tuesday to spend four million pounds rebuilding the eastern "
    "harbour wall, which has lost part of its parapet in each of the last three winters.",
    "Work will start in March and last about eighteen months, the council's engineer said.",
    "Boats will move to the western basin while the wall is rebuilt.",
    "The harbour trust, which owns the western basin, has agreed to waive its mooring fees "
    "for the fishing fleet until the work is finished.",
]


@pytest.fixture(scope="module")
def model():
    return check_shipped_model()


def test_shipped_model_loads_and_matches_the_feature_version(model):
    """The model file in the package loads, for this code's feature version."""
    assert isinstance(model, Classifier)
    assert 0 < model.review_at <= model.remove_at <= 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400), position=st.integers(0, 50), extra=st.integers(0, 50))
def test_the_classifier_never_raises(model, text, position, extra):
    """Any text at any place gets probabilities that sum to one, and a finding or None."""
    count = position + extra + 1
    context = features.Context(position=position, count=count, before="prose", after="")
    verdict = model.verdict(text, context)
    assert abs(sum(verdict.probabilities) - 1) < 1e-9
    finding = model.judge(text, context)
    assert finding is None or finding.rule in ("chatbot.learned", "chrome.learned")


@settings(max_examples=50, deadline=None)
@given(texts=st.lists(st.text(max_size=120), max_size=8))
def test_clean_with_the_model_never_raises(texts):
    """Whole documents of arbitrary lines go through clean() with the model."""
    source = "\n\n".join(texts)
    if source.strip():
        result = clean(source, format="text")
        assert all(p.action in ("keep", "review", "remove") for p in result.paragraphs)


def test_the_same_input_gives_the_same_verdict(model):
    """Deterministic: the same paragraph twice, and through a model read back from its bytes."""
    text = "Let me know if you would like a shorter version for the website!"
    again = Classifier.from_bytes(model.to_bytes())
    assert model.judge(text) == model.judge(text) == again.judge(text)
    assert again.to_bytes() == model.to_bytes()


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    """A missing file names itself and says what to do."""
    path = tmp_path / "none.bin"
    with pytest.raises(ClassifierModelError, match=r"cannot be read: .*none\.bin.*train-cleaner"):
        Classifier.load(path)


def test_a_model_from_another_feature_version_is_refused(model, monkeypatch):
    """A file made for other features is refused on loading, never used."""
    data = model.to_bytes()
    monkeypatch.setattr(features, "VERSION", features.VERSION + 1)
    with pytest.raises(ClassifierModelError, match="features version"):
        Classifier.from_bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 a zip file", "not a Newsroom paragraph model"),
        (classifier.MAGIC + b"garbage", "damaged"),
        (classifier.MAGIC + zlib.compress(b"[1, 2]\n"), "damaged"),
    ],
)
def test_a_damaged_model_file_is_refused(data, message):
    """Bytes that are not a whole model are refused with a clear message."""
    with pytest.raises(ClassifierModelError, match=message):
        Classifier.from_bytes(data)


def test_a_truncated_model_is_refused(model):
    """Weights cut short do not load as a smaller model."""
    header, _, body = zlib.decompress(model.to_bytes()[len(classifier.MAGIC) :]).partition(b"\n")
    data = classifier.MAGIC + zlib.compress(header + b"\n" + body[:1000])
    with pytest.raises(ClassifierModelError, match="damaged"):
        Classifier.from_bytes(data)


def test_a_missing_shipped_model_fails_at_start_up(monkeypatch, tmp_path):
    """check_shipped_model() raises when the package's file is gone, before any cleaning."""
    monkeypatch.setattr(classifier, "SHIPPED", tmp_path / "gone.bin")
    classifier.shipped.cache_clear()
    try:
        with pytest.raises(ClassifierModelError, match=r"gone\.bin"):
            check_shipped_model()
    finally:
        monkeypatch.undo()
        classifier.shipped.cache_clear()


# The published leak asked for the text, listed what it would do and looked forward to
# helping; these are new wordings of each part, in no rule.
LEAK_VARIANTS = [
    (
        "Kindly send me the passage you'd like me to condense and recast as a news story. "
        "When I have it, I will: pull out the essentials, write it up in a neutral tone, and "
        "check it reads clearly."
    ),
    "Paste the copy here and I'll turn it into a tidy news report for you right away.",
    "Please provide me with the article you want me to shorten and turn into a news brief.",
    "Once you share it, I will: pull out the key facts, write a clear lede and keep the quotes.",
    "I look forward to working on it with you!",
]


@pytest.mark.parametrize("leak", LEAK_VARIANTS)
def test_new_phrasings_of_a_real_leak_are_caught(leak):
    """Wordings of the published leak that no rule names are flagged as chatbot leftovers."""
    result = clean("\n\n".join([leak, *STORY, leak]), format="text")
    for paragraph in (result.paragraphs[0], result.paragraphs[-1]):
        assert paragraph.action != "keep"
        assert any(f.rule.startswith("chatbot.") for f in paragraph.findings)
    assert [p.action for p in result.paragraphs[1:-1]] == ["keep"] * len(STORY)


def test_the_finding_says_why_with_the_words_that_weighed(model):
    """The message reads as an assistant talking to its user and names the weightiest cues."""
    finding = model.judge(
        "Would you like me to tighten the intro of your article further?",
        features.Context(position=4, count=5, before="prose", after=""),
    )
    assert finding is not None and finding.rule == "chatbot.learned"
    assert "reads as an assistant talking to its user" in finding.message
    assert "weighed most:" in finding.message


def test_a_quoted_leftover_is_never_removed_by_the_model():
    """A story quoting what a chatbot said keeps the quote: at most an editor reviews it."""
    quote = '"Would you like me to make it shorter?" the assistant asked the librarian.'
    result = clean("\n\n".join([*STORY, quote]), format="text")
    assert result.paragraphs[-1].action != "remove"


@pytest.mark.parametrize(
    "credit",
    [
        "\u2013 Ma** Qu****",  # a reader's review, the name masked
        "\u2014 Harbour Trust (@harbourtrust) May 2, 2027",  # an embedded post
        "\u2014 Mara Quell, harbour master",
    ],
)
def test_a_credit_under_a_quotation_is_never_removed_by_the_model(credit):
    """A line opening with a dash credits the quotation above it: even a model sure it is
    junk (a masked name reads like a placeholder) only asks an editor. A dash before a
    count ("— 800 words") credits nobody."""
    quote = "\u201cThe new wall looks strong enough for another hundred winters.\u201d"
    sure = deaf((0.0, 10.0, -30.0), words_at={"chatbot": -99.0, "chrome": -99.0})
    result = clean("\n\n".join([*STORY, quote, credit]), format="text", model=sure)
    last = result.paragraphs[-1]
    assert last.action == "review"
    assert "it quotes or attributes" in last.findings[0].message
    count = clean("\n\n".join([*STORY, "\u2014 800 words"]), format="text", model=sure)
    assert count.paragraphs[-1].action == "remove"


def test_story_paragraphs_are_kept(model):
    """Ordinary news paragraphs raise no learned finding."""
    result = clean("\n\n".join(STORY), format="text")
    assert [p.action for p in result.paragraphs] == ["keep"] * len(STORY)


BLOG = [
    "I walked down to the harbour on Tuesday to see the damage for myself, and my boots are "
    "still wet.",
    "My neighbour says the wall has been crumbling for years, and I think she is right.",
    "I will keep writing about the rebuild here as the work goes on, so check back in March.",
    "I have lived in Saltmere for twenty years and I have never seen the basin this empty.",
]
CANNOT_BROWSE = (
    "I don't have the ability to browse the internet, so I can't check the figures you gave me."
)


def test_a_leftover_within_a_story_that_never_speaks_as_i_is_removed():
    """Amid third-person news, a paragraph where an 'I' tells 'you' what it cannot do goes."""
    result = clean("\n\n".join([*STORY[:2], CANNOT_BROWSE, *STORY[2:]]), format="text")
    assert result.paragraphs[2].action == "remove"
    assert result.paragraphs[2].findings[0].rule == "chatbot.learned"
    assert [p.action for i, p in enumerate(result.paragraphs) if i != 2] == ["keep"] * 4


BLOGGERS_ASIDE = "I can't check every figure you send me, so do write in if something looks wrong."


def test_within_a_story_told_as_i_only_words_far_past_the_bar_remove_a_leftover():
    """In a blog written as 'I', an aside to the reader may be the writer's own: review only.
    A line whose words lean to the assistant twice as far as the model's usual bar
    (``TOLD_AS_I``) is the assistant's all the same."""
    model = check_shipped_model()
    bar = classifier.TOLD_AS_I * model.words_at["chatbot"]
    aside = clean("\n\n".join([*BLOG[:2], BLOGGERS_ASIDE, *BLOG[2:]]), format="text")
    assert model.text_scores(BLOGGERS_ASIDE).words_push("chatbot") < bar
    assert aside.paragraphs[2].action == "review"
    assert "within a story told as 'I'" in aside.paragraphs[2].findings[0].message
    leftover = clean("\n\n".join([*BLOG[:2], CANNOT_BROWSE, *BLOG[2:]]), format="text")
    assert model.text_scores(CANNOT_BROWSE).words_push("chatbot") >= bar
    assert leftover.paragraphs[2].action == "remove"
    assert leftover.paragraphs[2].findings[0].rule == "chatbot.learned"
    assert "remove" not in [p.action for i, p in enumerate(leftover.paragraphs) if i != 2]


OFFER = "Do you want a shorter version too?"


def test_a_line_apart_from_the_storys_voice_needs_less_word_evidence():
    """Where no other prose speaks as 'I', a line speaking to 'you' whose words lean to the
    assistant only ``VOICE_APART`` of the usual bar is removed; in a blog told as 'I' the
    same line may be the writer's, and waits for an editor."""
    model = check_shipped_model()
    bar = model.words_at["chatbot"]
    assert classifier.VOICE_APART * bar <= model.text_scores(OFFER).words_push("chatbot") < bar
    news = clean("\n\n".join([*STORY[:2], OFFER, *STORY[2:]]), format="text")
    assert news.paragraphs[2].action == "remove"
    assert news.paragraphs[2].findings[0].rule == "chatbot.learned"
    blog = clean("\n\n".join([*BLOG[:2], OFFER, *BLOG[2:]]), format="text")
    assert blog.paragraphs[2].action == "review"


def test_an_interview_question_is_never_removed_by_the_model():
    """A Q&A interview's question speaks to 'you' like an assistant's offer: it is speech,
    so the model may only ask an editor."""
    sure = deaf((0.0, 10.0, -30.0), words_at={"chatbot": -99.0, "chrome": -99.0})
    for line in ("Q: Do you want a shorter season next year?", "A: I would rather sail it."):
        result = clean("\n\n".join([*STORY, line]), format="text", model=sure)
        assert result.paragraphs[-1].action == "review"
        assert "it quotes or attributes" in result.paragraphs[-1].findings[0].message


MENU = [f"Tide tables and ferry times {n}" for n in range(14)]
TEASER = (
    "Subscribers receive every edition by post, with the crossword and the weekly puzzle "
    "page included."
)
# The shipped model's word thresholds: a line junk only by its place goes to review.
WORDS_AT = {"chatbot": 1.5, "chrome": 1.0}


def test_far_from_the_story_a_sure_verdict_is_enough():
    """Menus far above and footers far below the story go when the model is sure enough of
    them and their words do not lean to the story; just beside the story they wait."""
    copy = [*MENU, *STORY, *MENU]
    surest = (1 + classifier.UNWALLED_AT) / 2  # sure enough below a story with no footer too
    result = clean(
        "\n\n".join(copy), format="text", model=chrome_everywhere(surest, words_at=WORDS_AT)
    )
    actions = [p.action for p in result.paragraphs]
    assert actions[:4] == ["remove"] * 4  # more than ten lines above the story
    assert set(actions[4:14]) == {"review"}  # the ten lines just above it
    assert set(actions[18:28]) == {"review"}  # the ten just below it
    assert actions[28:] == ["remove"] * 4
    unsure = clean(
        "\n\n".join(copy), format="text", model=chrome_everywhere(0.95, words_at=WORDS_AT)
    )
    assert "remove" not in {p.action for p in unsure.paragraphs}
    assert "far from the story, it is not sure enough" in unsure.paragraphs[0].findings[0].message


def test_far_below_a_story_with_no_footer_by_rule_the_model_must_be_surer():
    """With no furniture by rule below the story, what stands far below it may be more of
    the story (a list's last items, a poll's results): only a verdict ``UNWALLED_AT`` sure
    removes it there."""
    copy = [*MENU, *STORY, *MENU]
    sure = clean("\n\n".join(copy), format="text", model=chrome_everywhere(0.99, words_at=WORDS_AT))
    actions = [p.action for p in sure.paragraphs]
    assert actions[:4] == ["remove"] * 4  # far above, as before
    assert set(actions[28:]) == {"review"}
    assert "far from the story, it is not sure enough" in sure.paragraphs[-1].findings[0].message
    walled = clean(
        "\n\n".join([*MENU, *STORY, SHARE, *MENU]),
        format="text",
        model=chrome_everywhere(0.99, words_at=WORDS_AT),
    )
    assert [p.action for p in walled.paragraphs][29:] == ["remove"] * 4  # the footer's


SHARE = "Share on Facebook"  # furniture by rule (chrome.share): where the footer starts
FOOTER = (
    "The Saltmere Gazette is published every Thursday by the Harbour Press Company from its "
    "offices on Quay Street."
)


def test_the_story_shelters_its_furniture_only_up_to_the_rules_furniture():
    """Between the story and the page's last prose (the paper's imprint) every line is
    sheltered as part of the story, unless a line the rules call furniture stands between:
    past it, the lines far from the story are the page's footer and a sure verdict removes
    them; the nearer ones, which the model alone would send to an editor, go for standing in
    the footer (``learned.beyond_story``)."""
    copy = [*STORY, SHARE, *MENU, FOOTER]
    share = copy.index(SHARE)
    sheltered = story.contexts(copy)
    assert all(place.inside for place in sheltered[share : share + len(MENU) + 1])
    walled = story.contexts(copy, {share}, walls={share})
    assert not any(place.inside for place in walled[share + 1 : share + len(MENU) + 1])
    assert [place.inside for place in walled[:share]] == [False, True, True, True]
    result = clean(
        "\n\n".join(copy), format="text", model=chrome_everywhere(0.99, words_at=WORDS_AT)
    )
    actions = [p.action for p in result.paragraphs]
    assert "remove" not in actions[:share]  # the story: words not junk enough
    assert actions[share] == "remove"  # the rule's share button
    assert actions[share + 1 : share + len(MENU) + 1] == ["remove"] * len(MENU)
    near = result.paragraphs[share + 1 : share + 11]  # within ten lines of the story
    assert all(learned.BELOW_FOOTER in p.findings[0].message for p in near)
    far = result.paragraphs[share + 11 : share + len(MENU) + 1]
    assert not any(learned.BELOW_FOOTER in p.findings[0].message for p in far)


FACT_BOX = [
    "Harbour wall works",
    "March 2027 to August 2028",
    "Budget",
    "Four million pounds",
    "Contractor",
    "Quayside Marine Ltd",
    "Enquiries",
    "01632 960 123",
    "Engineer",
    "Tamsin Rowe",
    "Diversions",
    "Western basin",
]


def test_the_story_shelters_what_stands_before_the_page_furniture_below_it():
    """A story may end with a fact box (dates, a budget, a phone number) that reads like
    furniture and runs more than ten lines past the last prose. Where the rules found the
    page's footer below it (a share bar), the lines before that share bar are the story's
    to an editor, not far below the story: the model only sends them to review. Past the
    share bar the footer goes as before."""
    copy = [*STORY, *FACT_BOX, SHARE, *MENU]
    share = copy.index(SHARE)
    walled = story.contexts(copy, {share}, walls={share})
    assert all(place.inside for place in walled[len(STORY) : share])
    assert not any(place.inside for place in walled[share + 1 :])
    # With no furniture by rule below it, the copy ends with the box: nothing shelters it.
    assert not any(place.inside for place in story.contexts(copy[:share])[len(STORY) :])
    result = clean(
        "\n\n".join(copy), format="text", model=chrome_everywhere(0.99, words_at=WORDS_AT)
    )
    actions = [p.action for p in result.paragraphs]
    assert actions[len(STORY) : share] == ["review"] * len(FACT_BOX)
    assert actions[share:] == ["remove"] * (1 + len(MENU))


def test_a_model_file_without_far_thresholds_reads_with_the_defaults(model):
    """A model file written before the far thresholds existed still loads, with the defaults."""
    header, _, body = zlib.decompress(model.to_bytes()[len(classifier.MAGIC) :]).partition(b"\n")
    fields = json.loads(header)
    del fields["far_at"], fields["far_words_at"]
    older = classifier.MAGIC + zlib.compress(json.dumps(fields).encode() + b"\n" + body)
    loaded = Classifier.from_bytes(older)
    assert (loaded.far_at, loaded.far_words_at) == (classifier.FAR_AT, classifier.FAR_WORDS_AT)
    fields["far_at"] = model.remove_at / 2
    lower = classifier.MAGIC + zlib.compress(json.dumps(fields).encode() + b"\n" + body)
    with pytest.raises(ClassifierModelError, match="out of order"):
        Classifier.from_bytes(lower)


SKIP = "Skip to main content"  # furniture by rule (chrome.skip_link)
HEADLINE = "Saltmere council votes to rebuild the harbour wall"
BYLINE = "By Maren Quayle"
DOUBTED = chrome_everywhere(0.8, words_at=WORDS_AT)  # every line furniture, for an editor


def _page(*lines: str):
    result = clean("\n\n".join(lines), format="text", model=DOUBTED)
    return result, [p.action for p in result.paragraphs]


def test_above_the_headline_the_pages_furniture_goes_for_where_it_stands():
    """On a page whose rules found furniture above the headline, the lines there that the
    model alone would send to an editor are removed, and say why; the headline, the byline
    and the story stay where they were."""
    result, actions = _page(SKIP, *MENU[:3], HEADLINE, BYLINE, *STORY)
    assert result.headline == HEADLINE
    assert actions[:4] == ["remove"] * 4
    for paragraph in result.paragraphs[1:4]:
        assert paragraph.findings[0].rule == "chrome.learned"
        assert learned.ABOVE_HEADLINE in paragraph.findings[0].message
    assert set(actions[6:]) == {"review"}  # the story: the model alone, for an editor


def test_above_the_headline_nothing_goes_without_the_rules_furniture_or_past_a_kept_line():
    """Pasted copy with no furniture by rule and no byline: what stands above its headline
    waits for an editor. A byline a rule reads just below the headline shows the copy came
    from a page as surely as a share bar, and the lines the model doubts above go. On a
    page, a line kept above the headline may be the story's (the pick a subhead), and then
    nothing above the headline goes for its place, unless the byline stands just below the
    headline."""
    result, actions = _page(*MENU[:3], HEADLINE, *STORY)
    assert result.headline == HEADLINE
    assert actions[:3] == ["review"] * 3
    result, actions = _page(*MENU[:3], HEADLINE, BYLINE, *STORY)
    assert result.headline == HEADLINE
    assert actions[:3] == ["remove"] * 3
    assert all(learned.ABOVE_HEADLINE in p.findings[0].message for p in result.paragraphs[:3])
    lines = [SKIP, *MENU[:2], "What changes for the ferry", HEADLINE, BYLINE, *STORY]
    doubted = {1, 2}  # the model sends the menu to an editor and keeps the short line
    learned_ = {i: ((lines[i], ()), None) for i in doubted}
    verdicts = {(lines[i], ()): ("review", "chrome", 0.8, "") for i in doubted}

    def beyond(flagged: set[int], bylined: list[int]) -> dict[int, str]:
        return learned.beyond_story(
            lines,
            4,
            gone={0, 5},
            flagged=flagged,
            learned=learned_,
            verdicts=verdicts,
            walls=[0],
            bylined=bylined,
        )

    assert beyond({0, 1, 2, 3}, []) == dict.fromkeys(doubted, learned.ABOVE_HEADLINE)
    assert beyond({0, 1, 2}, []) == {}  # the line kept above the headline (3)
    # ...unless the byline just below confirms the headline: the kept line stays, kept.
    assert beyond({0, 1, 2}, [5]) == dict.fromkeys(doubted, learned.ABOVE_HEADLINE)


def test_below_the_footers_furniture_the_page_goes_but_not_a_repeat_of_the_headline():
    """Past the story's last prose and the footer's first share bar, the lines the model
    sends to an editor are the page's lists of other stories and go; the headline printed
    again among them is a repeat, left for ``dup`` to say."""
    result, actions = _page(SKIP, HEADLINE, BYLINE, *STORY, SHARE, *MENU[:3], HEADLINE)
    share = 3 + len(STORY)
    assert actions[share : share + 4] == ["remove"] * 4
    for paragraph in result.paragraphs[share + 1 : share + 4]:
        assert learned.BELOW_FOOTER in paragraph.findings[0].message
    repeat = result.paragraphs[-1]
    assert repeat.action == "review"
    assert {f.rule for f in repeat.findings} >= {"dup.exact"}


def test_prose_past_the_footers_first_furniture_shelters_the_lines_above_it():
    """A recipe's steps or a tour's dates after a share bar are still the story's while
    prose stands below them: only the lines past the last prose go for their place."""
    note = (
        "Tickets for the harbour open day go on sale at the town hall on the first Monday of March."
    )
    # Past ``story.STORY_GAP`` lines from the story, the note is not the story's own prose.
    result, actions = _page(SKIP, HEADLINE, BYLINE, *STORY, SHARE, *MENU[:9], note, *MENU[9:11])
    share = 3 + len(STORY)
    assert actions[share + 1 : share + 11] == ["review"] * 10
    assert actions[share + 11 :] == ["remove"] * 2
    assert learned.BELOW_FOOTER in result.paragraphs[-1].findings[0].message


def test_a_blurb_past_the_footers_furniture_shelters_nothing():
    """Prose below the footer's first share bar that uses none of the story's words is a
    teaser or the site's blurb: the lines above it go for their place all the same."""
    blurb = (
        "Subscribers receive every edition by post, with the crossword and the weekly puzzle "
        "page included."
    )
    result, actions = _page(SKIP, HEADLINE, BYLINE, *STORY, SHARE, *MENU[:9], blurb, *MENU[9:11])
    share = 3 + len(STORY)
    assert actions[share + 1 : share + 10] == ["remove"] * 9
    assert all(
        learned.BELOW_FOOTER in p.findings[0].message
        for p in result.paragraphs[share + 1 : share + 10]
    )


SURE_CHATBOT = deaf((0.0, 3.0, -30.0), words_at=WORDS_AT)  # 95% chatbot, its words neutral
ON_THE_TASK = "I kept your headline but shortened the second paragraph of the draft."


def test_an_i_telling_you_about_the_text_is_removed_from_copy_that_never_speaks_as_i():
    """Where the story's prose does not speak as "I", a line in which an "I" tells "you"
    about the text is the assistant's, though its words alone do not say so; a line that
    speaks to "you" about anything else waits for an editor, and so does the same line in
    a story told as "I"."""
    aside = "I think you will like the new harbour wall."
    result = clean("\n\n".join([*STORY, ON_THE_TASK, aside]), format="text", model=SURE_CHATBOT)
    assert [p.action for p in result.paragraphs[-2:]] == ["remove", "review"]
    assert "only its shape and place say so" in result.paragraphs[-1].findings[0].message
    told_as_i = clean("\n\n".join([*BLOG, ON_THE_TASK]), format="text", model=SURE_CHATBOT)
    assert told_as_i.paragraphs[-1].action == "review"


@pytest.mark.parametrize(
    "line",
    [
        "Mara Quell added that the wall would be finished by March.",
        "As the harbour master told the inquiry, the basin has not been dredged since 1998.",
        "I've checked it, the ferry company said on Friday.",
        "The harbourmaster smiled and said the wall would hold.",  # the harbourmaster said
        "I met the skipper, who shrugged and added that the boats would wait.",
    ],
)
def test_a_speech_verb_with_a_third_party_speaker_is_an_attribution(line):
    """Anyone but 'I' or 'you' speaking: the line reports someone, and the model only asks."""
    sure = deaf((0.0, 10.0, -30.0), words_at={"chatbot": -99.0, "chrome": -99.0})
    result = clean("\n\n".join([*STORY, line]), format="text", model=sure)
    assert result.paragraphs[-1].action == "review"
    assert "it quotes or attributes" in result.paragraphs[-1].findings[0].message


@pytest.mark.parametrize(
    "line",
    [
        "Here is the story again with the changes you asked for:",
        "Everything here comes from the notes you sent; I haven't added anything.",
        "I wasn't sure about the second name, so I left it as you wrote it.",
        "I kept the key facts but added a line on the ferry timetable.",  # "I" added
    ],
)
def test_a_speech_verb_between_i_and_you_is_a_conversation_not_an_attribution(line):
    """'The changes you asked for', 'I haven't added': the assistant and its user talking,
    which reports no one, so a sure verdict removes the line."""
    sure = deaf((0.0, 10.0, -30.0), words_at={"chatbot": -99.0, "chrome": -99.0})
    result = clean("\n\n".join([*STORY, line]), format="text", model=sure)
    assert result.paragraphs[-1].action == "remove"


def test_copy_that_ends_in_furniture_loses_it():
    """Just below the story the model only asks an editor about furniture; but when every
    line from there to the end of the copy is furniture it is all but sure of, those lines
    go, and say why."""
    tail = ["Weather and tides", "Letters to the editor", "Comments"]
    result = clean("\n\n".join([*STORY, *tail]), format="text", model=chrome_everywhere(0.99))
    for paragraph in result.paragraphs[len(STORY) :]:
        assert paragraph.action == "remove"
        assert learned.TAIL in paragraph.findings[0].message
    unsure = clean("\n\n".join([*STORY, *tail]), format="text", model=chrome_everywhere(0.97))
    assert {p.action for p in unsure.paragraphs[len(STORY) :]} == {"review"}


@pytest.mark.parametrize(
    "last",
    [
        "Ingredients",  # a lone word: the story's last subhead, or its last words cut off
        "All...",
        "Harbour wall: 165 votes",  # a figure: a poll's result, a price, a date
        "Picture courtesy of the harbour trust",  # a picture's credit
    ],
)
def test_what_may_close_a_story_stays_for_an_editor(last):
    result = clean("\n\n".join([*STORY, last]), format="text", model=chrome_everywhere(0.99))
    assert result.paragraphs[-1].action == "review"


def test_the_furniture_tail_goes_whole_or_not_at_all(model):
    """Only a tail of furniture to the end of the copy goes: below it, a line that may still
    be the story's means the copy may go on, and both wait for an editor."""
    alone = clean("\n\n".join([*STORY, "Comments"]), format="text", model=model)
    assert alone.paragraphs[-1].action == "remove"
    assert learned.TAIL in alone.paragraphs[-1].findings[0].message
    followed = clean("\n\n".join([*STORY, "Comments", "Ingredients"]), format="text", model=model)
    assert [p.action for p in followed.paragraphs[-2:]] in (
        ["review", "review"],
        ["review", "keep"],
    )


def test_furniture_between_the_copys_prose_and_the_story_says_where_it_is():
    """Prose above the story (a teaser the model keeps) shelters the lines between it and
    the story, which are not within the story: the finding says so, not "within"."""
    sure = chrome_words({"ferry": 60}, words_at=WORDS_AT)  # the menus: all but sure
    # More than ``story.STORY_GAP`` lines apart: the teaser is not the story's own prose.
    result = clean("\n\n".join([TEASER, *MENU[:9], *STORY]), format="text", model=sure)
    assert result.paragraphs[0].action == "keep"
    between = result.paragraphs[1:10]
    assert {p.action for p in between} == {"review"}
    assert all(classifier.AMONG_PROSE in p.findings[0].message for p in between)
    inside = clean("\n\n".join([STORY[0], MENU[0], *STORY[1:]]), format="text", model=sure)
    assert classifier.WITHIN_STORY in inside.paragraphs[1].findings[0].message


QUOTED_I = (
    "\u201cI have fished from this harbour for forty years and I have never seen the wall in "
    "such a state,\u201d said skipper Ron Abbot."
)
BLOG_I = "As I walked the harbour wall on Sunday, I counted eleven gaps in the parapet myself."


def test_an_i_inside_quotation_marks_is_the_speakers_not_the_copys_voice():
    """A news story that quotes people saying "I" is not told as "I": the copy's voice is
    read outside quotation marks (closed, or running on to the paragraph's end)."""
    news = [*STORY[:2], QUOTED_I, '"I will stay until the work is done, and I mean it', *STORY[2:]]
    assert story.contexts(news)[0].prose_voice == 0.0
    blog = [*STORY[:2], BLOG_I, *STORY[2:]]
    assert story.contexts(blog)[0].prose_voice > 0.0


def test_a_leftover_speaking_as_i_goes_from_a_story_that_quotes_an_i(model):
    """The assistant's "I" stands apart from a news story whose only "I" is a quoted
    speaker's (``classifier.VOICE_APART``), so the model removes it."""
    remark = "I tried to improve the flow without losing the length."
    copy = [*STORY[:2], QUOTED_I, *STORY[2:], remark]
    result = clean("\n\n".join(copy), format="text", model=model)
    assert result.paragraphs[-1].action == "remove"
    assert result.paragraphs[2].action == "keep"


def test_prose_read_as_furniture_shelters_nothing():
    """Prose above the story shelters the lines between it and the story (the story may go
    on past its longest run of prose); prose the model reads as furniture (a teaser, the
    site's blurb) does not, while the story's own prose always does."""
    copy = [TEASER, *MENU[:12], *STORY]
    assert all(place.inside for place in story.contexts(copy)[1:13])
    assert not any(place.inside for place in story.contexts(copy, doubted={0})[1:13])
    first = len(copy) - len(STORY)
    assert story.contexts(copy, doubted={first}) == story.contexts(copy)
    # The teaser is furniture to the model but not sure enough to go (an editor decides);
    # the menus far above the story, sheltered by it, then go for their place.
    model = chrome_words({"subscribers": 50, "ferry": 60}, words_at=WORDS_AT)
    result = clean("\n\n".join(copy), format="text", model=model)
    actions = [p.action for p in result.paragraphs]
    assert actions[0] == "review"
    assert actions[1:3] == ["remove", "remove"]  # more than ten lines above the story
    assert set(actions[first:]) == {"keep"}


def test_the_headline_over_the_byline_is_near_it_in_the_copy_as_it_came():
    """With a page's menus removed, the lines standing just above the byline reach back to
    another story's headline, which uses more of the story's words; the headline is the one
    printed just above the byline in the copy as it came (``headline.BYLINE_SPAN``)."""
    related = "Council to spend four million pounds rebuilding the harbour wall"
    headline = "Eastern harbour wall to be rebuilt"
    menu = [f"Ferry times {n}" for n in range(12)]
    copy = [related, *menu, headline, "By Mara Quell", *STORY]
    model = chrome_words({"ferry": 60}, words_at=WORDS_AT)
    result = clean("\n\n".join(copy), format="text", model=model)
    assert {p.action for p in result.paragraphs[1:13]} == {"remove"}
    assert result.headline == headline
    assert result.paragraphs[0].action == "keep"


def test_a_line_whose_words_are_sure_of_junk_goes_to_an_editor_wherever_it_stands():
    """Pasted between two paragraphs, a line whose own words read as furniture is kept by its
    place alone no longer: an editor sees it, told why; never removed for that. A line
    whose words are less sure is kept."""
    lede = (
        "Saltmere council voted on Tuesday to spend four million pounds rebuilding the "
        "eastern harbour wall, which has lost part of its parapet in each of the last winters."
    )
    after = (
        "Work will start in March and last about eighteen months, the council's engineer "
        "said, and boats will move to the western basin while the wall is rebuilt."
    )
    model = chrome_words({"quokka": 80, "ferry": 25})
    between = features.name_index("ctx:between-prose")
    model.weights[2][between] = -40  # among the story's prose, a line reads as story
    sure = story.contexts([lede, "Quokka corner", after])[1]
    assert model.verdict("Quokka corner", sure).junk < model.review_at
    action, family, _, why = model.decide("Quokka corner", sure)
    assert (action, family) == ("review", "chrome")
    assert why.startswith("but ") and why.endswith("% by its own words alone, so an editor decides")
    alone = classifier._softmax(model.text_scores("Quokka corner").scores).junk
    assert alone >= classifier.WORDS_REVIEW_AT
    unsure = story.contexts([lede, "Ferry times", after])[1]
    assert classifier._softmax(model.text_scores("Ferry times").scores).junk < 0.95
    assert model.decide("Ferry times", unsure) is None
    result = clean(f"{lede}\n\nQuokka corner\n\n{after}", format="text", model=model)
    assert result.paragraphs[1].action == "review"
    assert "by its own words alone" in result.paragraphs[1].findings[0].message
