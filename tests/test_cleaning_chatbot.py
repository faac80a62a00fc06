"""chatbot.*: leaked assistant replies are found in many phrasings; reported speech is not removed."""

import pytest

from articles.cleaning import clean

STORY = "Harbour wall repair approved\n\nThe council approved the repair of the harbour wall on Tuesday night.\n\n{}\n\nWork starts in March and will take eighteen months."


def _paragraph(text):
    result = clean(STORY.format(text), format="text")
    [paragraph] = [p for p in result.paragraphs if p.text == text]
    return paragraph


def _rules(paragraph):
    return {f.rule for f in paragraph.findings}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "I'm sorry, but I'm unable to rewrite the text you provided because it appears to be incomplete.",
            "chatbot.refusal",
        ),
        ("I apologize, but I cannot fulfil this request.", "chatbot.refusal"),
        (
            "Unfortunately, I can't access the link you shared. Could you paste the article text instead?",
            "chatbot.refusal",
        ),
        ("Sorry, I am not able to help with rewriting this content.", "chatbot.refusal"),
        (
            "I\u2019m afraid I cannot complete the task as the provided text is empty.",
            "chatbot.refusal",
        ),
        ("I cannot assist with that request.", "chatbot.refusal"),
        ("My apologies, I couldn't find any information about this event.", "chatbot.refusal"),
        ("Certainly! Here is the rewritten article:", "chatbot.preamble"),
        (
            "Sure, here's a revised version of the news story with a catchier headline.",
            "chatbot.preamble",
        ),
        ("Here is a plagiarism-free version of your article:", "chatbot.preamble"),
        ("Below is the paraphrased text, keeping all the facts intact.", "chatbot.preamble"),
        ("Of course! I've rewritten the article in a more formal tone.", "chatbot.preamble"),
        ("Here's the story, rewritten as requested:", "chatbot.preamble"),
        ("I have summarized the article below for your newsletter.", "chatbot.preamble"),
        ("Here is a news report based on the details you provided.", "chatbot.preamble"),
        ("I hope this helps!", "chatbot.closing"),
        ("Let me know if you'd like any further changes.", "chatbot.closing"),
        ("Feel free to ask if you have any questions or need more edits.", "chatbot.closing"),
        ("If you need any other adjustments, just let me know!", "chatbot.closing"),
        ("Would you like me to write a shorter version for social media?", "chatbot.closing"),
        ("Is there anything else I can help you with?", "chatbot.closing"),
        (
            "As an AI language model, I don't have personal opinions on local politics.",
            "chatbot.ai_disclaimer",
        ),
        ("As an artificial intelligence, I cannot verify these figures.", "chatbot.ai_disclaimer"),
        ("I am an AI and cannot attend council meetings.", "chatbot.ai_disclaimer"),
        (
            "As of my last knowledge update in January 2022, the project had not started.",
            "chatbot.cutoff",
        ),
        (
            "My training data only goes up to 2021, so the figures may be out of date.",
            "chatbot.cutoff",
        ),
        ("Regenerate response", "chatbot.regenerate"),
        ("Stop generating", "chatbot.regenerate"),
        ("[[TEAM_NAME]]", "chatbot.placeholder"),
        ("[task 1]", "chatbot.placeholder"),
        ("[Insert quote from the harbour master here]", "chatbot.placeholder"),
        ("Word count: 523", "chatbot.word_count"),
        ("(about 400 words)", "chatbot.word_count"),
        ("Title: Harbour Wall Repair Gets Green Light", "chatbot.title_label"),
        ("Meta description: Saltmere approves harbour wall repair.", "chatbot.title_label"),
    ],
)
def test_leftovers_are_removed(text, rule):
    """A paragraph that is only an assistant's leftover is removed under its rule."""
    paragraph = _paragraph(text)
    assert paragraph.action == "remove"
    assert rule in _rules(paragraph)


@pytest.mark.parametrize(
    "text",
    [
        "The team that won, [[TEAM_NAME]], will now play in the county final next month.",
        "Certainly! Here is the rewritten article. The council approved the repair of the harbour wall "
        "after a long and often bad-tempered debate that ran past midnight, with councillors arguing "
        "over the cost, the timing, who should pay for it, and whether the harbour trust ought to "
        "contribute anything at all to the works this time, given that its own moorings are the ones "
        "the wall protects from the winter storms that have battered the town three years running, "
        "and the chairman said that the trust had no money left after the dredging last autumn.",
    ],
)
def test_leftovers_mixed_with_copy_go_to_review(text):
    """Leftovers inside real copy are not removed: the copy would go with them."""
    assert _paragraph(text).action == "review"


@pytest.mark.parametrize(
    "text",
    [
        '"I\'m sorry for the delay," the mayor said.',
        "\u201cI\u2019m sorry, I can\u2019t answer that,\u201d said the council\u2019s chief executive.",
        "The chatbot replied: \u201cAs an AI language model, I cannot give legal advice.\u201d",
        "When asked about the ferry timetable, ChatGPT told one resident that its knowledge cutoff was 2021.",
        "ChatGPT's answer began: As an AI language model, I cannot give legal advice.",
        "The bot's reply to every question was the same: I'm sorry, but I can't help with that.",
        "Mr Bray apologised to the court, his lawyer said, adding that he could not explain what he had done.",
        "\u2018Let me know if you see anything,\u2019 the officer told residents.",
    ],
)
def test_reported_speech_is_never_removed(text):
    """Quotes, attribution and stories about chatbots are copy: at most they go to review."""
    assert _paragraph(text).action != "remove"


@pytest.mark.parametrize(
    "text",
    [
        "As a language model, I couldn\u2019t double-check whether these details are accurate.",
        "**As an AI assistant, I can't verify the figures the council gave.**",
        "I'm just an AI, so I cannot confirm the tide times.",
    ],
)
def test_an_assistant_naming_itself_is_not_news_about_chatbots(text):
    """'As a language model, I ...' is the assistant speaking, not a story naming one: the
    leftover goes without waiting for an editor."""
    paragraph = _paragraph(text)
    assert paragraph.action == "remove"
    assert "it may report on a chatbot" not in paragraph.findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "He declined to comment.",
        "The vote was 5-2.",
        "Share prices fell.",
        "Sorry seems to be the hardest word for the harbour trust, which has never admitted fault.",
        "Here is what we know so far about the storm.",
        "The title of the exhibition is taken from a sea shanty.",
        "The report runs to 400 words and was published on Monday.",
    ],
)
def test_look_alikes_are_kept(text):
    """Short real sentences and look-alikes stay in the body untouched."""
    assert _paragraph(text).action == "keep"


def test_a_label_line_like_a_word_count_is_never_removed():
    """'Length: 3 miles' has a word count's shape ('Word count: 500') but is a walk's
    length: no rule takes it, and the model, which has met furniture dropped into pasted
    copy, may at most ask an editor about it."""
    paragraph = _paragraph("Length: 3 miles")
    assert paragraph.action != "remove"
    assert [f.rule for f in paragraph.findings] in ([], ["chatbot.learned"], ["chrome.learned"])


def test_citation_markup_is_fixed_not_removed():
    """Leaked citation markup inside copy gets a fix that strips it."""
    text = "The wall was built in 1887.\u30103\u2020source\u3011 It was last repaired in 1987."
    paragraph = _paragraph(text)
    [finding] = [f for f in paragraph.findings if f.rule == "chatbot.citation_markup"]
    assert finding.action == "fix"
    assert finding.replacement == "The wall was built in 1887. It was last repaired in 1987."
    assert paragraph.action == "keep"
