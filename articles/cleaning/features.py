"""What the paragraph classifier sees in a paragraph: hashed n-grams and the shape of the line.

Pure Python, shared by inference (``classifier``) and training (``train``), so both always
see the same numbers. A paragraph becomes a few groups of hashed feature indices, each with
one value; a model's score for a class is its bias plus, per group, the value times the sum
of the weights at those indices (an index listed twice counts twice, as in a sparse matrix
with repeated entries).

The cues that carry over to phrasings never seen: who speaks to whom (an "I" addressing a
"you" about "the article" or "your request"), imperative interface verbs and interface
nouns, the length and ending of the line, title case, digits, links, and where the line
sits in the copy. Character n-grams of each word catch inflections and made-up brand names.

Changing anything here changes what a trained model means: raise ``VERSION`` and retrain
(``make train-cleaner``); a model file made for another version is refused at start-up.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import zlib
from dataclasses import dataclass

from .story import ALONE, VOICE_SHARE, Context
from .text import is_word, tokens

VERSION = 2
BITS = 18
SIZE = 1 << BITS
_MASK = SIZE - 1

_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019-]*")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"https?://|www\.|\w\.(?:com|org|net|co|uk|io|news|gov|edu|info|tv)\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.\w+")
_TIMER = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*$")
_DIGITS_ONLY = re.compile(r"^[\d\s.,:/()%+\-\u2013]+$")
_PLACEHOLDER = re.compile(r"\[[^\]]{1,60}\]|\{\{?[^}]{1,60}\}\}?|<[^>]{1,40}>|\bX{2,}\b")
_LABEL = re.compile(r"^[\w][\w ./&-]{0,30}:\s")
_MARKDOWN = re.compile(r"\*\*|^#{1,6}\s|^\s*[-*\u2022]\s|^\s*\d+[.)]\s")
_SEPARATOR = re.compile(r"\s[|\u00b7\u2022/\u203a\u00bb>]\s")

FIRST_PERSON = frozenset(["i", "i'm", "i've", "i'll", "i'd", "me", "my", "mine", "myself"])
SECOND_PERSON = frozenset(
    ["you", "you're", "you've", "you'll", "you'd", "your", "yours", "yourself"]
)
# What an assistant and its user talk about: the copy itself and the exchange.
TASK_NOUNS = frozenset(
    """article text rewrite rewritten request prompt draft version content piece summary passage
    copy essay post paragraph paragraphs response answer query task input output document
    headline headlines outline brief notes instructions tone style wording revision edits
    changes feedback details information""".split()  # noqa: SIM905
)
# Verbs a page's buttons and prompts open with.
UI_VERBS = frozenset(
    """share subscribe sign log follow download continue click tap read watch listen join get
    register create skip view see load show back go contact email print save comment reply
    like accept allow manage install enable disable turn support donate try play explore
    learn discover shop buy open close start upgrade unlock report visit browse check find
    sort filter submit send enter search select choose""".split()  # noqa: SIM905
)
UI_NOUNS = frozenset(
    """newsletter newsletters comments comment account cookies cookie app apps subscription
    subscribers subscriber login password inbox podcast podcasts notifications browser ad ads
    adblocker blocker premium membership member members menu homepage settings privacy terms
    feed rss video videos audio gallery slideshow photos photo live radio player newsroom
    editions edition sponsored advertisement advertising advertise careers contact policy
    button link links discussion community sign-in signup download store""".split()  # noqa: SIM905
)
_LENGTHS = ((1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (25, "13-25"), (50, "26-50"))
CASE_CHARS = 200  # the case of a line's opening is enough to call it Title Case or CAPITALS
MAX_WORD = 30  # characters of a word that count: a run of 10,000 letters is not 10,000 cues


def _hash_text(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & _MASK


@functools.lru_cache(maxsize=1 << 12)
def _hash(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & _MASK


@functools.lru_cache(maxsize=1 << 17)
def word_indices(word: str) -> tuple[int, ...]:
    """The word itself and its character 3- and 4-grams, with word edges marked. (Hashed
    without ``_hash``'s memory: this function remembers each word, and a megabyte of pages
    holds more distinct n-grams than that memory keeps, so it would only churn.)"""
    word = word[:MAX_WORD]
    padded = f"<{word}>"
    grams = [f"w:{word}"]
    for n in (3, 4):
        grams.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(map(_hash_text, grams))


def shape(text: str, words: list[str]) -> list[str]:
    """Named cues of the line's form and its voice."""
    names: list[str] = []
    n = len(words)
    for limit, label in _LENGTHS:
        if n <= limit:
            names.append(f"len:{label}")
            break
    else:
        names.append("len:51+")
    stripped = text.rstrip()
    last = stripped[-1:] if stripped else ""
    names.append(
        "end:"
        + (last if last in ".!?:;)\u2026\"'\u201d" else "digit" if last.isdigit() else "none")
    )
    vocabulary = set(words)
    first = not FIRST_PERSON.isdisjoint(vocabulary)
    second = not SECOND_PERSON.isdisjoint(vocabulary)
    task = not TASK_NOUNS.isdisjoint(vocabulary)
    if first:
        names.append("voice:i")
    if second:
        names.append("voice:you")
    if first and second:
        names.append("voice:i+you")
        if task:
            names.append("voice:i+you+task")
    if (first or second) and task:
        names.append("voice:person+task")
    if words and words[0] in UI_VERBS:
        names.append("start:ui-verb")
        if n <= 8:
            names.append("start:ui-verb-short")
    ui_nouns = len(UI_NOUNS & vocabulary)
    if ui_nouns:
        names.append("ui-noun")
        if ui_nouns > 1:
            names.append("ui-nouns")
    head = text[:CASE_CHARS]
    letters = _ALPHA_WORD.findall(head)
    if letters:
        capitalised = len(_CAPITALISED.findall(head))
        if capitalised >= 0.8 * len(letters):
            names.append("case:title")
        if head.isupper() and len(head) > 3:
            names.append("case:upper")
        if letters[0][0].islower():
            names.append("case:lower-start")
    else:
        names.append("no-letters")
    if _DIGITS_ONLY.match(text):
        names.append("digits-only")
    if _TIMER.match(text):
        names.append("timer")
    if _URL.search(text):
        names.append("url")
        if n <= 12:
            names.append("url-short")
    if "@" in text and _EMAIL.search(text):
        names.append("email")
    if ("[" in text or "{" in text or "<" in text or "XX" in text) and _PLACEHOLDER.search(text):
        names.append("placeholder")
    if _LABEL.match(text):
        names.append("label:")
    if _MARKDOWN.search(text):
        names.append("markdown")
    if _SEPARATOR.search(text):
        names.append("separators")
    if "\u00a9" in text or "(c)" in text.lower():
        names.append("copyright-sign")
    return names


