"""The generator of chatbot leftovers: a grammar (``leftovers.toml``) expanded at random.

Every template and every slot alternative falls in a split by a hash of its own text:
``heldout`` (a quarter of each family's templates, two in ten alternatives), ``dev`` (one
template a family, one in ten alternatives) or ``train``. Training sees only train
templates filled with train alternatives; held-out lines come from held-out templates and may
use any alternative, so the figures on them are for phrasings the model never saw.

The dev split is small (a tenth of the sites, one template a family): too small to show a
setting that loses a few real lines. ``cross_validation`` deals what is not held out into
folds instead, one of which plays dev, so that a choice can be checked on every training
site in turn (``python -m articles.cleaning.train --cv``).
"""

from __future__ import annotations

import contextlib
import functools
import random
import re
import tomllib
import zlib
from dataclasses import dataclass
from pathlib import Path

GRAMMAR = Path(__file__).resolve().parent / "leftovers.toml"
SPLITS = ("train", "dev", "heldout")
_SLOT = re.compile(r"\{(\w+)(\?)?\}")
_DEPTH = 6
# Where in the copy each family tends to sit: "top", "bottom" or "any".
PLACES = {
    "opener": "top",
    "refusal": "any",
    "request_input": "any",
    "capability": "any",
    "cutoff": "bottom",
    "offer": "bottom",
    "remark": "bottom",
    "placeholder": "any",
    "seo": "top",
    "wordcount": "bottom",
    "interface": "bottom",
}


HELDOUT_SHARE = 0.25
_FOLD: tuple[int, int] | None = None  # (fold, folds) inside ``cross_validation``


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def split_of(text: str) -> str:
    """The split a slot alternative or a site belongs to, fixed by its text."""
    bucket = _hash(text) % 10
    if bucket < 2:
        return "heldout"
    if _FOLD is not None:
        return "dev" if _in_fold(text) else "train"
    return "dev" if bucket == 2 else "train"


@contextlib.contextmanager
def cross_validation(fold: int, folds: int):
    """Inside, "dev" is the ``fold``-th of ``folds`` parts of what is not held out (sites,
    slot alternatives and templates, each dealt by a hash of its text) and "train" the rest;
    the held-out split never changes. Not for threads: the split is the module's."""
    global _FOLD
    if not 0 <= fold < folds:
        raise ValueError(f"fold {fold} is not one of {folds}")
    saved, _FOLD = _FOLD, (fold, folds)
    try:
        yield
    finally:
        _FOLD = saved


def _in_fold(text: str) -> bool:
    assert _FOLD is not None
    fold, folds = _FOLD
    return _hash(f"fold:{text}") % folds == fold


def _allowed(split: str) -> tuple[str, ...]:
    return {"train": ("train",), "dev": ("train", "dev"), "heldout": SPLITS}[split]


@dataclass(frozen=True)
class Grammar:
    families: dict[str, list[str]]
    slots: dict[str, list[str]]

    def templates(self, family: str, split: str) -> list[str]:
        """The family's templates in ``split``.

        Ordered by a hash of their text, a quarter of each family's templates (at least one)
        is held out and one more is kept for development; the rest train. Inside
        ``cross_validation`` the templates not held out are dealt into its folds instead.
        """
        ranked = sorted(self.families[family], key=lambda t: (_hash(t), t))
        held = max(1, round(len(ranked) * HELDOUT_SHARE))
        if split == "heldout":
            return ranked[:held]
        rest = ranked[held:]
        if _FOLD is not None:
            return [t for t in rest if _in_fold(t) == (split == "dev")]
        return rest[:1] if split == "dev" else rest[1:]

    def alternatives(self, slot: str, split: str) -> list[str]:
        options = self.slots[slot]
        allowed = _allowed(split)
        chosen = [o for o in options if split_of(o) in allowed]
        return chosen or options

    def expand(self, template: str, split: str, rng: random.Random, depth: int = 0) -> str:
        def fill(match: re.Match) -> str:
            if match.group(2) and rng.random() < 0.5:
                return ""
            if depth >= _DEPTH:
                return ""
            choice = rng.choice(self.alternatives(match.group(1), split))
            return self.expand(choice, split, rng, depth + 1)

        return _SLOT.sub(fill, template)


@functools.cache
def grammar(path: Path = GRAMMAR) -> Grammar:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Grammar(families=dict(data["families"]), slots=dict(data["slots"]))


def surface(text: str, family: str, rng: random.Random) -> str:
    """The small variations of real leaks: curly apostrophes, bold marks, a "Note:" label."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    roll = rng.random()
    if roll < 0.3:
        text = text.replace("'", "\u2019")
    elif roll < 0.35 and family not in ("seo", "placeholder"):
        text = f"**{text}**"
    if family in ("remark", "capability", "cutoff") and rng.random() < 0.1:
        text = "Note: " + text
    return text


def generate(split: str, count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` (line, family) pairs from ``split``'s templates, the same on every call."""
    rng = random.Random(f"{seed}:{split}")
    g = grammar()
    families = sorted(g.families)
    out = []
    for n in range(count):
        family = families[n % len(families)]
        templates = g.templates(family, split)
        if not templates:
            continue
        line = g.expand(rng.choice(templates), split, rng)
        out.append((surface(line, family, rng), family))
    return out
