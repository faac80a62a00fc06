"""Where each line sits in the copy: the story's prose, the line's neighbours, its echo.

A copy (pasted text, or a whole page copied as text) holds its story's prose somewhere among
other lines. ``contexts`` tells each paragraph where it stands against that prose, which the
classifier reads as features and uses to decide when it may remove on its own; ``story``
finds the prose and what each line echoes of it, which the headline is found by.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .text import STOPWORDS, is_word, tokens

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_FIRST_PERSON = re.compile("\\b(?:I|I'm|I\u2019m|I've|I\u2019ve|my|me)\\b")
# A quotation, closed or running on to the paragraph's end (a quote that goes on into the
# next paragraph): its "I" is the speaker's, not the copy's voice.
_QUOTED = re.compile('"[^"]*(?:"|$)|\u201c[^\u201d]*(?:\u201d|$)|\u00ab[^\u00bb]*(?:\u00bb|$)')
_PROSE_END = re.compile("[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\u300d\u300f\uff09]*$")
PROSE_WORDS = 12
NEAR_LINES = 10
STORY_GAP = 8
VOICE_SHARE = 0.25  # copy in which this share of paragraphs speak as "I" is first-person copy
STEM = 6  # letters of a word that ``_echo`` compares: "kidnapped" and "kidnapping" agree
ECHO_WORDS = 2  # content words a line needs before its echo of the story says anything


class Context(NamedTuple):
    """Where a paragraph sits: its place, its neighbours' shape, the copy's voice.

    A named tuple rather than a dataclass: one is made per paragraph per round, and a tuple
    is quicker to make.
    """

    position: int = 0
    count: int = 0  # 0: no copy around it (a paragraph judged alone)
    before: str = ""  # "prose", "short", "line" or "" at an edge
    after: str = ""
    voice_share: float = 0.0  # share of the copy's paragraphs that speak as "I"
    # How much of the line's vocabulary the story's prose uses (``_echo``): the page's own
    # headline and subheads repeat the story's words, a menu or a newsletter box does not.
    echo: str = ""
    # Not features: where removing is safe. Inside the story (between the copy's first and
    # last paragraphs of prose; below the story, where the rules found furniture there, down
    # to the first such line) and on the line just before it (a headline, a standfirst), a
    # learned verdict on furniture only ever asks an editor.
    inside: bool = False
    lead_in: bool = False
    zone: str = ""  # "top-far", "top-near", "inside", "bottom-near", "bottom-far", "none"
    # Share of the copy's other paragraphs of prose that speak as "I": in a story told as
    # "I", a paragraph that speaks to "you" may be the writer's own aside.
    prose_voice: float = 0.0
    # Not a feature: a rule found the page's furniture below the story (``walls``), so the
    # page's footer is somewhere below; without it, far below the story may be more story.
    walled: bool = False


ALONE = Context()  # a paragraph judged without the copy around it


def word_count(text: str) -> int:
    """Words as spaces part them; in Chinese or Japanese, which use none, two characters a word."""
    count = text.count(" ") + 1
    if not text.isascii():
        count += len(_CJK.findall(text)) // 2
    return count


def is_prose(text: str) -> bool:
    """A full sentence or more: enough words and a sentence's last mark."""
    return word_count(text) >= PROSE_WORDS and bool(_PROSE_END.search(text))


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # "prose", "short" or "line"
    first_person: bool  # speaks as "I", outside quotation marks
    terms: frozenset[str]  # what ``_echo`` compares: the line's content words, cut to a stem
    words: int  # ``word_count``


@functools.lru_cache(maxsize=1 << 14)
def _line(text: str) -> _Line:
    words = word_count(text)
    kind = "prose" if is_prose(text) else "short" if words < 5 else "line"
    first_person = bool(_FIRST_PERSON.search(text)) and bool(
        _FIRST_PERSON.search(_QUOTED.sub(" ", text))
    )
    return _Line(kind, first_person, _terms(text), words)


def _terms(text: str) -> frozenset[str]:
    return frozenset(
        word[:STEM]
        for word in tokens(text)
        if len(word) >= 3 and word not in STOPWORDS and not word.isdigit() and is_word(word)
    )


