"""What the review screen shows: each imported paragraph next to its place in the body."""

from collections import defaultdict
from dataclasses import dataclass, field

from articles.body import body_paragraphs
from articles.models import Article, Finding
from articles.services.desk.body import paragraph_states, paragraph_text


@dataclass
class ReviewRow:
    number: int
    raw: str
    proposed: str | None  # None: left out of the body
    findings: list[Finding] = field(default_factory=list)

    @property
    def state(self) -> str:
        """One of removed, proposed-removal, review, fixed, kept: a CSS class and a label."""
        if self.proposed is None:
            undecided = any(f.decision == Finding.Decision.OPEN for f in self.findings)
            return "proposed-removal" if undecided else "removed"
        if any(
            f.action == Finding.Action.REVIEW and f.decision == Finding.Decision.OPEN
            for f in self.findings
        ):
            return "review"
        if self.proposed != self.raw.strip():
            return "fixed"
        return "kept"

    @property
    def label(self) -> str:
        return {
            "removed": "Removed",
            "proposed-removal": "Removal proposed",
            "review": "Review",
            "fixed": "Fixed",
            "kept": "Kept",
        }[self.state]


@dataclass
class RuleSummary:
    rule: str
    action: str
    total: int = 0
    open: int = 0


def review_data(article: Article) -> dict:
    """Rows, per-rule summary and whether the body was edited by hand: one query for findings."""
    findings = list(article.findings.select_related("decided_by").order_by("paragraph_index", "pk"))
    states = paragraph_states(article.source_paragraphs, findings)
    by_index = defaultdict(list)
    rules: dict[str, RuleSummary] = {}
    for finding in findings:
        by_index[finding.paragraph_index].append(finding)
        summary = rules.setdefault(finding.rule, RuleSummary(finding.rule, finding.action))
        summary.total += 1
        summary.open += finding.decision == Finding.Decision.OPEN
    rows = [
        ReviewRow(number=i + 1, raw=paragraph_text(item), proposed=states[i], findings=by_index[i])
        for i, item in enumerate(article.source_paragraphs)
    ]
    return {
        "rows": rows,
        "rules": sorted(rules.values(), key=lambda r: (-r.open, r.rule)),
        "open_count": sum(r.open for r in rules.values()),
        "hand_edited": body_paragraphs(article.body) != [text for text in states if text],
    }
