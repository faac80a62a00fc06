"""dup.*: a paragraph that says again what an earlier one said.

Verbatim and near-verbatim repeats that add nothing are removed; rewordings (the spinner's
synonyms and moved clauses) go to review, and so does a paragraph that says again, in other
words, what the paragraph right before it said. The first occurrence always stays.

Numbers, names and places are facts: two paragraphs alike but for them are two facts, not
a repeat (``same_facts``).

Cost stays about linear: exact repeats are a dict look-up; near and reworded candidates
come from an inverted index of content words whose posting lists are capped, so a common
word never turns into a comparison with every earlier sentence.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from .result import Finding
from .text import content_words, fold, is_prose, numbers, sentences

_NAME = re.compile(r"\b[A-Z][\w-]+")
_NAME_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:of\s+|and\s+|the\s+)?[A-Z][\w-]*)+")
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)
_LOWER_WORD = re.compile(r"[\w-]+")

NEAR_RATIO = 90.0
REWORD_MIN_WORDS = 5
REWORD_OVERLAP = 0.7  # shared content words over the smaller sentence's
REWORD_JACCARD = 0.45
POSTING_CAP = 40
CANDIDATES = 8
SURE_WORDS = 8
MIN_WORDS = 4
# A paragraph right after another says the same thing when most of its meaning words are
# there already: looser than REWORD_* because neighbours rarely share that much by chance.
NEXT_OVERLAP = 0.6
NEXT_JACCARD = 0.35
NEXT_MIN_WORDS = 6


class _Index:
    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.words: list[frozenset[str]] = []
        self.owner: list[int] = []
        self.texts: list[str] = []

    def add(self, words: frozenset[str], owner: int, text: str) -> None:
        sid = len(self.words)
        self.words.append(words)
        self.owner.append(owner)
        self.texts.append(text)
        for word in words:
            posting = self.postings[word]
            if len(posting) < POSTING_CAP:
                posting.append(sid)

    def candidates(self, words: frozenset[str], least: float) -> list[int]:
        """Up to CANDIDATES earlier entries sharing at least ``least`` words, most shared first
        (the earliest first among equals)."""
        postings = self.postings
        counts = Counter(itertools.chain.from_iterable(postings.get(w, ()) for w in words))
        enough = [(-count, sid) for sid, count in counts.items() if count >= least]
        return [sid for _, sid in heapq.nsmallest(CANDIDATES, enough)]


def same_facts(a: str, b: str) -> bool:
    """Both texts state the same numbers, and each names only people and places the other does.

    A restatement keeps its facts; two paragraphs alike but for a figure or a name are two
    facts ("0-60 mph in 3.1 s" for one car, "in 4.4 s" for the next). A number written in
    words ("three hundred" for 300) and an acronym beside its words ("MAIB" for the Marine
    Accident Investigation Branch) are the spinner's, not new facts.
    """
    facts_a, facts_b = _facts(a), _facts(b)
    if facts_a.digits != facts_b.digits and (
        (facts_a.digits and facts_b.digits) or not (facts_a.number_words or facts_b.number_words)
    ):
        return False
    spelled = facts_a.initials | facts_b.initials
    return (facts_a.names - spelled) <= facts_b.words and (facts_b.names - spelled) <= facts_a.words


@dataclass(frozen=True, slots=True)
class _Facts:
    digits: tuple[str, ...]  # the numbers written in digits, sorted
    number_words: bool  # a number written in words ("three hundred")
    words: frozenset[str]  # every word, in lower case
    names: frozenset[str]  # capitalised words, in lower case
    initials: frozenset[str]  # the acronyms its runs of capitalised words spell


@functools.lru_cache(maxsize=1 << 14)
def _facts(text: str) -> _Facts:
    """What ``same_facts`` compares, worked out once per text: a paragraph meets many others."""
    return _Facts(
        digits=tuple(sorted(numbers(text))),
        number_words=bool(_NUMBER_WORD.search(text)),
        words=frozenset(_LOWER_WORD.findall(text.lower())),
        names=frozenset(m.lower() for m in _NAME.findall(text)),
        initials=frozenset(_initials(text)),
    )


def _initials(text: str) -> set[str]:
    """The acronyms a text's runs of capitalised words spell ("Marine Accident ..." -> maib)."""
    return {
        "".join(word[0] for word in run.split() if word[0].isupper()).lower()
        for run in _NAME_RUN.findall(text)
    }


def _rewords(a: frozenset[str], b: frozenset[str]) -> bool:
    """Enough shared content words, over the smaller sentence and over both, to say it again."""
    shared = len(a & b)
    return shared / min(len(a), len(b)) >= REWORD_OVERLAP and shared / len(a | b) >= REWORD_JACCARD


