""" "Remove as junk": an editor takes out a paragraph the cleaner missed, and says why.

The removal is a finding of the editor's own (``chatbot.editor_marked`` or
``chrome.editor_marked``), already accepted: the body changes as for any accepted finding,
rejecting it later puts the paragraph back, and its training label follows the decision.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Finding
from articles.services.cleaner import labels_record
from articles.services.desk.body import body_apply, paragraph_states, paragraph_text
from articles.services.desk.common import (
    article_lock,
    audit_log,
    require_permission,
    text_write,
)

JUNK_KINDS = {
    "chatbot": "An editor removed this as a chatbot leftover the cleaner missed",
    "chrome": "An editor removed this as site chrome the cleaner missed",
}


class JunkRefused(Exception):
    """The paragraph cannot be marked; the message says why."""


def paragraph_mark_junk(*, article: Article, paragraph_index: int, kind: str, user) -> Finding:
    """Take imported paragraph ``paragraph_index`` out of the body as ``kind`` junk."""
    require_permission(user, "articles.change_finding")
    if kind not in JUNK_KINDS:
        raise JunkRefused(f"Junk is one of {', '.join(JUNK_KINDS)}, not {kind!r}.")
    with transaction.atomic():
        stored = article_lock(article.pk)
        paragraphs = stored.source_paragraphs
        if not 0 <= paragraph_index < len(paragraphs):
            raise JunkRefused("This article has no such imported paragraph.")
        findings = list(stored.findings.order_by("pk"))
        before = paragraph_states(paragraphs, findings)
        if before[paragraph_index] is None:
            raise JunkRefused("This paragraph is already out of the body.")
        text = paragraph_text(paragraphs[paragraph_index])
        finding = Finding.objects.create(
            article=stored,
            rule=f"{kind}.editor_marked",
            message=JUNK_KINDS[kind],
            evidence=text[:200],
            action=Finding.Action.REMOVE,
            paragraph_index=paragraph_index,
            decision=Finding.Decision.ACCEPTED,
            decided_by=user,
            decided_at=timezone.now(),
        )
        after = paragraph_states(paragraphs, [*findings, finding])
        message = f"Removed paragraph {paragraph_index + 1} as {kind} junk."
        updated = article_lock(article.pk)
        updated.body = body_apply(stored.body, before, after)
        if updated.body != stored.body:
            text_write(article=updated, stored=stored, user=user, note=message)
        audit_log(user=user, article=stored, message=message)
        site_id = stored.raw_copy.site_id if stored.raw_copy_id else None
        labels_record(decided=[(finding, text)], article=stored, site_id=site_id, user=user)
    return finding
