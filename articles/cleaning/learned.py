"""chatbot.learned / chrome.learned in the copy: the classifier's verdicts on the paragraphs
no rule decided, settled against their neighbours.

A verdict depends on where a paragraph stands (``story.contexts``), which changes as lines
are removed; ``learn`` works the verdicts out again until no more go, so that a second
pass over what the first kept finds nothing more to remove.

On a page, where a line stands can say what the model alone is not sure enough of: a page
prints its menus, section labels and tickers above the headline, and its lists of other
stories below the footer's first share bar or comment form. A line the model sends to an
editor as furniture from there is removed (``beyond_story``), with the place as the reason.
So is a line just below the story that the model is all but sure of, when the copy ends in
furniture from there (``copy_tail``): pasted copy that takes a page's last lines with it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from . import chatbot
from .classifier import Classifier, Own
from .extract import headline_like
from .features import UI_NOUNS, UI_VERBS
from .headline import BYLINE_REACH, PAGE_REACH, pick_headline
from .result import Finding
from .rules import RuleSet
from .story import ECHO_WORDS, Context, Story, contexts, is_prose_line, same_shelter, story
from .text import fold, is_reported

SETTLE_ROUNDS = 8  # rounds of the classifier's verdicts; removals only grow, so they end
_UNSEEN = object()
ABOVE_HEADLINE = "it stands above the headline, where a page prints its menus"
BELOW_FOOTER = "it stands in the page's footer, below the story and its furniture"
TAIL = "the copy ends in furniture from here, below the story"
TAIL_AT = 0.98  # how sure of furniture the model must be for ``copy_tail``
_FIGURE = re.compile(r"\d")
_CREDIT = re.compile(
    r"\b(?:photo\w*|image|picture|illustration|graphic|credit|source|pictured|courtesy)\b", re.I
)
# Why a finding that would remove a paragraph only asks an editor (the guards).
ATTRIBUTES = "it quotes or attributes"
REPORTS = "it may report on a chatbot"


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
    headline: int | None = None,
) -> dict[int, str]:
    """The classifier's findings on the paragraphs no rule spoke about; returned, the lines
    removed only for where they stand (``beyond_story``), with why. Where the headline is
    looked for they still stand, or the lines that told where it is would be gone.

    Below the story, the first line a rule calls the page's furniture (a share bar, a comment
    form) ends the story's shelter (``story.contexts``'s ``walls``); and prose outside the
    story's longest run that the last round read as furniture shelters nothing
    (``doubted``), so the rounds go on until the shelter's edges settle too.

    A verdict depends on the paragraph's neighbours, so it is worked out again without the
    paragraphs removed so far (and the headline, while ``find_headline``) until no more go:
    a second pass over what this one kept then sees the same neighbours and removes nothing
    more. A paragraph once removed stays removed, so the rounds always end. Called again
    after repeats are removed, it first drops its earlier findings; ``headline`` is then the
    line the first call found to be the headline (``beyond_story``).
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
    by_rule = {i for i, junk in enumerate(ruled) if junk}
    walls = [i for i, fs in enumerate(findings) if any(map(_is_ruled_chrome, fs))]
    bylined = bylines(findings)
    beyond: dict[int, str] = {}
    previous: object = _UNSEEN if find_headline else headline  # the last round's headline
    doubted: set[int] = set()  # the last round's prose read as furniture: it shelters nothing
    prose = [i for i in undecided if is_prose_line(texts[i])]
    for _ in range(SETTLE_ROUNDS):
        # Only the lines still to judge: a line the model removed keeps its verdict.
        judging = [i for i in undecided if i not in taken]
        places = contexts(texts, skip, only=judging, walls=walls, doubted=doubted)
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
        doubts = {i for i in prose if i in learned and verdicts[learned[i][0]][1] == "chrome"}
        if doubts != doubted and same_shelter(texts, now, doubts, doubted):
            doubts = doubted  # the same shelter: nothing to work out again
        if find_headline:
            junk = [flagged or i in learned or i in taken for i, flagged in enumerate(ruled)]
            doubtful = {i for i in learned if i not in taken and not ruled[i]} | beyond.keys()
            picked = pick_headline(texts, junk, gone - beyond.keys(), doubtful, bylined)
            headline = picked.line if picked else None
            if picked and picked.action == "remove":
                now |= {picked.line, *picked.copies}
        # Where the furniture is, is read only from a headline that a round has confirmed:
        # an early round's pick may be a caption, and a removal is never taken back. A round
        # that removed nothing new is its own confirmation: the next would see the same.
        settled = headline == previous or now == skip
        if settled:
            flagged = by_rule | learned.keys()
            found = beyond_story(texts, headline, gone, flagged, learned, verdicts, walls, bylined)
            found.update(
                (i, TAIL)
                for i in copy_tail(texts, gone, learned, verdicts, own, model)
                if i not in found
            )
            for i, why in found.items():
                taken[i] = learned[i]
                beyond[i] = why
                now.add(i)
        if now == skip and settled and doubts == doubted:
            break
        skip, previous, doubted = now, headline, doubts
    for i, (key, place) in (learned | taken).items():
        decision = verdicts[key]
        if i in beyond:
            _, family, junk, _ = decision
            decision = ("remove", family, junk, beyond[i])
            key = (*key, beyond[i])
        if key not in judged.findings:
            judged.findings[key] = model.finding(key[0], place, decision)
        findings[i].append(judged.findings[key])
    return beyond


