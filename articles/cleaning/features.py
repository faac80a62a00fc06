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

VERSION = 1
BITS = 18
SIZE = 1 << BITS
_MASK = SIZE - 1

_TOKEN = re.compile(r"[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)?|[^\sa-z0-9\u00c0-\u024f]")
_WORDISH = re.compile(r"[a-z0-9\u00c0-\u024f]")
_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019-]*")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co|uk|io|news|gov|edu|info|tv)\b")
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
    [
        "article",
        "text",
        "rewrite",
        "rewritten",
        "request",
        "prompt",
        "draft",
        "version",
        "content",
        "piece",
        "summary",
        "passage",
        "copy",
        "essay",
        "post",
        "paragraph",
        "paragraphs",
        "response",
        "answer",
        "query",
        "task",
        "input",
        "output",
        "document",
        "headline",
        "headlines",
        "outline",
        "brief",
        "notes",
        "instructions",
        "tone",
        "style",
        "wording",
        "revision",
        "edits",
        "changes",
        "feedback",
        "details",
        "information",
    ]
)
# Verbs a page's buttons and prompts open with.
UI_VERBS = frozenset(
    [
        "share",
        "subscribe",
        "sign",
        "log",
        "follow",
        "download",
        "continue",
        "click",
        "tap",
        "read",
        "watch",
        "listen",
        "join",
        "get",
        "register",
        "create",
        "skip",
        "view",
        "see",
        "load",
        "show",
        "back",
        "go",
        "contact",
        "email",
        "print",
        "save",
        "comment",
        "reply",
        "like",
        "accept",
        "allow",
        "manage",
        "install",
        "enable",
        "disable",
        "turn",
        "support",
        "donate",
        "try",
        "play",
        "explore",
        "learn",
        "discover",
        "shop",
        "buy",
        "open",
        "close",
        "start",
        "upgrade",
        "unlock",
        "report",
        "visit",
        "browse",
        "check",
        "find",
        "sort",
        "filter",
        "submit",
        "send",
        "enter",
        "search",
        "select",
        "choose",
    ]
)
UI_NOUNS = frozenset(
    [
        "newsletter",
        "newsletters",
        "comments",
        "comment",
        "account",
        "cookies",
        "cookie",
        "app",
        "apps",
        "subscription",
        "subscribers",
        "subscriber",
        "login",
        "password",
        "inbox",
        "podcast",
        "podcasts",
        "notifications",
        "browser",
        "ad",
        "ads",
        "adblocker",
        "blocker",
        "premium",
        "membership",
        "member",
        "members",
        "menu",
        "homepage",
        "settings",
        "privacy",
        "terms",
        "feed",
        "rss",
        "video",
        "videos",
        "audio",
        "gallery",
        "slideshow",
        "photos",
        "photo",
        "live",
        "radio",
        "player",
        "newsroom",
        "editions",
        "edition",
        "sponsored",
        "advertisement",
        "advertising",
        "advertise",
        "careers",
        "contact",
        "policy",
        "button",
        "link",
        "links",
        "discussion",
        "community",
        "sign-in",
        "signup",
        "download",
        "store",
    ]
)
_LENGTHS = ((1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (25, "13-25"), (50, "26-50"))
_FIRST_PERSON = re.compile("\\b(?:I|I'm|I\u2019m|I've|I\u2019ve|my|me)\\b")
_PROSE_END = re.compile("[.!?][\"'\u201d\u2019)]*$")
PROSE_WORDS = 12
NEAR_LINES = 10
STORY_GAP = 8


@dataclass(frozen=True, slots=True)
class Context:
    """Where a paragraph sits: its place, its neighbours' shape, the copy's voice."""

    position: int = 0
    count: int = 0  # 0: no copy around it (a paragraph judged alone)
    before: str = ""  # "prose", "short", "line" or "" at an edge
    after: str = ""
    voice_share: float = 0.0  # share of the copy's paragraphs that speak as "I"
    # Not features: where removing is safe. Inside the story (between the copy's first and
    # last paragraphs of prose) and on the line just before it (a headline, a standfirst),
    # a learned verdict only ever asks an editor.
    inside: bool = False
    lead_in: bool = False
    zone: str = ""  # "top-far", "top-near", "inside", "bottom-near", "bottom-far", "none"


def is_prose(text: str) -> bool:
    """A full sentence or more: enough words and a sentence's last mark."""
    return text.count(" ") + 1 >= PROSE_WORDS and bool(_PROSE_END.search(text))


def _kind(text: str) -> str:
    if is_prose(text):
        return "prose"
    return "short" if text.count(" ") < 4 else "line"


def contexts(texts: list[str]) -> list[Context]:
    """Each paragraph's ``Context`` in ``texts``, the copy in order."""
    count = len(texts)
    kinds = [_kind(t) for t in texts]
    voice = sum(1 for t in texts if _FIRST_PERSON.search(t)) / count if count else 0.0
    first, last = _story_span(texts, kinds)
    prose = [i for i, kind in enumerate(kinds) if kind == "prose"]
    top, bottom = (prose[0], prose[-1]) if prose else (count, -1)
    return [
        Context(
            position=i,
            count=count,
            before=kinds[i - 1] if i else "",
            after=kinds[i + 1] if i + 1 < count else "",
            voice_share=voice,
            inside=top < i < bottom,
            lead_in=i == first - 1,
            zone=_zone(i, first, last),
        )
        for i in range(count)
    ]


def _story_span(texts: list[str], kinds: list[str]) -> tuple[int, int]:
    """The first and last line of the story's prose: the run of prose paragraphs, each at
    most ``STORY_GAP`` lines from the next, that holds the most words. A page's footer
    blurb or a teaser far below the story is prose too, but not in that run."""
    best, span = 0, (len(texts), -1)
    start = previous = -1
    words = 0
    for i, kind in enumerate([*kinds, "prose"]):
        if kind != "prose":
            continue
        if i == len(kinds) or (previous >= 0 and i - previous > STORY_GAP):
            if words > best:
                best, span = words, (start, previous)
            start, words = i, 0
        if start < 0:
            start = i
        if i < len(kinds):
            words += texts[i].count(" ") + 1
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


def _hash(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & _MASK


@functools.lru_cache(maxsize=1 << 17)
def _word_features(word: str) -> tuple[int, ...]:
    """The word itself and its character 3- and 4-grams, with word edges marked."""
    padded = f"<{word}>"
    grams = [f"w:{word}"]
    for n in (3, 4):
        grams.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(_hash(g) for g in grams)


@functools.lru_cache(maxsize=1 << 17)
def _pair(a: str, b: str) -> int:
    return _hash(f"b:{a} {b}")


def tokens(text: str) -> list[str]:
    """Lower-case words and single punctuation marks, curly apostrophes straightened."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def shape(text: str, words: list[str], context: Context) -> list[str]:
    """Named cues of the line's form, its voice and its place in the copy."""
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
        if context.voice_share >= 0.25:
            names.append("voice:i-in-first-person-copy")
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
    letters = _ALPHA_WORD.findall(text)
    if letters:
        capitalised = len(_CAPITALISED.findall(text))
        if capitalised >= 0.8 * len(letters):
            names.append("case:title")
        if text.isupper() and len(text) > 3:
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
    if _EMAIL.search(text):
        names.append("email")
    if _PLACEHOLDER.search(text):
        names.append("placeholder")
    if _LABEL.match(text):
        names.append("label:")
    if _MARKDOWN.search(text):
        names.append("markdown")
    if _SEPARATOR.search(text):
        names.append("separators")
    if "\u00a9" in text or "(c)" in text.lower():
        names.append("copyright-sign")
    if context.count:
        names.extend(_place(context))
    return names


def _place(context: Context) -> list[str]:
    position, count = context.position, context.count
    names = [
        f"ctx:before-{context.before or 'edge'}",
        f"ctx:after-{context.after or 'edge'}",
        f"zone:{context.zone}",
    ]
    if context.before == context.after == "prose":
        names.append("ctx:between-prose")
    if position == 0:
        names.append("pos:first")
    elif position < 3:
        names.append("pos:top3")
    if position == count - 1:
        names.append("pos:last")
    elif position >= count - 3:
        names.append("pos:bottom3")
    names.append(f"pos:fifth{min(4, 5 * position // count)}")
    if count <= 3:
        names.append("pos:tiny-copy")
    return names


def vector(text: str, context: Context = Context()) -> list[tuple[float, list[int]]]:
    """The paragraph as groups of (value, hashed indices)."""
    toks = tokens(text)
    words = [t for t in toks if _WORDISH.match(t)]
    grams: list[int] = []
    for word in words:
        grams.extend(_word_features(word))
    pairs = [_pair(a, b) for a, b in itertools.pairwise(toks)]
    if toks:
        pairs.append(_pair("^", toks[0]))
        pairs.append(_pair(toks[-1], "$"))
    groups: list[tuple[float, list[int]]] = []
    if grams:
        groups.append((1.0 / math.sqrt(len(grams)), grams))
    if pairs:
        groups.append((1.0 / math.sqrt(len(pairs)), pairs))
    groups.append((1.0, [_hash("s:" + name) for name in shape(text, words, context)]))
    return groups


def named(text: str, context: Context = Context()) -> dict[int, str]:
    """Each index of ``vector``'s features -> a readable name, to explain a verdict."""
    toks = tokens(text)
    words = [t for t in toks if _WORDISH.match(t)]
    names: dict[int, str] = {}
    for word in words:
        for index in _word_features(word):
            names.setdefault(index, word)
    for a, b in itertools.pairwise(toks):
        names.setdefault(_pair(a, b), f"{a} {b}")
    for name in shape(text, words, context):
        names.setdefault(_hash("s:" + name), name)
    return names