def contexts(
    texts: list[str],
    skip: set[int] | frozenset[int] = frozenset(),
    only: Iterable[int] | None = None,
    walls: Collection[int] = (),
    doubted: Collection[int] = (),
) -> list[Context]:
    """Each paragraph's ``Context`` in ``texts``, the copy in order.

    ``walls``: lines the rules found to be the page's furniture (``_shelter``);
    ``doubted``: lines the model read as furniture, which shelter nothing when they are
    prose outside the story's longest run (a teaser, the site's blurb).
    Paragraphs in ``skip`` (already removed) are left out of the copy, so that a second
    pass over what the first kept sees the same neighbours; a skipped paragraph's own
    context is the one it would have if it stood alone among the rest. With ``only``, the
    other paragraphs' contexts are left as ``ALONE``: nobody reads them.
    """
    standing, lines, first, last, prose = _standing(texts, skip)
    kinds = [line.kind for line in lines]
    count = len(standing)
    voice = sum(1 for line in lines if line.first_person) / count if count else 0.0
    below = [wall for wall in walls if wall > standing[last]] if last >= 0 else []
    anchors = _anchors(standing, prose, first, last, doubted)
    marks = (first, last, *_shelter(standing, anchors, below)) if prose else (count, -1, count, -1)
    prose_voices = sum(1 for k in prose if lines[k].first_person)
    walled = bool(below)
    story = _story_words(lines, first, last)
    out = [ALONE] * len(texts)
    at = {i: k for k, i in enumerate(standing)}
    for i in range(len(texts)) if only is None else only:
        k = at.get(i)
        if k is None:
            # A skipped paragraph slots in where it stood: marks at or after it move down one.
            k = bisect.bisect_left(standing, i)
            out[i] = _context(
                _line(texts[i]),
                k,
                count + 1,
                k,
                kinds,
                story,
                voice,
                [m + (m >= k) for m in marks],
                prose_voices,
                len(prose),
                walled,
                own=False,
            )
        else:
            out[i] = _context(
                lines[k],
                k,
                count,
                k + 1,
                kinds,
                story,
                voice,
                marks,
                prose_voices,
                len(prose),
                walled,
                own=True,
            )
    return out


def _standing(texts: list[str], skip: Collection[int]):
    """The lines left standing once ``skip`` is removed (their indices in ``texts``), what
    ``contexts`` reads of each, the story's first and last prose among them
    (``_story_span``), and every prose line's place among them."""
    standing = [i for i in range(len(texts)) if i not in skip]
    lines = [_line(texts[i]) for i in standing]
    first, last = _story_span(lines)
    prose = [k for k, line in enumerate(lines) if line.kind == "prose"]
    return standing, lines, first, last, prose


def _context(
    line: _Line,
    k: int,
    count: int,
    after: int,
    kinds: list[str],
    story: StoryWords,
    voice: float,
    marks: Sequence[int],
    prose_voices: int,
    prose: int,
    walled: bool,
    *,
    own: bool,
) -> Context:
    """The context of a line at ``k`` in the standing copy (``own``), or of a skipped line
    slotted in there; ``marks``: the story's first and last lines of prose, the copy's."""
    first, last, top, bottom = marks
    counted = own and line.kind == "prose"  # its own voice does not count
    others = prose - counted
    return Context(
        k,
        count,
        kinds[k - 1] if k else "",
        kinds[after] if after < len(kinds) else "",
        voice,
        story.bucket(line.terms, counted and first <= k <= last),
        top < k < bottom,
        k == first - 1,
        _zone(k, first, last),
        (prose_voices - (counted and line.first_person)) / others if others else 0.0,
        walled,
    )


class Echo(NamedTuple):
    """How much of a line's vocabulary the story's prose uses."""

    shared: int  # the line's content words that the story's prose uses
    words: int  # the line's content words

    @property
    def bucket(self) -> str:
        """ "" (too few words to say), "none", "some" or "most"."""
        if self.words < ECHO_WORDS:
            return ""
        if not self.shared:
            return "none"
        return "most" if self.shared >= ECHO_WORDS and 2 * self.shared >= self.words else "some"


def _echo(terms: frozenset[str], story: StoryWords, in_story: bool) -> Echo:
    """The line's echo; a line of the story's own prose counts only the words another
    paragraph of it uses too."""
    if not story.once:
        return Echo(0, 0)
    return Echo(len(terms & (story.twice if in_story else story.once)), len(terms))


@dataclass(frozen=True, slots=True)
class Story:
    """Where the story's prose lies in some copy, and what each line echoes of it."""

    lines: tuple[_Line, ...]
    first: int  # the story's first and last paragraph of prose (first > last: it has none)
    last: int
    words: StoryWords

    @property
    def start(self) -> int | None:
        """Where the story's prose starts, or None when the copy has none."""
        return self.first if self.first <= self.last else None

    def echo(self, k: int) -> Echo:
        line = self.lines[k]
        return _echo(line.terms, self.words, line.kind == "prose" and self.first <= k <= self.last)