def find(
    texts: list[str], skip: set[int], headline: str | None = None, lede_count: int = 2
) -> dict[int, Finding]:
    """Findings for paragraphs that repeat an earlier, not-removed paragraph (or the headline).

    The first ``lede_count`` body paragraphs are not compared with the headline: a lede
    restating its headline is how news is written.
    """
    found: dict[int, Finding] = {}
    exact: dict[str, int] = {}
    paragraphs: list[tuple[int, str, frozenset[str]]] = []
    para_index = _Index()
    sentence_index = _Index()
    headline_words = content_words(headline) if headline else frozenset()
    seen_body = 0
    previous: tuple[str, frozenset[str]] | None = None
    for i, text in enumerate(texts):
        if i in skip:
            continue
        seen_body += 1
        key = fold(text)
        words = content_words(text)
        if not key:
            continue
        prose = is_prose(text)
        hit = _repeat(text, key, words, prose, exact, paragraphs, para_index)
        removed = hit is not None and hit.action == "remove"
        parts = _sentences(text) if prose and not removed else []
        if hit is None:
            hit = _reworded(
                parts,
                sentence_index,
                headline_words if seen_body > lede_count else frozenset(),
                headline,
            )
        if hit is None and prose:
            hit = _says_again(text, words, previous)
        previous = (text, words) if prose else None
        if hit is not None:
            found[i] = hit
            if hit.action == "remove":
                continue
        exact.setdefault(key, i)
        para_index.add(words, len(paragraphs), text)
        paragraphs.append((i, key, words))
        for sentence, sw in parts:
            sentence_index.add(sw, i, sentence)
    return found


def _sentences(text: str) -> list[tuple[str, frozenset[str]]]:
    """The paragraph's sentences long enough to be said again, with their content words."""
    parts = [(sentence, content_words(sentence)) for sentence in sentences(text)]
    return [(sentence, words) for sentence, words in parts if len(words) >= REWORD_MIN_WORDS]


def _repeat(text, key, words, prose, exact, paragraphs, para_index) -> Finding | None:
    if key in exact:
        if len(key.split()) < MIN_WORDS:
            return None
        # Short repeats, questions and list items are structure (subheads, a Q&A's questions, a
        # menu's lines): an editor judges them. Repeated prose is what a spinner leaves.
        sure = len(key.split()) >= SURE_WORDS and not text.endswith("?") and prose
        action = "remove" if sure else "review"
        return Finding(
            rule="dup.exact",
            message="Repeats an earlier paragraph word for word",
            action=action,
            evidence=text[:200],
        )
    if len(key) < 40:
        return None
    for pid in para_index.candidates(words, 0.5 * len(words)):
        _, other_key, other_words = paragraphs[pid]
        if fuzz.ratio(key, other_key, score_cutoff=NEAR_RATIO):
            if not same_facts(text, para_index.texts[pid]):
                continue
            adds_nothing = words <= other_words and prose
            return Finding(
                rule="dup.near",
                message="Nearly repeats an earlier paragraph"
                + ("" if adds_nothing else "; it adds a few words, check them"),
                action="remove" if adds_nothing else "review",
                evidence=para_index.texts[pid][:200],
            )
    return None


def _reworded(parts, index: _Index, headline_words, headline) -> Finding | None:
    for sentence, sw in parts:
        if len(headline_words) >= REWORD_MIN_WORDS and _rewords(sw, headline_words):
            return _reword_finding(headline or "")
        for sid in index.candidates(sw, REWORD_JACCARD * len(sw)):
            if _rewords(sw, index.words[sid]) and same_facts(sentence, index.texts[sid]):
                return _reword_finding(index.texts[sid])
    return None


def _says_again(text: str, words: frozenset[str], previous) -> Finding | None:
    """The paragraph right before said this already, in other words and with the same facts."""
    if previous is None or len(words) < NEXT_MIN_WORDS:
        return None
    other_text, other_words = previous
    if len(other_words) < NEXT_MIN_WORDS:
        return None
    shared = len(words & other_words)
    if (
        shared / min(len(words), len(other_words)) >= NEXT_OVERLAP
        and shared / len(words | other_words) >= NEXT_JACCARD
        and same_facts(text, other_text)
    ):
        return _reword_finding(other_text)
    return None


def _reword_finding(original: str) -> Finding:
    return Finding(
        rule="dup.reworded",
        message="Says again, in other words, what an earlier sentence said",
        action="review",
        evidence=original[:200],
    )
