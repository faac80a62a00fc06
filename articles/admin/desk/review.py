"""What the review screen shows: a queue of decisions, one card per paragraph with findings.

Each card holds the imported paragraph, a word-level diff of what the
cleaner proposes for it, and its findings with buttons named for what they
do to the body (see ``services.desk.body`` for the rules they follow).
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from articles.body import body_paragraphs
from articles.models import Article, Finding
from articles.services.desk.body import paragraph_states, paragraph_text

Action = Finding.Action
Decision = Finding.Decision
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def finding_drops_paragraph(finding: Finding) -> bool:
    """Accepting it takes the paragraph out of the body (``services.desk.body._drops``)."""
    return finding.action == Action.REMOVE or (
        finding.action == Action.REVIEW and not finding.rule.startswith("style.")
    )


def decision_labels(finding: Finding) -> tuple[str, str]:
    """The accept and reject buttons, named for what each does to the body."""
    if finding.action == Action.FIX:
        return _("Apply fix"), _("Keep as is")
    if finding_drops_paragraph(finding):
        return _("Remove paragraph"), _("Keep as is")
    return _("Keep, mark reviewed"), _("Keep as is")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(kind, text)`` runs from ``old`` to ``new`` word by word; kind is same, del or ins."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("ins", "".join(b[j1:j2])))
    return runs


def evidence_marked(text: str, evidence: list[str]) -> list[tuple[bool, str]]:
    """``text`` cut into runs, True where it is a finding's evidence (shown highlighted)."""
    spans = []
    for words in evidence:
        words = words.strip()
        if len(words) < 3:
            continue
        start = text.find(words)
        if start >= 0:
            spans.append((start, start + len(words)))
    runs, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            runs.append((False, text[at:start]))
        runs.append((True, text[start:end]))
        at = end
    if at < len(text):
        runs.append((False, text[at:]))
    return runs


STATE_LABELS = {
    "removed": _("Removed"),
    "proposed-removal": _("Removal proposed"),
    "fixed": _("Fixed"),
    "proposed-fix": _("Fix proposed"),
    "review": _("Needs a look"),
    "kept": _("Kept"),
}


@dataclass
class FindingView:
    finding: Finding
    accept_label: str
    reject_label: str
    rule_open: int

    @property
    def is_open(self) -> bool:
        return self.finding.decision == Decision.OPEN

    @property
    def decided_as(self) -> str:
        """What the editor chose, in the words of the button they pressed."""
        accepted = self.finding.decision == Decision.ACCEPTED
        return self.accept_label if accepted else self.reject_label


@dataclass
class Card:
    """One imported paragraph on the review screen."""

    number: int
    raw: str
    current: str | None  # its text in the body after the decisions so far; None: left out
    proposed: str | None  # its text if every finding on it were accepted; None: left out
    findings: list[FindingView] = field(default_factory=list)

    @property
    def index(self) -> int:
        return self.number - 1

    @cached_property
    def open_count(self) -> int:
        return sum(view.is_open for view in self.findings)

    @cached_property
    def state(self) -> str:
        """removed, proposed-removal, fixed, proposed-fix, review or kept: a class and a label."""
        raw = self.raw.strip()
        if self.current is None:
            return "proposed-removal" if self.open_count else "removed"
        if self.current != raw:
            return "fixed"
        if self.open_count and self.proposed != raw:
            return "proposed-fix" if self.proposed else "proposed-removal"
        if self.open_count:
            return "review"
        return "kept"

    @cached_property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @cached_property
    def raw_runs(self) -> list[tuple[bool, str]]:
        return evidence_marked(self.raw.strip(), [v.finding.evidence for v in self.findings])

    @cached_property
    def target(self) -> str | None:
        """What the proposal column shows: the cleaner's proposal while undecided, else the body's."""
        if self.open_count and self.current == self.raw.strip():
            return self.proposed
        return self.current

    @cached_property
    def diff(self) -> list[tuple[str, str]]:
        """``target`` against the raw copy, word by word; empty when the words are the same."""
        raw, target = self.raw.strip(), self.target
        if target is None or target == raw:
            return []
        return word_diff(raw, target)


@dataclass
class RuleSummary:
    rule: str
    action: str
    accept_label: str
    reject_label: str
    total: int = 0
    open: int = 0


class _AsAccepted(NamedTuple):
    """A finding as if accepted: what ``paragraph_states`` reads, to work out the proposal."""

    pk: int
    rule: str
    action: str
    paragraph_index: int
    replacement: str
    decision: str

    @classmethod
    def of(cls, finding: Finding) -> "_AsAccepted":
        decision = Decision.ACCEPTED if finding.decision == Decision.OPEN else finding.decision
        return cls(
            finding.pk,
            finding.rule,
            finding.action,
            finding.paragraph_index,
            finding.replacement,
            decision,
        )


def review_data(article: Article, *, show_all: bool = False) -> dict:
    """The cards, the rules and the progress: one query for the findings.

    ``show_all`` adds the paragraphs no rule flagged (as cards without findings).
    """
    findings = list(article.findings.select_related("decided_by").order_by("paragraph_index", "pk"))
    paragraphs = article.source_paragraphs
    current = paragraph_states(paragraphs, findings)
    proposed = paragraph_states(paragraphs, [_AsAccepted.of(f) for f in findings])
    by_index = defaultdict(list)
    rules: dict[str, RuleSummary] = {}
    labels: dict[str, tuple[str, str]] = {}  # per rule, translated once
    for finding in findings:
        by_index[finding.paragraph_index].append(finding)
        if finding.rule not in rules:
            accept, reject = labels[finding.rule] = tuple(map(str, decision_labels(finding)))
            rules[finding.rule] = RuleSummary(finding.rule, finding.action, accept, reject)
        rules[finding.rule].total += 1
        rules[finding.rule].open += finding.decision == Decision.OPEN
    cards = []
    for index, item in enumerate(paragraphs):
        own = by_index.get(index, [])
        if not own and not show_all:
            continue
        views = [FindingView(f, *labels[f.rule], rules[f.rule].open) for f in own]
        cards.append(
            Card(
                number=index + 1,
                raw=paragraph_text(item),
                current=current[index],
                proposed=proposed[index],
                findings=views,
            )
        )
    open_count = sum(rule.open for rule in rules.values())
    undecided = [view.finding.pk for card in cards for view in card.findings if view.is_open]
    return {
        "cards": cards,
        "rules": sorted(rules.values(), key=lambda r: (-r.open, r.rule)),
        "open_count": open_count,
        "decided_count": len(findings) - open_count,
        "finding_count": len(findings),
        "paragraph_count": len(paragraphs),
        "first_undecided": undecided[0] if undecided else None,
        "hand_edited": body_paragraphs(article.body) != [text for text in current if text],
    }


def next_undecided(article: Article, after: Finding) -> Finding | None:
    """The first undecided finding after ``after`` in reading order, else the first one before it."""
    open_findings = article.findings.filter(decision=Decision.OPEN).order_by(
        "paragraph_index", "pk"
    )
    key = (after.paragraph_index, after.pk)
    rows = list(open_findings.only("pk", "paragraph_index"))
    later = [f for f in rows if (f.paragraph_index, f.pk) > key]
    return (later or rows or [None])[0]
