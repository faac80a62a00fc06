"""Every decision teaches: editors' decisions on paragraphs, kept as training labels.

Accepting a chatbot.* or chrome.* finding labels its paragraph as that kind of junk;
rejecting one labels it story; "remove as junk" on a paragraph the cleaner missed is an
accepted finding of the editor's own (``<family>.editor_marked``). One label per finding,
changed when the decision changes. Labels keep the paragraph's text, so they outlive the
article.
"""

from __future__ import annotations

from django.utils import timezone

from articles.cleaning.text import fold
from articles.models import Article, Finding, TrainingLabel

FAMILIES = {"chatbot": TrainingLabel.Label.CHATBOT, "chrome": TrainingLabel.Label.CHROME}
MARKED = ".editor_marked"


def _label(finding: Finding) -> tuple[str, str] | None:
    """(label, origin) for a decided finding, or None when it says nothing of the paragraph."""
    family = finding.rule.split(".", 1)[0]
    if family not in FAMILIES or finding.action == Finding.Action.FIX:
        return None
    if finding.decision == Finding.Decision.ACCEPTED:
        origin = (
            TrainingLabel.Origin.MARKED
            if finding.rule.endswith(MARKED)
            else TrainingLabel.Origin.ACCEPTED
        )
        return FAMILIES[family], origin
    if finding.decision == Finding.Decision.REJECTED:
        return TrainingLabel.Label.STORY, TrainingLabel.Origin.REJECTED
    return None


def labels_record(
    *, decided: list[tuple[Finding, str]], article: Article, site_id: int | None, user
) -> int:
    """Store or update the label of each decided (finding, paragraph text). Returns how many."""
    wanted = {}
    for finding, text in decided:
        if text.strip() and (label := _label(finding)):
            wanted[finding.pk] = (finding, text, *label)
    if not wanted:
        return 0
    now = timezone.now()
    existing = {
        label.finding_id: label for label in TrainingLabel.objects.filter(finding_id__in=wanted)
    }
    changed = []
    for pk, label in existing.items():
        _, _, kind, origin = wanted[pk]
        label.label, label.origin, label.labelled_by, label.labelled_at = kind, origin, user, now
        changed.append(label)
    TrainingLabel.objects.bulk_update(changed, ["label", "origin", "labelled_by", "labelled_at"])
    TrainingLabel.objects.bulk_create(
        TrainingLabel(
            text=text,
            label=kind,
            origin=origin,
            rule=finding.rule,
            finding=finding,
            article=article,
            site_id=site_id,
            labelled_by=user,
        )
        for pk, (finding, text, kind, origin) in wanted.items()
        if pk not in existing
    )
    return len(wanted)


def training_examples() -> list[tuple[str, str]]:
    """(paragraph, label) pairs for ``train_model(extra=...)``; the newest label of a text wins."""
    newest: dict[str, tuple[str, str]] = {}
    rows = TrainingLabel.objects.order_by("labelled_at", "pk").values_list("text", "label")
    for text, label in rows.iterator():
        newest[fold(text)] = (text, label)
    return list(newest.values())
