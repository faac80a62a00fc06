"""Precision and recall per family on labelled documents: what the held-out figures count.

A ``judge`` takes a document's paragraphs and returns, per paragraph, its action and the
rule codes of its findings, and the headline it found (the cleaner's ``analyse``, or a
stand-in in tests). A paragraph is *flagged* when its action is not keep; it is *claimed* by
a family when it is flagged and one of its findings is that family's rule (``chatbot.*``,
``chrome.*``). A story paragraph is *lost* when it is removed by anything but a move
(headline, byline, link line) or a repeat: those are where the words go, not words gone.
On a page that names its headline, the headline found is that headline, another line of the
story, a line of chrome, or none.

The Zyte ground truth keeps some pages' copyright notice ("© 2019 Associated Press. All
Rights Reserved.") in the article body, so removing it counts as a real paragraph lost; the
table counts those apart (``NOTICE``) without taking them out of the total.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..text import fold

JUNK = ("chatbot", "chrome")
_MOVES = ("extract.", "dup.", "chrome.reference_link")
HEADLINE_OUTCOMES = ("headline", "story", "chrome", "none")
# A copyright notice: a line that starts with the sign or the word, or reserves the rights.
NOTICE = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.IGNORECASE)

Judge = Callable[[list[str]], tuple[list[tuple[str, list[str]]], str | None]]


@dataclass
class Tally:
    labelled: int = 0
    flagged: int = 0
    removed: int = 0
    claimed: int = 0  # flagged as this family, whatever the label
    correct: int = 0  # claimed and labelled this family

    @property
    def precision(self) -> float:
        return self.correct / self.claimed if self.claimed else 1.0

    @property
    def recall(self) -> float:
        return self.flagged / self.labelled if self.labelled else 1.0

    @property
    def removed_share(self) -> float:
        return self.removed / self.labelled if self.labelled else 1.0

    def as_dict(self) -> dict:
        return {
            "labelled": self.labelled,
            "flagged": self.flagged,
            "removed": self.removed,
            "claimed": self.claimed,
            "correct": self.correct,
        }


@dataclass
class Evaluation:
    families: dict[str, Tally]  # "chatbot", "chrome", "chatbot/<generator family>"
    story: Tally  # flagged and removed real paragraphs; removed counts only those lost
    lost: list[tuple[str, str]]  # (paragraph, the rule that removed it)
    headlines: Counter = field(default_factory=Counter)  # HEADLINE_OUTCOMES -> pages

    @property
    def lost_to_model(self) -> int:
        return sum(rule.endswith(".learned") for _, rule in self.lost)

    @property
    def lost_notices(self) -> int:
        """Of the lost paragraphs, the copyright notices the ground truth counts as story."""
        return sum(bool(NOTICE.search(text)) for text, _ in self.lost)

    def as_dict(self) -> dict:
        return {
            "families": {k: v.as_dict() for k, v in self.families.items()},
            "story": self.story.as_dict(),
            "lost": [list(item) for item in self.lost],
            "headlines": {k: self.headlines[k] for k in HEADLINE_OUTCOMES},
        }


def combine(results: Iterable[Evaluation]) -> Evaluation:
    """The sum of several evaluations (the folds of a cross-validation)."""
    families: dict[str, Tally] = {}
    story = Tally()
    lost: list[tuple[str, str]] = []
    headlines: Counter = Counter()
    for result in results:
        for name, tally in result.families.items():
            _add(families.setdefault(name, Tally()), tally)
        _add(story, result.story)
        lost += result.lost
        headlines += result.headlines
    return Evaluation(dict(sorted(families.items())), story, lost, headlines)


def _add(total: Tally, tally: Tally) -> None:
    for name, value in tally.as_dict().items():
        setattr(total, name, getattr(total, name) + value)


def _headline_outcome(doc, found: str | None) -> str:
    if found is None:
        return "none"
    key = fold(found)
    if key == fold(doc.headline):
        return "headline"
    labels = {fold(t): label for t, label in zip(doc.texts, doc.labels, strict=True) if label}
    return "story" if labels.get(key) == "story" else "chrome"


def evaluate(docs: Iterable, judge: Judge) -> Evaluation:
    families = {name: Tally() for name in JUNK}
    story = Tally()
    lost: list[tuple[str, str]] = []
    headlines: Counter = Counter()
    for doc in docs:
        verdicts, found = judge(doc.texts)
        if doc.headline:
            headlines[_headline_outcome(doc, found)] += 1
        for text, label, kind, (action, rules) in zip(
            doc.texts, doc.labels, doc.kinds, verdicts, strict=True
        ):
            if label is None:
                continue
            flagged = action != "keep"
            for name in JUNK:
                if flagged and any(r.startswith(name + ".") for r in rules):
                    families[name].claimed += 1
                    families[name].correct += label == name
            if label == "story":
                story.labelled += 1
                story.flagged += flagged
                if action == "remove" and not any(r.startswith(_MOVES) for r in rules):
                    story.removed += 1
                    lost.append((text, rules[0] if rules else ""))
                continue
            rows = [families[label]]
            if kind and kind != label:
                rows.append(families.setdefault(f"{label}/{kind}", Tally()))
            for row in rows:
                row.labelled += 1
                row.flagged += flagged
                row.removed += action == "remove"
    return Evaluation(dict(sorted(families.items())), story, lost, headlines)


def site_of(doc) -> str:
    """The site a page or a clipped copy came from; any other document is its own."""
    kind, _, rest = doc.name.partition("/")
    return rest.split("/")[0] if kind in ("page", "clip") else doc.name


def evaluate_by_site(docs: Iterable, judge: Judge) -> dict[str, Evaluation]:
    """``evaluate`` per site (``site_of``): ``combine`` of the values is the whole set's."""
    sites: defaultdict[str, list] = defaultdict(list)
    for doc in docs:
        sites[site_of(doc)].append(doc)
    return {site: evaluate(sites[site], judge) for site in sorted(sites)}


