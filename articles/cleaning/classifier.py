"""chatbot.learned / chrome.learned: a linear model that reads the paragraphs no rule decided.

The model is multinomial logistic regression over ``features.vector`` (story, chatbot,
chrome), trained offline by ``train.py`` and shipped as one small file in the package, so
inference is pure Python with no training library. The junk probability (chatbot plus
chrome) maps to an action: at or above the model's ``remove_at`` the paragraph is removed,
at or above ``review_at`` an editor decides, below it the paragraph is kept. The caller
keeps its guards: a paragraph that quotes, attributes or reports on chatbots is only ever
sent to review.

A model file that is missing, damaged or made for another feature version raises
``ClassifierModelError`` on loading, which the site does at start-up
(``check_shipped_model``), never a silent wrong verdict.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import extract, features
from .cue_names import READABLE, UNTOLD
from .result import Finding
from .story import ALONE, VOICE_SHARE, Context

CLASSES = ("story", "chatbot", "chrome")
FORMAT = 2
MAGIC = b"NEWSROOM-PARAGRAPH-MODEL\n"
SHIPPED = Path(__file__).resolve().parent / "model" / "paragraphs.bin"
_EXPLAIN = 4
_OFFSET = 1 << 40  # past any sum of int16 weights over a paragraph of up to 2**23 features
_LANE = (1 << 64) - 1
_CACHE = 1 << 18
_PLACE_CACHE = 1 << 12
_TEXT_CACHE = 1 << 15  # paragraphs explained: a megabyte of real pages holds about 11,000
HEADLINE_WORDS = 4
# Within a story told as "I", how many times ``words_at`` a line's words must lean to the
# assistant for the model to remove it: a blogger's aside reads like an assistant's remark,
# so only words far past the usual bar ("Just send over the draft and I'll polish it") say
# so. Chosen on the three-fold cross-validation: 1.2 points more of the leftovers removed,
# no real line lost; the nearest blog line leans 2.5 (with ``words_at`` 1.5, the bar is 3).
TOLD_AS_I = 2.0
# In copy none of whose other prose speaks as "I", a line that speaks as "I" or to "you"
# is the assistant's when its words lean this share of ``words_at`` to it: the story's
# voice is not the line's. Chosen on the three-fold cross-validation: 2.5 points more of
# the leftovers removed, no real line lost; at 0.33 a real line goes.
VOICE_APART = 0.5
FAR_ZONES = ("top-far", "bottom-far")
# A line whose own words and shape read this sure as junk goes to an editor wherever it
# stands, though its place (among the story's prose) says story: "Like this story? Share
# it with a friend!" pasted between two paragraphs. Review only, never removal. Chosen on
# the three-fold cross-validation: furniture flagged in pasted copy 89.4% to 90.4%, real
# paragraphs flagged there 431 to 441, nothing lost, headlines unchanged; at 0.9, 91.5%
# for 72 more real paragraphs flagged and two page headlines fewer.
WORDS_REVIEW_AT = 0.95
# Why furniture the model is sure of still goes to an editor: within the story; or past
# its longest run of prose but before the copy's last (or after its first) prose, where the
# story may go on and the line is not "within the story" for an editor to look for.
WITHIN_STORY = "it sits within the story"
AMONG_PROSE = "it sits between paragraphs of prose, where the story may go on"
# Far below the story with no furniture by rule below it (``Context.walled``), the copy may
# simply run on (a list's last items, a poll's results, the tail of a clipped page): a
# verdict must be this sure there. Chosen on the three-fold cross-validation: real lines
# lost on clipped copies 80 -> 27 (a poll's 14 results, a product list's items), chrome
# removed there 48.4% -> 48.1%; 0.995 saved 11, 0.998 saved 14.
UNWALLED_AT = 0.999
# Far from the story the model may remove on less word evidence, but only when this sure:
# the defaults for a model file that does not name its own (``Classifier.far_at``).
FAR_AT = 0.98
FAR_WORDS_AT = -0.5
_ALONE = ALONE


def _pack(weights: tuple[array, array, array]) -> list[int]:
    """Feature index -> its three class weights in one integer, one 64-bit lane a class.

    Summing packed integers adds all three classes at once; each lane carries ``_OFFSET`` a
    term so it never goes negative (``_unpack`` takes the offsets back out).
    """
    return [
        (a + _OFFSET) | (b + _OFFSET) << 64 | (c + _OFFSET) << 128
        for a, b, c in zip(*weights, strict=True)
    ]


def _unpack(total: int, count: int) -> tuple[int, int, int]:
    base = count * _OFFSET
    return (
        (total & _LANE) - base,
        ((total >> 64) & _LANE) - base,
        ((total >> 128) & _LANE) - base,
    )


@dataclass(frozen=True, slots=True)
class Own:
    """What a paragraph's own text gives the three classes, worked out once per paragraph."""

    scores: tuple[float, float, float]  # bias, words, word pairs and the line's shape
    lexical: tuple[float, float, float]  # its words and word pairs alone
    first_person: bool
    # An "I" telling a "you" about the text ("I kept your draft's headline"): an assistant
    # talking to its user, or a blogger to a reader (``Classifier._doubt``).
    on_the_task: bool = False
    speaks: bool = False  # speaks as "I" or to "you"

    def words_push(self, family: str) -> float:
        """How far the words alone lean towards ``family`` rather than story."""
        return self.lexical[CLASSES.index(family)] - self.lexical[0]