def place(context: Context, first_person: bool) -> list[str]:
    """Named cues of where the line sits; none for a paragraph judged alone."""
    if not context.count:
        return []
    names = [
        f"ctx:before-{context.before or 'edge'}",
        f"ctx:after-{context.after or 'edge'}",
        f"zone:{context.zone}",
        *_position(context.position, context.count),
    ]
    if context.echo:
        names.append(f"echo:{context.echo}")
    if context.before == context.after == "prose":
        names.append("ctx:between-prose")
    if first_person and context.voice_share >= VOICE_SHARE:
        names.append("voice:i-in-first-person-copy")
    return names


def place_key(context: Context, first_person: bool) -> tuple:
    """What ``place`` reads of a context: equal keys, equal place cues."""
    if not context.count:
        return ()
    return (
        context.before,
        context.after,
        context.zone,
        context.echo,
        _place_in_copy(context.position, context.count),
        first_person and context.voice_share >= VOICE_SHARE,
    )


def _position(position: int, count: int) -> tuple[str, ...]:
    return _POSITION_NAMES[_place_in_copy(position, count)]


def _place_in_copy(position: int, count: int) -> tuple[int, int, int, bool]:
    """Top (0 first line, 1 in the top three, 2 neither), bottom (likewise), the fifth of
    the copy, and whether the copy is tiny: all ``_position`` names."""
    top = 0 if position == 0 else 1 if position < 3 else 2
    bottom = 0 if position == count - 1 else 1 if position >= count - 3 else 2
    return top, bottom, min(4, 5 * position // count), count <= 3


def _position_names(top: int, bottom: int, fifth: int, tiny: bool) -> tuple[str, ...]:
    names = [("pos:first", "pos:top3", "")[top], ("pos:last", "pos:bottom3", "")[bottom]]
    names.append(f"pos:fifth{fifth}")
    if tiny:
        names.append("pos:tiny-copy")
    return tuple(name for name in names if name)


_POSITION_NAMES = {
    key: _position_names(*key)
    for key in itertools.product(range(3), range(3), range(5), (False, True))
}


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """What a paragraph's own text gives, whatever its place: worked out once per paragraph.

    The words' features (each word and its character n-grams) share one value; so do the
    word pairs; the shape cues count one each.
    """

    words: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    shape: tuple[str, ...]
    first_person: bool

    @property
    def groups(self) -> list[tuple[float, tuple[int, ...]]]:
        grams = tuple(index for word in self.words for index in word_indices(word))
        pairs = tuple(pair_index(a, b) for a, b in self.pairs)
        return [
            (share(len(grams)), grams),
            (share(len(pairs)), pairs),
            (1.0, tuple(name_index(name) for name in self.shape)),
        ]


def share(count: int) -> float:
    """The value each of ``count`` features of one group carries."""
    return 1.0 / math.sqrt(count) if count else 0.0


@functools.lru_cache(maxsize=1 << 14)
def text_features(text: str) -> TextFeatures:
    toks = tokens(text)
    words = tuple(t for t in toks if is_word(t))
    pairs = list(itertools.pairwise(toks))
    if toks:
        pairs.append(("^", toks[0]))
        pairs.append((toks[-1], "$"))
    return TextFeatures(
        words=words,
        pairs=tuple(pairs),
        shape=tuple(shape(text, list(words))),
        first_person=not FIRST_PERSON.isdisjoint(words),
    )


_PAIRS: dict[tuple[str, str], int] = {}


def pair_index(a: str, b: str) -> int:
    index = _PAIRS.get((a, b))
    if index is None:
        if len(_PAIRS) > 1 << 18:
            _PAIRS.clear()
        index = _PAIRS[a, b] = _hash_text(f"b:{a} {b}")
    return index


def name_index(name: str) -> int:
    return _hash("s:" + name)


def place_indices(context: Context, first_person: bool) -> tuple[int, ...]:
    return _place_indices(place_key(context, first_person), context, first_person)


_PLACE_CACHE: dict[tuple, tuple[int, ...]] = {}


def _place_indices(key: tuple, context: Context, first_person: bool) -> tuple[int, ...]:
    indices = _PLACE_CACHE.get(key)
    if indices is None:
        if len(_PLACE_CACHE) > 1 << 12:
            _PLACE_CACHE.clear()
        indices = _PLACE_CACHE[key] = tuple(name_index(n) for n in place(context, first_person))
    return indices


def vector(text: str, context: Context = ALONE) -> list[tuple[float, tuple[int, ...]]]:
    """The paragraph as groups of (value, hashed indices): what training reads."""
    own = text_features(text)
    return [*own.groups, (1.0, place_indices(context, own.first_person))]


def named(text: str, context: Context = ALONE) -> dict[int, str]:
    """Each index of ``vector``'s features -> a readable name, to explain a verdict."""
    toks = tokens(text)
    words = [t for t in toks if is_word(t)]
    names: dict[int, str] = {}
    for word in words:
        for index in word_indices(word):
            names.setdefault(index, word)
    for a, b in itertools.pairwise(toks):
        names.setdefault(pair_index(a, b), f"{a} {b}")
    first = not FIRST_PERSON.isdisjoint(words)
    for name in shape(text, words) + place(context, first):
        names.setdefault(_hash("s:" + name), name)
    return names