def story(texts: list[str]) -> Story:
    lines = tuple(_line(text) for text in texts)
    first, last = _story_span(lines)
    return Story(lines, first, last, _story_words(lines, first, last))


@dataclass(frozen=True, slots=True)
class StoryWords:
    """The content words of the story's prose: used at all, and by two paragraphs or more."""

    once: frozenset[str]
    twice: frozenset[str]
    # Each line's echo bucket, worked out once: ``learn`` asks again every round, and the
    # story's words seldom change between rounds (``_story_words`` hands back this object).
    buckets: dict[tuple[frozenset[str], bool], str] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def bucket(self, terms: frozenset[str], in_story: bool) -> str:
        """``_echo(terms, self, in_story).bucket``, remembered."""
        key = terms, in_story
        found = self.buckets.get(key)
        if found is None:
            found = self.buckets[key] = _echo(terms, self, in_story).bucket
        return found


def _story_words(lines: Sequence[_Line], first: int, last: int) -> StoryWords:
    return _words_of(tuple(line.terms for line in lines[first : last + 1] if line.kind == "prose"))


@functools.lru_cache(maxsize=16)
def _words_of(prose: tuple[frozenset[str], ...]) -> StoryWords:
    counts = Counter(itertools.chain.from_iterable(prose))
    return StoryWords(frozenset(counts), frozenset(t for t, n in counts.items() if n > 1))


def _anchors(
    standing: list[int], prose: list[int], first: int, last: int, doubted: Collection[int]
) -> list[int]:
    """The prose that shelters (``_shelter``): the story's longest run, and prose outside it
    unless the model read it as furniture (``doubted``: a teaser, the site's blurb). The
    story may go on past its longest run, not past that."""
    if not doubted:
        return prose
    return [k for k in prose if first <= k <= last or standing[k] not in doubted]


def same_shelter(
    texts: list[str], skip: Collection[int], doubted: Collection[int], other: Collection[int]
) -> bool:
    """Whether ``contexts`` shelters the same lines with ``doubted`` as with ``other`` read as
    furniture, once ``skip`` is removed: the first and last prose that shelter agree."""
    standing, _, first, last, prose = _standing(texts, skip)
    one = _anchors(standing, prose, first, last, doubted)
    two = _anchors(standing, prose, first, last, other)
    return (one[:1], one[-1:]) == (two[:1], two[-1:])


def is_prose_line(text: str) -> bool:
    """``is_prose``, remembered with the rest of what ``contexts`` reads of a line."""
    return _line(text).kind == "prose"


def _shelter(standing: list[int], prose: list[int], below: list[int]) -> tuple[int, int]:
    """The lines (in the standing copy) between which the story shelters its furniture: the
    copy's first and last paragraphs of prose; but below the story, when the rules found the
    page's furniture there (``below``: the walls past its last prose), down to the first
    such line and no further: the footer begins at its first share bar or comment form, and
    what stands before it (a fact box's dates, prices and credits, a recipe's last steps)
    may be the story's own, prose or not. Above the story no wall counts: a list article's
    story may start long before its longest run of prose, with a share bar in between."""
    top, bottom = prose[0], prose[-1]
    if below:
        bottom = bisect.bisect_left(standing, min(below))
    return top, bottom


def _story_span(lines: Sequence[_Line]) -> tuple[int, int]:
    """The first and last line of the story's prose: the run of prose paragraphs, each at
    most ``STORY_GAP`` lines from the next, that holds the most words. A page's footer
    blurb or a teaser far below the story is prose too, but not in that run."""
    best, span = 0, (len(lines), -1)
    start = previous = -1
    words = 0
    for i, kind in enumerate([*(line.kind for line in lines), "prose"]):
        if kind != "prose":
            continue
        if i == len(lines) or (previous >= 0 and i - previous > STORY_GAP):
            if words > best:
                best, span = words, (start, previous)
            start, words = i, 0
        if start < 0:
            start = i
        if i < len(lines):
            words += lines[i].words
            previous = i
    return span


def _zone(i: int, first: int, last: int) -> str:
    """Where a line sits against the story's prose: the headline stands just above it,
    a site's menus far above, related headlines and footers below."""
    if last < 0:
        return "none"
    if i < first:
        return "top-near" if first - i <= NEAR_LINES else "top-far"
    if i > last:
        return "bottom-near" if i - last <= NEAR_LINES else "bottom-far"
    return "inside"
