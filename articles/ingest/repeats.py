"""Is this wire story one the desk already has, reworded? Pure Python, on the cleaner's dup rules.

Two steps, so the cost per item stays flat however many recent items there are:

1. **Keys.** A reworded story keeps its facts: the cleaner's repeat detection only calls
   two sentences the same when they state the same numbers and name the same people and
   places (``cleaning.dup.same_facts``). So each story is summed up by its facts, the
   numbers and capitalised names of its body, and of those the ``SKETCH`` whose digests
   are smallest (a bottom-k sketch: two stories sharing most facts share most of these,
   whatever order the facts come in). Every pair of them is a key, stored with the item;
   a recent item sharing a key is a candidate. A pair is rare where one name (the town's)
   would be in every story.
2. **Confirmation.** The new story's paragraphs are run through ``cleaning.dup.find``
   right after a candidate's: the story is a repeat when most of its paragraphs are found
   to say again (word for word, nearly, or in other words) what the candidate said.
"""

from __future__ import annotations

import hashlib
import itertools
import re

from articles.cleaning import dup
from articles.cleaning.text import is_prose, numbers

SKETCH = 8  # facts kept per story: 28 keys
MIN_FACTS = 3
REPEAT_SHARE = 0.5  # of the new story's prose paragraphs
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'-]+")


def facts(paragraphs: list[str]) -> set[str]:
    """The numbers and the capitalised names (not a sentence's first word) of the paragraphs."""
    found: set[str] = set()
    for paragraph in paragraphs:
        found.update(numbers(paragraph))
        found.update(match.group(0).lower() for match in _NAME.finditer(paragraph))
    return found


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def repeat_keys(paragraphs: list[str]) -> list[str]:
    """The story's keys: digests of the pairs among its ``SKETCH`` lowest-digest facts."""
    found = facts(paragraphs)
    if len(found) < MIN_FACTS:
        return []
    sketch = sorted(found, key=_digest)[:SKETCH]
    return sorted(
        {_digest("\x1f".join(sorted(pair))) for pair in itertools.combinations(sketch, 2)}
    )


def repeat_share(earlier: list[str], later: list[str]) -> float:
    """The share of ``later``'s prose paragraphs the cleaner finds repeating ``earlier``.

    A paragraph that only repeats something earlier in ``later`` itself does not count.
    """
    prose = [i for i, text in enumerate(later) if is_prose(text)]
    if not prose:
        return 0.0
    offset = len(earlier)
    together = dup.find(earlier + later, set())
    alone = dup.find(later, set())
    repeated = [i for i in prose if (offset + i) in together and i not in alone]
    return len(repeated) / len(prose)


def is_repeat(earlier: list[str], later: list[str]) -> bool:
    return bool(earlier) and repeat_share(earlier, later) >= REPEAT_SHARE