def interval(
    parts: Sequence[tuple[int, int]], *, draws: int = 1000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """How sure a share is, when the things it counts come in groups (a site's pages share
    their menus, so its lines are not independent): ``parts`` holds each group's
    (counted, out of), and the share is worked out again on ``draws`` sets of groups drawn
    with replacement; the middle ``level`` of those shares. The same every run."""
    rng = random.Random(seed)
    shares = sorted(_share(rng.choices(parts, k=len(parts)), 1.0) for _ in range(draws))
    cut = int(draws * (1 - level) / 2)
    return shares[cut], shares[draws - 1 - cut]


def _share(parts: Iterable[tuple[int, int]], empty: float) -> float:
    """sum(counted) / sum(out) over ``parts``; ``empty`` when they count out of nothing."""
    counted = out = 0
    for c, o in parts:
        counted += c
        out += o
    return counted / out if out else empty


def spread(by_site: dict[str, Evaluation], family: str) -> str:
    """One line: how sure the family's recall and removed share are, and the real lines lost,
    resampling whole sites (``interval``)."""
    tallies = [result.families.get(family, Tally()) for result in by_site.values()]
    recall = interval([(t.flagged, t.labelled) for t in tallies])
    removed = interval([(t.removed, t.labelled) for t in tallies])
    lost = interval([(r.story.removed, r.story.labelled) for r in by_site.values()])
    return (
        f"{family} recall {recall[0]:.1%}-{recall[1]:.1%}, removed {removed[0]:.1%}-"
        f"{removed[1]:.1%}; real lines lost {lost[0]:.2%}-{lost[1]:.2%} of them"
    )


def change(now: dict[str, Evaluation], before: dict[str, Evaluation], family: str) -> str:
    """One line: how far the family's removed share moved from ``before`` to ``now``, two
    models measured on the same sites, and how sure that is: the sites are drawn again
    together, so what one site does to both models cancels out (``interval`` of the
    per-site differences), and a move whose interval holds zero is not one they show."""
    parts = []
    for site, result in now.items():
        a = result.families.get(family, Tally())
        b = before[site].families.get(family, Tally())
        parts.append((a.removed - b.removed, a.labelled))
    moved = _share(parts, 0.0)
    low, high = interval(parts)
    return f"{family} removed {moved:+.1%} ({low:+.1%} to {high:+.1%})"


def lost_lines(results: dict[str, Evaluation]) -> list[str]:
    """One line per real paragraph lost, with its set and the rule that removed it."""
    return [
        f"lost [{name}] {rule}: {text[:100]}"
        for name, result in results.items()
        for text, rule in result.lost
    ]


def table(results: dict[str, Evaluation], baseline: dict[str, Evaluation] | None = None) -> str:
    """One line per set and family: labelled, flagged, removed, precision; the story line."""
    head = (
        f"{'set':<10} {'family':<24} {'labelled':>8} {'recall':>7} {'removed':>8} {'precision':>9}"
    )
    if baseline:
        head += f" {'was: recall':>11} {'removed':>8}"
    lines = [head]
    for name, result in results.items():
        before = (baseline or {}).get(name)
        for family, row in result.families.items():
            if not row.labelled:
                continue
            line = (
                f"{name:<10} {family:<24} {row.labelled:>8} {row.recall:>7.1%} "
                f"{row.removed_share:>8.1%} "
                + (f"{row.precision:>9.1%}" if "/" not in family else f"{'':>9}")
            )
            if before and family in before.families:
                old = before.families[family]
                line += f" {old.recall:>11.1%} {old.removed_share:>8.1%}"
            lines.append(line)
        story = result.story
        lines.append(
            f"{name:<10} {'story (real paragraphs)':<24} {story.labelled:>8} "
            f"flagged {story.flagged} ({story.flagged / max(story.labelled, 1):.1%}), "
            f"removed {story.removed} (by the model {result.lost_to_model}, "
            f"by a rule {story.removed - result.lost_to_model}"
            + (f"; copyright notices {result.lost_notices}" if result.lost_notices else "")
            + ")"
        )
        if result.headlines:
            counts = ", ".join(f"{k} {result.headlines[k]}" for k in HEADLINE_OUTCOMES)
            lines.append(
                f"{name:<10} {'headline found':<24} {sum(result.headlines.values()):>8} {counts}"
            )
    return "\n".join(lines)
