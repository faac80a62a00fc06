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
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass

from .extract import headline_like
from .story import Echo, Story, story
from .text import fold

REACH = 10
PAGE_REACH = 40
# Pasted copy: the story's prose starts within this many lines of the top.
PASTED = 3
# On a page, the story's words a headline must use: two are often a section's name.
PAGE_SHARED = 4


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
) -> Pick | None:
    """The headline among ``texts``, leaving out ``removed`` lines and ``junk`` ones.

    A ``doubtful`` junk line (the classifier's only, and only for review) may still be a
    page's headline found by its echo when no clean line echoes the story: a page's own
    headline reads much like the related headlines around it, and what tells it apart is
    the story's words.
    """
    present = [i for i in range(len(texts)) if i not in removed]
    copy = story([texts[i] for i in present])
    standing = [k for k, i in enumerate(present) if not junk[i]]
    echoing = _best_echo(texts, present, copy, [not junk[i] for i in present]) or _best_echo(
        texts, present, copy, [not junk[i] or i in doubtful for i in present]
    )
    lead = _lead(texts, present, standing, copy) if standing else None
    start = copy.start
    if lead is None or echoing is None or start is None or start <= PASTED:
        return lead or echoing
    # On a page the first line may be the site's name or a banner that happens to use a few
    # of the story's words: a line nearer the story that echoes it more is the headline.
    first, near = _rank(copy, present.index(lead.line)), _rank(copy, present.index(echoing.line))
    return echoing if near[0] > first[0] and near[1] >= first[1] else lead


def _best_echo(texts: list[str], present: list[int], copy: Story, eligible: list[bool]):
    """Of the ``eligible`` headline-like lines up to ``PAGE_REACH`` lines above the story
    that use mostly the story's words (``PAGE_SHARED`` at least), the one whose words the
    story uses most (the first of equals), for an editor to confirm."""
    start = copy.start
    if start is None:
        return None
    best, rank = None, None
    for k in range(max(0, start - PAGE_REACH), start):
        if not eligible[k] or not _echoes_story(copy.echo(k)):
            continue
        if headline_like(texts[present[k]]) and (rank is None or _rank(copy, k) > rank):
            best, rank = k, _rank(copy, k)
    return None if best is None else Pick(present[best], (), "review")


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
