"""The labelled cleaning corpus (``tests/corpus/``): loading it and scoring the cleaner on it.

Shared by ``test_cleaning_corpus.py`` and ``benchmarks/bench_cleaning_corpus.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from articles.cleaning import clean
from articles.cleaning.text import split_paragraphs

CORPUS = Path(__file__).resolve().parent / "corpus"
JUNK = ("chatbot", "chrome", "dup")
# Labels whose paragraphs leave the body by design: extracted, not lost.
EXTRACTED = ("head", "byline", "link")
_LABEL = re.compile(r"^@(head|byline|link|chatbot|chrome|dup|style)\s+")
# A finding's rule prefix -> the label family it answers to.
_FAMILY = {"extract.headline": "head", "extract.byline": "byline", "chrome.reference_link": "link"}


@dataclass
class Story:
    name: str
    text: str
    labels: list[str | None]  # one per paragraph: a label above, or None for real copy


def load() -> list[Story]:
    stories = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs, labels = [], []
        for raw in split_paragraphs(path.read_text(encoding="utf-8")):
            match = _LABEL.match(raw)
            labels.append(match.group(1) if match else None)
            paragraphs.append(raw[match.end() :] if match else raw)
        stories.append(Story(path.stem, "\n\n".join(paragraphs), labels))
    return stories


def family(rule: str) -> str:
    for prefix, name in _FAMILY.items():
        if rule.startswith(prefix):
            return name
    return rule.split(".", 1)[0]


@dataclass
class Score:
    real_removed: list[tuple[str, str]]
    junk_total: int
    junk_flagged: int
    missed: list[tuple[str, str, str]]
    families: dict[str, tuple[int, int, int]]  # family -> (true positives, flagged, labelled)
    actions: dict[str, dict[str, int]]  # label -> action -> paragraphs

    @property
    def junk_recall(self) -> float:
        return self.junk_flagged / self.junk_total if self.junk_total else 1.0


def score(stories: list[Story]) -> Score:
    real_removed, missed = [], []
    junk_total = junk_flagged = 0
    tally: dict[str, list[int]] = {}
    actions: dict[str, dict[str, int]] = {}
    for story in stories:
        result = clean(story.text)
        assert len(result.paragraphs) == len(story.labels), story.name
        for paragraph, label in zip(result.paragraphs, story.labels, strict=True):
            found = {family(f.rule) for f in paragraph.findings}
            by_action = actions.setdefault(label or "real", {"remove": 0, "review": 0, "keep": 0})
            by_action[paragraph.action] += 1
            if label in (*JUNK, *EXTRACTED):
                junk_total += 1
                if (paragraph.findings and paragraph.action != "keep") or label in found:
                    junk_flagged += 1
                else:
                    missed.append((story.name, label, paragraph.text))
            elif paragraph.action == "remove":
                real_removed.append((story.name, paragraph.text))
            if label == "style" and "style" not in found:
                missed.append((story.name, label, paragraph.text))
            for name in found | ({label} if label else set()):
                counts = tally.setdefault(name, [0, 0, 0])
                counts[0] += name in found and name == label
                counts[1] += name in found
                counts[2] += name == label
    families = {name: tuple(counts) for name, counts in sorted(tally.items())}
    return Score(real_removed, junk_total, junk_flagged, missed, families, actions)


def table(result: Score) -> str:
    lines = [f"{'family':<10} {'labelled':>8} {'flagged':>8} {'precision':>10} {'recall':>8}"]
    for name, (tp, flagged, labelled) in result.families.items():
        precision = tp / flagged if flagged else 1.0
        recall = tp / labelled if labelled else 1.0
        lines.append(f"{name:<10} {labelled:>8} {flagged:>8} {precision:>10.1%} {recall:>8.1%}")
    lines.append("")
    lines.append(f"{'label':<10} {'remove':>8} {'review':>8} {'keep':>8}")
    for label, counts in sorted(result.actions.items()):
        lines.append(f"{label:<10} {counts['remove']:>8} {counts['review']:>8} {counts['keep']:>8}")
    lines.append(
        f"junk flagged: {result.junk_flagged}/{result.junk_total} ({result.junk_recall:.1%}); "
        f"real paragraphs removed: {len(result.real_removed)}"
    )
    return "\n".join(lines)