class ClassifierModelError(RuntimeError):
    """The model file cannot be used; the message says which file and what to do."""


@dataclass(frozen=True, slots=True)
class Verdict:
    probabilities: tuple[float, float, float]  # story, chatbot, chrome

    @property
    def junk(self) -> float:
        return self.probabilities[1] + self.probabilities[2]

    @property
    def family(self) -> str:
        return "chatbot" if self.probabilities[1] >= self.probabilities[2] else "chrome"


@dataclass(slots=True)
class Classifier:
    weights: tuple[array, array, array]  # per class, int16 steps of ``scale``
    bias: tuple[float, float, float]
    scale: float
    remove_at: float
    review_at: float
    # How far a paragraph's words alone must lean to each junk family (``Own.words_push``)
    # for the model to remove it; a paragraph junk only by its shape and place goes to review.
    words_at: dict[str, float] = field(default_factory=lambda: {"chatbot": 0.0, "chrome": 0.0})
    # Far above or below the story (a page's menus, its footer and its lists of other
    # stories) the place says as much as the words: a line the model is ``far_at`` sure of
    # is removed unless its words alone lean to the story by more than ``-far_words_at``.
    far_at: float = FAR_AT
    far_words_at: float = FAR_WORDS_AT
    meta: dict = field(default_factory=dict)
    _lanes: list[int] | None = field(default=None, repr=False, compare=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)
    _places: dict = field(default_factory=dict, repr=False, compare=False)
    _leans: dict = field(default_factory=dict, repr=False, compare=False)
    _owns: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path) -> Classifier:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ClassifierModelError(
                f"The paragraph classifier's model file cannot be read: {path} ({exc.strerror}). "
                "Reinstall the package or run `make train-cleaner`."
            ) from None
        return cls.from_bytes(data, name=str(path))

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str = "the model") -> Classifier:
        if not data.startswith(MAGIC):
            raise ClassifierModelError(f"{name} is not a Newsroom paragraph model.")
        try:
            payload = zlib.decompress(data[len(MAGIC) :])
            head, _, body = payload.partition(b"\n")
            header = json.loads(head)
        except (zlib.error, ValueError) as exc:
            raise ClassifierModelError(f"{name} is damaged and cannot be read ({exc}).") from None
        if not isinstance(header, dict):
            raise ClassifierModelError(f"{name} is damaged: its header is not an object.")
        if header.get("format") != FORMAT or header.get("features") != features.VERSION:
            raise ClassifierModelError(
                f"{name} was made for model format {header.get('format')} and features version "
                f"{header.get('features')}; this code reads format {FORMAT}, features version "
                f"{features.VERSION}. Run `make train-cleaner` to make a model for this code."
            )
        try:
            size = int(header["size"])
            weights = array("h")
            weights.frombytes(body)
            if size != features.SIZE or len(weights) != len(CLASSES) * size:
                raise ValueError("the weights do not fill the feature space")
            bias = tuple(float(b) for b in header["bias"])
            classifier = cls(
                weights=tuple(weights[k * size : (k + 1) * size] for k in range(len(CLASSES))),
                bias=(bias[0], bias[1], bias[2]),
                scale=float(header["scale"]),
                remove_at=float(header["remove_at"]),
                review_at=float(header["review_at"]),
                words_at={family: float(header["words_at"][family]) for family in CLASSES[1:]},
                far_at=float(header.get("far_at", FAR_AT)),
                far_words_at=float(header.get("far_words_at", FAR_WORDS_AT)),
                meta=dict(header.get("meta") or {}),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ClassifierModelError(f"{name} is damaged ({exc}).") from None
        if not 0 < classifier.review_at <= classifier.remove_at <= classifier.far_at <= 1:
            raise ClassifierModelError(f"{name} has thresholds out of order.")
        return classifier

    def to_bytes(self) -> bytes:
        header = {
            "format": FORMAT,
            "features": features.VERSION,
            "size": features.SIZE,
            "classes": list(CLASSES),
            "bias": [round(b, 6) for b in self.bias],
            "scale": self.scale,
            "remove_at": self.remove_at,
            "review_at": self.review_at,
            "words_at": self.words_at,
            "far_at": self.far_at,
            "far_words_at": self.far_words_at,
            "meta": self.meta,
        }
        body = b"".join(w.tobytes() for w in self.weights)
        head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
        return MAGIC + zlib.compress(head + b"\n" + body, 9)

    def verdict(self, text: str, context: Context = _ALONE) -> Verdict:
        """The class probabilities of one paragraph in its ``context``."""
        return self._verdict(self.text_scores(text), context)

    def text_scores(self, text: str) -> Own:
        """The scores the paragraph's own text gives, whatever its place: a look-up a word, a
        pair and a cue; remembered, for a site prints the same menus and footers on every
        page an editor imports."""
        found = self._owns.get(text)
        if found is None:
            if len(self._owns) > _TEXT_CACHE:
                self._owns.clear()
            found = self._owns[text] = self._text_scores(text)
        return found

    def _text_scores(self, text: str) -> Own:
        own = features.text_features(text)
        packed = self._packed()
        grams = words = 0
        for word in own.words:
            total, count = self._word(word)
            words += total
            grams += count
        pairs = sum(map(packed.__getitem__, itertools.starmap(features.pair_index, own.pairs)))
        cues = sum(map(packed.__getitem__, map(features.name_index, own.shape)))
        lexical = [0.0, 0.0, 0.0]
        for value, lanes, count in (
            (features.share(grams), words, grams),
            (features.share(len(own.pairs)), pairs, len(own.pairs)),
        ):
            for k, steps in enumerate(_unpack(lanes, count)):
                lexical[k] += value * self.scale * steps
        shape = _unpack(cues, len(own.shape))
        scores = tuple(self.bias[k] + lexical[k] + self.scale * shape[k] for k in range(3))
        return Own(
            scores,
            (lexical[0], lexical[1], lexical[2]),
            own.first_person,
            "voice:i+you+task" in own.shape,
            own.first_person or "voice:you" in own.shape,
        )

    def _word(self, word: str) -> tuple[int, int]:
        """A word's packed weights (itself and its n-grams) and how many features that is,
        remembered: the same words come back in every paragraph."""
        hit = self._cache.get(word)
        if hit is None:
            if len(self._cache) > _CACHE:
                self._cache.clear()
            indices = features.word_indices(word)
            hit = self._cache[word] = (sum(map(self._packed().__getitem__, indices)), len(indices))
        return hit

    def _verdict(self, own: Own, context: Context) -> Verdict:
        key = features.place_key(context, own.first_person)
        steps = self._places.get(key)
        if steps is None:
            if len(self._places) > _PLACE_CACHE:
                self._places.clear()
            indices = features.place_indices(context, own.first_person)
            steps = _unpack(sum(map(self._packed().__getitem__, indices)), len(indices))
            self._places[key] = steps
        return _softmax([own.scores[k] + self.scale * steps[k] for k in range(len(CLASSES))])

    def _packed(self) -> list[int]:
        if self._lanes is None:
            self._lanes = _pack(self.weights)
        return self._lanes

    def judge(self, text: str, context: Context = _ALONE, own: Own | None = None) -> Finding | None:
        """A ``chatbot.learned`` or ``chrome.learned`` finding, or None to keep.

        ``own`` is ``text_scores(text)`` when the caller already has it.
        """
        decision = self.decide(text, context, own)
        return None if decision is None else self.finding(text, context, decision)

    def decide(self, text: str, context: Context = _ALONE, own: Own | None = None):
        """(action, family, junk probability, why it is not removed), or None to keep.

        Only a confident verdict (``remove_at``) may remove, and only when ``_doubt`` finds
        nothing against it; everything else the model flags goes to an editor, and so does a
        line its words alone are ``WORDS_REVIEW_AT`` sure of, wherever it stands.
        """
        own = own or self.text_scores(text)
        verdict = self._verdict(own, context)
        if verdict.junk < self.review_at:
            alone = _softmax(own.scores)  # the line's own words and shape, wherever it stands
            if alone.junk < WORDS_REVIEW_AT:
                return None
            why = f"but {alone.junk:.0%} by its own words alone, so an editor decides"
            return "review", alone.family, verdict.junk, why
        family = verdict.family
        if verdict.junk < self.remove_at:
            return "review", family, verdict.junk, "an editor decides"
        doubt = self._doubt(text, context, family, verdict.junk, own)
        if doubt:
            return "review", family, verdict.junk, f"{doubt}, so an editor decides"
        return "remove", family, verdict.junk, ""

    def _doubt(self, text: str, context: Context, family: str, junk: float, own: Own) -> str:
        """Why a confident verdict is still not the model's to act on, or "".

        Within the story (between its first and last paragraphs of prose) a subhead, a list
        item or a source's tag in brackets reads much like furniture, and in a story told as
        "I" a blogger's aside to the reader reads like an assistant's remark (unless its words
        lean ``TOLD_AS_I`` times as far as usual to the assistant); in a story
        that does not speak as "I", a line that does stands out. Just above and below the
        story a headline, a standfirst, a price or a credit reads like furniture, and the
        page's own headline and subheads use the story's words. Far above or below the
        story (a page's menus and footer, its lists of other stories) the place says as much
        as the words, so a verdict ``far_at`` sure needs only words that do not lean to the
        story. Anywhere else a line junk only by its shape and place (a date, a one-word
        label, brackets) may be the story's own, so its words must say junk (``words_at``);
        but in copy whose prose does not speak as "I", an "I" telling "you" about the text
        (``Own.on_the_task``) is the assistant talking to its user, whatever its words, and
        where no other prose speaks as "I", a line that speaks as "I" or to "you" needs its
        words to lean only ``VOICE_APART`` as far.
        """
        push = own.words_push(family)
        if context.inside and family == "chrome":
            # The shelter reaches past the story's longest run of prose to the copy's first
            # and last prose: there the line is not in the story, but the story may go on.
            return WITHIN_STORY if context.zone == "inside" else AMONG_PROSE
        if (
            context.inside
            and context.prose_voice >= VOICE_SHARE
            and not (family == "chatbot" and push >= TOLD_AS_I * self.words_at[family])
        ):
            return "it sits within a story told as 'I'"
        if family == "chrome":
            if context.lead_in:
                return "it sits just above the story"
            if context.zone == "bottom-near":
                return "it sits just below the story"
            if context.zone == "none":
                return "there is no story around it to set it against"
            if context.echo == "most":
                return "it uses the story's own words"
            if _may_be_headline(text, context):
                return "it may be the headline"
            if context.zone in FAR_ZONES:
                unwalled = context.zone == "bottom-far" and not context.walled
                at = max(self.far_at, UNWALLED_AT) if unwalled else self.far_at
                sure = junk >= at and push >= self.far_words_at
                return "" if sure else "far from the story, it is not sure enough"
        if (
            family == "chatbot"
            and own.on_the_task
            and context.count
            and context.prose_voice < VOICE_SHARE
        ):
            return ""
        bar = self.words_at[family]
        if family == "chatbot" and own.speaks and context.count and not context.prose_voice:
            bar *= VOICE_APART
        return "" if push >= bar else "only its shape and place say so"

    def finding(self, text: str, context: Context, decision: tuple) -> Finding:
        """The finding for ``decide``'s verdict, saying why in an editor's words."""
        action, family, junk, doubt = decision
        reading = (
            "reads as an assistant talking to its user"
            if family == "chatbot"
            else "reads as the site's furniture, not the story"
        )
        message = f"The model: {reading} ({junk:.0%}" + (f"; {doubt})" if doubt else ")")
        why = self.explain(text, context, family)
        if why:
            message += "; weighed most: " + ", ".join(why)
        return Finding(
            rule=f"{family}.learned", message=message, action=action, evidence=text[:200]
        )

    def explain(self, text: str, context: Context, family: str) -> list[str]:
        """The words and cues that pushed the paragraph most towards ``family``."""
        k = CLASSES.index(family)
        packed = self._packed()
        best = list(self._text_lean(text, k))
        for name in features.place(context, features.text_features(text).first_person):
            weight = _lean(packed[features.name_index(name)], k)
            if weight > 0:
                best.append((weight, name))
        best = sorted(best, reverse=True)[:_EXPLAIN]
        return [READABLE.get(n, f"'{n}'") for _, n in best if not n.startswith(UNTOLD)]

    def _text_lean(self, text: str, k: int) -> tuple[tuple[float, str], ...]:
        """The ``_EXPLAIN`` words, word pairs and shape cues of the text that lean furthest
        towards class ``k`` rather than story, each with how far, furthest first; remembered:
        a paragraph is explained once whatever its place. The place's cues are named apart
        from these ("zone:", "pos:"), so the furthest of both are among these and them."""
        lean = self._leans.get((text, k))
        if lean is not None:
            return lean
        if len(self._leans) > _TEXT_CACHE:
            self._leans.clear()
        packed = self._packed()
        own = features.text_features(text)
        weights: defaultdict[str, float] = defaultdict(float)
        words = [self._word(word) for word in own.words]
        value = features.share(sum(count for _, count in words))
        for word, (total, _) in zip(own.words, words, strict=True):
            weights[word] += value * _lean(total, k)
        value = features.share(len(own.pairs))
        for a, b in own.pairs:
            if a != "^" and b != "$":
                weights[f"{a} {b}"] += value * _lean(packed[features.pair_index(a, b)], k)
        for name in own.shape:
            weights[name] += _lean(packed[features.name_index(name)], k)
        lean = tuple(sorted(((w, n) for n, w in weights.items() if w > 0), reverse=True)[:_EXPLAIN])
        self._leans[text, k] = lean
        return lean

    def decision_key(self, context: Context, own: Own) -> tuple:
        """All that ``decide`` reads of a paragraph's place: equal keys, equal verdicts."""
        return (
            features.place_key(context, own.first_person),
            context.inside,
            context.lead_in,
            context.prose_voice >= VOICE_SHARE,
            not context.prose_voice,
            context.walled,
        )


def _softmax(scores) -> Verdict:
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return Verdict((exps[0] / total, exps[1] / total, exps[2] / total))


def _lean(total: int, k: int) -> int:
    """How far packed weights lean towards class ``k`` rather than story: the two lanes
    carry the same offsets, so their difference is the difference of the weights."""
    return ((total >> (64 * k)) & _LANE) - (total & _LANE)


def _may_be_headline(text: str, context: Context) -> bool:
    """A headline-like line of some length just above the story: the page's own headline
    reads like the related headlines around it."""
    return (
        context.zone == "top-near"
        and len(text.split()) >= HEADLINE_WORDS
        and extract.headline_like(text)
    )


@functools.cache
def shipped() -> Classifier:
    """The model in the package, read once per process."""
    return Classifier.load(SHIPPED)


def check_shipped_model() -> Classifier:
    """What the site calls at start-up: raises ``ClassifierModelError`` if the file is unusable."""
    return shipped()
