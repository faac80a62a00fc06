"""extract.headline: which line of the copy is its headline.

Pasted copy puts the headline first, right above the story. A whole page copied as text puts
it somewhere above the story, among menus, dates, captions and share buttons, any of which
may also read like a headline. What the page's own headline has that they lack is the
story's words: it says what the story says (``story.Story.echo``).

So the first line still standing is the headline when it reads as one, stands within
``REACH`` lines of the story's prose, and either leads straight into the story or uses some
of its words. Failing that, or on a page where a line nearer the story echoes it more than
that first line does, the headline-like line within ``PAGE_REACH`` lines above the story
whose words the story uses most is the headline, for an editor to confirm. A line flagged
as junk is never the headline, unless the classifier alone flagged it for review and no
clean line echoes the story.

Above all, on a page the byline says where the headline is: a news page prints the
headline, perhaps a standfirst and a date, then "By ...". The headline-like line standing
just above the byline (``BYLINE_REACH``), with some of the story's words, is the headline,
however many related headlines or tag lists echo the story more.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection
from dataclasses import dataclass

from .extract import headline_like
from .story import Echo, Story, story, word_count
from .text import fold

REACH = 10
PAGE_REACH = 40
# Pasted copy: the story's prose starts within this many lines of the top of the copy as it
# came (a page whose menus the cleaner removed is still a page).
PASTED = 3
# How far above the byline its headline stood in the copy as it came, removed lines and all:
# with a page's menus removed, the lines standing just above the byline reach back to
# headlines of other stories.
BYLINE_SPAN = 10
# On a page, the story's words a headline must use: two are often a section's name.
PAGE_SHARED = 4
# Words of the headline a section or a breadcrumb may be printed before (``_unprefixed``).
HEADLINE_WORDS = 4
PREFIX_WORDS = 4  # "Home News Business News"
# Lines between a page's headline and its byline: a standfirst, a date, a section label.
BYLINE_REACH = 4
# The story's words the headline above the byline uses: a section's name has one or two.
BYLINE_SHARED = 3


@dataclass(frozen=True, slots=True)
class Pick:
    line: int  # index in the copy
    copies: tuple[int, ...]  # the same line printed again right after it
    action: str  # "remove" (moved into the headline field) or "review" (an editor confirms)


def pick_headline(
    texts: list[str],
    junk: list[bool],
    removed: set[int],
    doubtful: Collection[int] = frozenset(),
    bylines: Collection[int] = (),
) -> Pick | None:
    """The headline among ``texts``, leaving out ``removed`` lines and ``junk`` ones.

    A ``doubtful`` junk line (the classifier's only, and only for review) may still be a
    page's headline found by its echo when no clean line echoes the story: a page's own
    headline reads much like the related headlines around it, and what tells it apart is
    the story's words. ``bylines``: the lines a rule read as the byline ("By ..."), which
    a page prints just below its headline.
    """
    picked = _pick(texts, junk, removed, doubtful, bylines)
    return picked and _unprefixed(texts, junk, removed, doubtful, picked)


def _pick(texts, junk, removed, doubtful, bylines) -> Pick | None:
    present = [i for i in range(len(texts)) if i not in removed]
    copy = story([texts[i] for i in present])
    standing = [k for k, i in enumerate(present) if not junk[i]]
    clean = [not junk[i] for i in present]
    doubted = [not junk[i] or i in doubtful for i in present]
    # Just above the byline, a line only the classifier doubts is still the headline.
    bylined = _above_byline(texts, present, copy, doubted, bylines)
    echoing = _best_echo(texts, present, copy, clean) or _best_echo(texts, present, copy, doubted)
    lead = _lead(texts, present, standing, copy) if standing else None
    start = copy.start
    paged = start is not None and present[start] > PASTED
    if bylined is not None and paged:
        return lead if lead is not None and lead.line == bylined.line else bylined
    if lead is None or echoing is None or not paged:
        return lead or echoing
    # On a page the first line may be the site's name or a banner that happens to use a few
    # of the story's words: a line nearer the story that echoes it more is the headline.
    first, near = _rank(copy, present.index(lead.line)), _rank(copy, present.index(echoing.line))
    return echoing if near[0] > first[0] and near[1] >= first[1] else lead


def _unprefixed(
    texts: list[str],
    junk: list[bool],
    removed: set[int],
    doubtful: Collection[int],
    picked: Pick,
) -> Pick:
    """The headline without the section or breadcrumb a page prints before it once
    ("Business|Harbour Wall Keeps Town Guessing", "Home News Harbour wall to be rebuilt"):
    another line standing, not junk (or junk only in the classifier's doubt: the headline
    plain reads much like the page's other headlines), that the picked one ends with after
    at most ``PREFIX_WORDS`` words, and that reads as a headline of ``HEADLINE_WORDS`` or more, for
    an editor to confirm. (A longer lead-in is the headline's own: "'A quote': the rest".)"""
    printed = texts[picked.line]
    key = fold(printed)
    last = key.rsplit(" ", 1)[-1]
    for i, text in enumerate(texts):
        # Shorter, and with the last word: most lines are ruled out before they are folded.
        if len(text) >= len(printed) or last not in text.lower():
            continue
        if i == picked.line or i in removed or (junk[i] and i not in doubtful):
            continue
        plain = fold(text)
        if (
            len(plain.split()) >= HEADLINE_WORDS
            and key.endswith(" " + plain)
            and len(key.split()) - len(plain.split()) <= PREFIX_WORDS
            and headline_like(text)
        ):
            return Pick(i, (), "review")
    return picked


def _best_echo(texts: list[str], present: list[int], copy: Story, eligible: list[bool]):
    """Of the ``eligible`` headline-like lines up to ``PAGE_REACH`` lines above the story,
    or its first line (a headline that asks a long question reads as prose), that use
    mostly the story's words (``PAGE_SHARED`` at least), the one whose words the story uses
    most (the first of equals), for an editor to confirm."""
    start = copy.start
    if start is None:
        return None
    best, rank = None, None
    for k in range(max(0, start - PAGE_REACH), start + 1):
        if not eligible[k] or not _echoes_story(copy.echo(k)):
            continue
        if headline_like(texts[present[k]]) and (rank is None or _rank(copy, k) > rank):
            best, rank = k, _rank(copy, k)
    return None if best is None else Pick(present[best], (), "review")


def _above_byline(
    texts: list[str], present: list[int], copy: Story, eligible: list[bool], bylines
) -> Pick | None:
    """Of the ``eligible`` headline-like lines at most ``BYLINE_REACH`` lines above the
    page's first byline (a date, a photo's title and caption between), and at most
    ``BYLINE_SPAN`` above it in the copy as it came, the one that uses
    most of the story's words (``BYLINE_SHARED`` at least; the nearest of equals), for an
    editor to confirm; or the line above it when that one is such a line too and shorter:
    the nearer, longer line is the standfirst under its headline. The byline stands at most
    ``PAGE_REACH`` lines above the story's prose, or among its first lines: a standfirst
    reads as prose too."""
    start = copy.start
    if start is None or not bylines:
        return None
    top = present[max(0, start - PAGE_REACH)]
    bottom = present[min(start + BYLINE_REACH, len(present) - 1)]
    byline = min((i for i in bylines if top <= i <= bottom), default=None)
    if byline is None:
        return None

    def fits(k: int) -> bool:
        return (
            k >= 0
            and byline - present[k] <= BYLINE_SPAN
            and eligible[k]
            and headline_like(texts[present[k]])
            and copy.echo(k).shared >= BYLINE_SHARED
        )

    below = bisect.bisect_left(present, byline)  # the first line standing after the byline
    lines = [k for k in range(below - 1, below - 1 - BYLINE_REACH, -1) if fits(k)]
    if not lines:
        return None
    near = max(lines, key=lambda k: (copy.echo(k).shared, k))
    if fits(near - 1) and word_count(texts[present[near]]) > word_count(texts[present[near - 1]]):
        near -= 1
    return Pick(present[near], (), "review")


def _rank(copy: Story, k: int) -> tuple[float, int]:
    """Share of the line's words that the story uses, then how many."""
    echo = copy.echo(k)
    return echo.shared / max(echo.words, 1), echo.shared


def _lead(texts: list[str], present: list[int], standing: list[int], copy: Story) -> Pick | None:
    """The first standing line as the headline of pasted copy, or None.

    Removed (moved into the headline field) only when the line after it does not read as a
    headline too: otherwise a second pass would find that one first and take it.
    """
    first = standing[0]
    text = texts[present[first]]
    if not headline_like(text):
        return None
    # The headline printed twice in a row: the copies go with it, or a second pass would
    # find the copy standing first and take it for the headline.
    key = fold(text)
    copies = list(itertools.takewhile(lambda k: fold(texts[present[k]]) == key, standing[1:]))
    following = standing[1 + len(copies) :]
    if not following:
        return None
    start = copy.start
    if start is not None:
        if start - first > REACH:
            return None
        echo = copy.echo(first)
        pasted = start <= PASTED and (following[0] == start or echo.shared > 0)
        if not (pasted or _echoes_story(echo)):
            return None
    action = "review" if headline_like(texts[present[following[0]]]) else "remove"
    return Pick(present[first], tuple(present[k] for k in copies), action)


def _echoes_story(echo: Echo) -> bool:
    return echo.bucket == "most" and echo.shared >= PAGE_SHARED
