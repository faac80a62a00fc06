"""extract.headline: which line of the copy is its headline.

Pasted copy puts the headline first, right above the story. A whole page copied as text puts
it somewhere above the story, among menus, dates, captions and share buttons, any of which
may also read like a headline. What the page's own headline has that they lack is the
story's words: it says what the story says (``story.Story.echo``).

So the first line still standing is the headline when it reads as one, stands within
``REACH`` lines of the story's prose, and either leads straight into the story or uses some
of its words. Failing that, the first headline-like line within ``PAGE_REACH`` lines above
the story that uses mostly the story's words is the headline, for an editor to confirm.
A line flagged as junk, even only for review, is never the headline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .extract import headline_like
from .story import Echo, Story, story
from .text import fold

REACH = 10
PAGE_REACH = 40
# Pasted copy: the story's prose starts within this many lines of the top.
PASTED = 3
# On a page, the story's words a headline must use: two are often a section's name.
PAGE_SHARED = 3


@dataclass(frozen=True, slots=True)
class Pick:
    line: int  # index in the copy
    copies: tuple[int, ...]  # the same line printed again right after it
    action: str  # "remove" (moved into the headline field) or "review" (an editor confirms)


def pick_headline(texts: list[str], junk: list[bool], removed: set[int]) -> Pick | None:
    """The headline among ``texts``, leaving out ``removed`` lines and ``junk`` ones."""
    present = [i for i in range(len(texts)) if i not in removed]
    copy = story([texts[i] for i in present])
    standing = [k for k, i in enumerate(present) if not junk[i]]
    if not standing:
        return None
    lead = _lead(texts, present, standing, copy)
    if lead is not None:
        return lead
    start = copy.start
    if start is None:
        return None
    for k in standing:
        near = start - PAGE_REACH <= k < start
        if near and _echoes_story(copy.echo(k)) and headline_like(texts[present[k]]):
            return Pick(present[k], (), "review")
    return None


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