def beyond_story(
    texts: list[str],
    headline: int | None,
    gone: set[int],
    flagged: set[int],
    learned: dict[int, tuple],
    verdicts: dict,
    walls: list[int],
    bylined: Collection[int] = (),
) -> dict[int, str]:
    """The lines the model sent to an editor as the page's furniture that go after all, for
    where they stand, each with why: above the ``headline`` line, or below the footer.

    Only on copy where a rule found a page's furniture (``walls``) or the byline
    (``bylined``) at most ``BYLINE_REACH`` lines below the headline: either shows where the
    page's furniture is, and plain pasted copy has neither. Above the headline, only when the
    byline stands there, or a wall stands above the headline and every line there is
    flagged (``flagged``; a line kept there may be the story's, and the pick a subhead);
    and never a headline-like line that uses ``ECHO_WORDS`` of the story's words (the real
    headline, when the pick is its standfirst). Below the story, only past its first wall
    and past the last prose standing there that uses the story's words: a recipe's steps or
    a tour's dates after a "Related" link are still the story's, a teaser or the site's
    blurb is not. The headline printed again in a list of stories is a repeat, for ``dup``
    to say: the headline found, and any line where ``pick_headline`` looks that may be the
    headline.
    """
    signed = headline is not None and any(headline < b <= headline + BYLINE_REACH for b in bylined)
    if not walls and not signed:
        return {}
    present = [i for i in range(len(texts)) if i not in gone]
    copy = story([texts[i] for i in present])
    places: dict[int, str] = {}  # k in the standing copy -> why its line may go
    if headline is not None and (signed or walls[0] < headline):
        cut = bisect.bisect_left(present, headline)
        if signed or all(i in flagged for i in present[:cut]):
            places.update((k, ABOVE_HEADLINE) for k in range(cut))
    if copy.start is not None:
        end = present[copy.last]
        wall = next((w for w in walls if w > end), None)
        if wall is not None:
            after = bisect.bisect_right(present, wall)
            # Prose there that uses none of the story's words is a teaser or the site's
            # blurb, not the story's: it shelters nothing above it.
            prose = [
                k
                for k in range(after, len(present))
                if copy.lines[k].kind == "prose" and copy.echo(k).bucket in ("some", "most")
            ]
            start = prose[-1] + 1 if prose else after
            places.update((k, BELOW_FOOTER) for k in range(start, len(present)))
    doubted = {
        k: why
        for k, why in places.items()
        if present[k] in learned and verdicts[learned[present[k]][0]][:2] == ("review", "chrome")
    }
    if not doubted:
        return {}
    reach = range(max(0, (copy.start or 0) - PAGE_REACH), copy.start or 0)
    titles = {fold(texts[present[k]]) for k in reach if _may_be_headline(texts, present, copy, k)}
    if headline is not None:
        titles.add(fold(texts[headline]))
    return {
        present[k]: why
        for k, why in doubted.items()
        if not (why == ABOVE_HEADLINE and _may_be_headline(texts, present, copy, k))
        and fold(texts[present[k]]) not in titles
        and not is_reported(texts[present[k]])
    }


