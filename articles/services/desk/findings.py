"""Editors' decisions on the cleaner's findings, and what they do to the body."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Finding
from articles.services.cleaner import labels_record, site_lines_keep
from articles.services.desk.body import body_apply, paragraph_states, paragraph_text
from articles.services.desk.common import (
    article_lock,
    audit_log,
    require_permission,
    text_write,
)

DECISIONS = {Finding.Decision.ACCEPTED, Finding.Decision.REJECTED}


def finding_accept(*, finding: Finding, user) -> Finding:
    """Accept one finding: the paragraph goes out, or takes the fix, as the finding said."""
    _decide(
        article_id=finding.article_id,
        chosen=lambda f: f.pk == finding.pk,
        decision=Finding.Decision.ACCEPTED,
        user=user,
    )
    finding.refresh_from_db()
    return finding


def finding_reject(*, finding: Finding, user) -> Finding:
    """Reject one finding: a removed paragraph comes back where it was."""
    _decide(
        article_id=finding.article_id,
        chosen=lambda f: f.pk == finding.pk,
        decision=Finding.Decision.REJECTED,
        user=user,
    )
    finding.refresh_from_db()
    return finding


def findings_decide_rule(*, article: Article, rule: str, decision: str, user) -> int:
    """Decide every open finding of one rule on one article. Returns how many were decided."""
    if decision not in DECISIONS:
        raise ValueError(f"A decision is 'accepted' or 'rejected', not {decision!r}.")
    return _decide(
        article_id=article.pk,
        chosen=lambda f: f.rule == rule and f.decision == Finding.Decision.OPEN,
        decision=decision,
        user=user,
    )


def _describe(decided: list[Finding], decision: str) -> str:
    verb = "Accepted" if decision == Finding.Decision.ACCEPTED else "Rejected"
    if len(decided) == 1:
        finding = decided[0]
        return f"{verb} finding {finding.rule} on paragraph {finding.paragraph_index + 1}."
    rules = ", ".join(sorted({f.rule for f in decided}))
    return f"{verb} {len(decided)} findings ({rules})."


def _teach(article: Article, decided: list[Finding], decision: str, user) -> None:
    """Every decision is a training label; a rejected finding's paragraph is the site's story."""
    paragraphs = article.source_paragraphs
    texts = [
        paragraph_text(paragraphs[f.paragraph_index]) if f.paragraph_index < len(paragraphs) else ""
        for f in decided
    ]
    site_id = article.raw_copy.site_id if article.raw_copy_id else None
    labels_record(
        decided=list(zip(decided, texts, strict=True)), article=article, site_id=site_id, user=user
    )
    if decision == Finding.Decision.REJECTED:
        site_lines_keep(site_id=site_id, texts=texts)


def _decide(*, article_id: int, chosen: Callable[[Finding], bool], decision: str, user) -> int:
    require_permission(user, "articles.change_finding")
    with transaction.atomic():
        stored = article_lock(article_id)
        findings = list(stored.findings.order_by("pk"))
        decided = [f for f in findings if chosen(f)]
        if not decided:
            return 0
        before = paragraph_states(stored.source_paragraphs, findings)
        now = timezone.now()
        for finding in decided:
            finding.decision = decision
            finding.decided_by = user
            finding.decided_at = now
        Finding.objects.bulk_update(decided, ["decision", "decided_by", "decided_at"])
        _teach(stored, decided, decision, user)
        after = paragraph_states(stored.source_paragraphs, findings)
        message = _describe(decided, decision)
        article = article_lock(article_id)
        article.body = body_apply(stored.body, before, after)
        if article.body != stored.body:
            text_write(article=article, stored=stored, user=user, note=message)
        audit_log(user=user, article=stored, message=message)
    return len(decided)
