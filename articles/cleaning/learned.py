"""chatbot.learned / chrome.learned in the copy: the classifier's verdicts on the paragraphs
no rule decided, settled against their neighbours.

A verdict depends on where a paragraph stands (``story.contexts``), which changes as lines
are removed; ``learn`` works the verdicts out again until no more go, so that a second
pass over what the first kept finds nothing more to remove.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import chatbot
from .classifier import Classifier, Own
from .headline import pick_headline
from .result import Finding
from .rules import RuleSet
from .story import Context, contexts
from .text import is_reported

SETTLE_ROUNDS = 8  # rounds of the classifier's verdicts; removals only grow, so they end


@dataclass
class Judged:
    """What the classifier worked out on this copy, kept from one reading to the next."""

    own: dict[str, Own] = field(default_factory=dict)  # each distinct paragraph's own scores
    # A paragraph's verdict depends on its text and ``decision_key``: the same paragraph in
    # the same kind of place, in another round or on another line, is judged once.
    verdicts: dict[tuple, tuple | None] = field(default_factory=dict)
    findings: dict[tuple, Finding] = field(default_factory=dict)  # written up, by the same key


def learn(
    texts: list[str],
    findings: list[list[Finding]],
    model: Classifier,
    judged: Judged,
    rules: RuleSet,
    *,
    find_headline: bool = True,
) -> None:
    """The classifier's findings on the paragraphs no rule spoke about.

    Below the story, the first line a rule calls the page's furniture (a share bar, a comment
    form) ends the story's shelter (``story.contexts``'s ``walls``).

    A verdict depends on the paragraph's neighbours, so it is worked out again without the
    paragraphs removed so far (and the headline, while ``find_headline``) until no more go:
    a second pass over what this one kept then sees the same neighbours and removes nothing
    more. A paragraph once removed stays removed, so the rounds always end. Called again
    after repeats are removed, it first drops its earlier findings.
    """
    for fs in findings:
        fs[:] = [f for f in fs if not f.rule.endswith(".learned")]
    # A repeat says where the words went, not what they are: the model still reads it.
    undecided = [i for i, fs in enumerate(findings) if all(f.rule.startswith("dup.") for f in fs)]
    own, verdicts = judged.own, judged.verdicts
    for i in undecided:
        if texts[i] not in own:
            own[texts[i]] = model.text_scores(texts[i])
    gone = removed_lines(findings)
    taken: dict[int, tuple] = {}  # removed by the model in an earlier round: (key, place)
    skip: set[int] = set(gone)
    learned: dict[int, tuple] = {}
    ruled = [is_junk(fs) for fs in findings]  # junk by a rule (learned findings are gone)
    walls = [i for i, fs in enumerate(findings) if any(map(_is_ruled_chrome, fs))]
    bylined = bylines(findings)
    for _ in range(SETTLE_ROUNDS):
        # Only the lines still to judge: a line the model removed keeps its verdict.
        judging = [i for i in undecided if i not in taken]
        places = contexts(texts, skip, only=judging, walls=walls)
        learned = {}
        for i in judging:
            text, place = texts[i], places[i]
            key = (text, model.decision_key(place, own[text]))
            if key not in verdicts:
                verdicts[key] = _decide(text, place, model, own[text], rules)
            if verdicts[key] is not None:
                learned[i] = key, place
        taken.update((i, d) for i, d in learned.items() if verdicts[d[0]][0] == "remove")
        gone |= taken.keys()
        now = set(gone)
        if find_headline:
            junk = [flagged or i in learned or i in taken for i, flagged in enumerate(ruled)]
            doubtful = {i for i in learned if i not in taken and not ruled[i]}
            picked = pick_headline(texts, junk, gone, doubtful, bylined)
            if picked and picked.action == "remove":
                now |= {picked.line, *picked.copies}
        if now == skip:
            break
        skip = now
    for i, (key, place) in (learned | taken).items():
        if key not in judged.findings:
            judged.findings[key] = model.finding(key[0], place, verdicts[key])
        findings[i].append(judged.findings[key])


def _decide(text: str, place: Context, model: Classifier, own: Own, rules: RuleSet):
    """The model's verdict (``Classifier.decide``) with the guards: a paragraph that quotes,
    attributes or reports on chatbots is only ever sent to review."""
    decision = model.decide(text, place, own)
    if decision is None or decision[0] != "remove":
        return decision
    why = (
        "it quotes or attributes"
        if is_reported(text)
        else "it may report on a chatbot"
        if decision[1] == "chatbot" and chatbot.reports_on_chatbots(text, rules.chatbot)
        else ""
    )
    return ("review", decision[1], decision[2], f"{why}, so an editor decides") if why else decision


def _is_ruled_chrome(finding: Finding) -> bool:
    """A rule's word that the line is the page's furniture (a reference link is a move)."""
    return finding.rule.startswith("chrome.") and finding.rule not in _NOT_WALLS


_NOT_WALLS = frozenset({"chrome.learned", "chrome.reference_link"})


def bylines(findings: list[list[Finding]]) -> list[int]:
    """The lines a rule read as the byline."""
    return [i for i, fs in enumerate(findings) if any(f.rule == "extract.byline" for f in fs)]


def removed_lines(findings: list[list[Finding]]) -> set[int]:
    return {i for i, fs in enumerate(findings) if any(f.action == "remove" for f in fs)}


def is_junk(findings: list[Finding]) -> bool:
    return any(f.rule.startswith(("chatbot.", "chrome.")) for f in findings)


def is_doubtful(findings: list[Finding]) -> bool:
    """Junk only in the classifier's eyes, and only for an editor to decide."""
    junk = [f for f in findings if f.rule.startswith(("chatbot.", "chrome."))]
    return bool(junk) and all(f.rule.endswith(".learned") and f.action == "review" for f in junk)