def copy_tail(
    texts: list[str],
    gone: set[int],
    learned: dict[int, tuple],
    verdicts: dict,
    own: dict,
    model: Classifier,
) -> list[int]:
    """The lines just below the story that the model sent to an editor as furniture only for
    standing there, that go after all because the copy ends in furniture: the model is
    ``TAIL_AT`` sure of each, with words that do not lean to the story past ``far_words_at``
    (as far from the story), and every line below is one of them or already removed. The
    tail goes whole: no line is left below it to be judged again without it.
    What may close a story still goes to an editor: a line with a figure (a poll's result, a
    price, a date), a picture's credit, a line that uses mostly the story's words or
    attributes, and a lone word that is not the interface's ("Ingredients", the last words of
    a paywalled story cut off: "All..."). Chosen on the three-fold cross-validation: furniture
    removed from pasted copy 15.5% to 17.5%, no real line lost; without the figure and
    credit guards it lost a poll's results and two credits there, and without the lone-word
    guard, held out, a Snopes page's "Origin" and a cut-off "All..." (README)."""
    found: list[int] = []
    for i in reversed(range(len(texts))):
        if i in gone:
            continue
        if i not in learned:  # kept, or flagged by a rule only
            break
        key, place = learned[i]
        action, family, junk, _ = verdicts[key]
        if not (
            place.zone == "bottom-near"
            and not place.inside
            and action == "review"
            and family == "chrome"
            and junk >= TAIL_AT
            and own[texts[i]].words_push(family) >= model.far_words_at
            and place.echo != "most"
            and _says_enough(texts[i])
            and not _FIGURE.search(texts[i])
            and not _CREDIT.search(texts[i])
            and not is_reported(texts[i])
        ):
            break
        found.append(i)
    return found


def _says_enough(text: str) -> bool:
    """More than one word, or one word of a page's interface ("Share", "Comments"): a lone
    other word at the foot of the copy may be the story's last subhead ("Ingredients") or
    its last words cut off."""
    words = text.split()
    if len(words) > 1:
        return True
    word = words[0].strip(".:!…").lower() if words else ""
    return word in UI_VERBS or word in UI_NOUNS


def _may_be_headline(texts: list[str], present: list[int], copy: Story, k: int) -> bool:
    """Whether the line at ``k`` in the standing ``copy`` may be the page's headline: it
    reads as one and uses ``ECHO_WORDS`` of the story's words."""
    return headline_like(texts[present[k]]) and copy.echo(k).shared >= ECHO_WORDS


def _decide(text: str, place: Context, model: Classifier, own: Own, rules: RuleSet):
    """The model's verdict (``Classifier.decide``) with the guards: a paragraph that quotes,
    attributes or reports on chatbots is only ever sent to review."""
    decision = model.decide(text, place, own)
    if decision is None or decision[0] != "remove":
        return decision
    why = (
        ATTRIBUTES
        if is_reported(text)
        else REPORTS
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
    return {i for i, fs in enumerate(findings) for f in fs if f.action == "remove"}


def is_junk(findings: list[Finding]) -> bool:
    return any(f.rule.startswith(("chatbot.", "chrome.")) for f in findings)


def is_doubtful(findings: list[Finding]) -> bool:
    """Junk only in the classifier's eyes, and only for an editor to decide."""
    junk = [f for f in findings if f.rule.startswith(("chatbot.", "chrome."))]
    return bool(junk) and all(f.rule.endswith(".learned") and f.action == "review" for f in junk)
