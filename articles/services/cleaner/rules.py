"""Editors' cleaning rules and source aliases: checked, previewed, made live, used by imports.

A rule or alias starts offline. The editor previews what it would have flagged in copy
already imported, then makes it live; changing what a live rule matches takes it offline
again until it is previewed anew.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import cleaning
from articles.cleaning.rules import PhraseRule, RuleError, RuleSet, alias_problem, phrase_problem
from articles.models import Article, CleaningRule, RawCopy, SourceAlias

# The newest raw copies a preview reads, and the most paragraphs it lists.
PREVIEW_RAW_COPIES = 200
PREVIEW_HITS = 200
# Changing one of these changes what a rule flags: it must be previewed again.
_MATCHING = ("family", "pattern", "is_regex", "action")
_ALIAS_MATCHING = ("alias", "name", "kind")

logger = logging.getLogger(__name__)


def _phrase(rule: CleaningRule) -> PhraseRule:
    return PhraseRule(
        family=rule.family,
        pattern=rule.pattern,
        is_regex=rule.is_regex,
        action=rule.action,
        rule=rule.code,
        message=rule.message,
    )


def _alias(alias: SourceAlias) -> cleaning.SourceAlias:
    return cleaning.SourceAlias(alias=alias.alias, name=alias.name, kind=alias.kind)


def cleaning_rule_problem(rule: CleaningRule, *, probe: bool = True) -> str | None:
    """Why the cleaner cannot use this rule, or None.

    ``probe`` times the pattern on text made to make it backtrack (the form an editor
    submits does); saving and going live repeat only the checks whose answer cannot vary.
    """
    return phrase_problem(_phrase(rule), probe=probe)


def source_alias_problem(alias: SourceAlias) -> str | None:
    return alias_problem(_alias(alias))


def live_rules() -> RuleSet:
    """The shipped rules with every live editor's rule and alias: what imports run."""
    phrases = tuple(_phrase(r) for r in CleaningRule.objects.filter(is_live=True).order_by("pk"))
    aliases = tuple(_alias(a) for a in SourceAlias.objects.filter(is_live=True).order_by("pk"))
    return _rule_set(phrases, aliases)


@functools.lru_cache(maxsize=8)
def _rule_set(
    phrases: tuple[PhraseRule, ...], aliases: tuple[cleaning.SourceAlias, ...]
) -> RuleSet:
    # Checked when saved; a rule the cleaner now refuses is left out, never fatal to imports.
    usable = []
    for phrase in phrases:
        if problem := phrase_problem(phrase, probe=False):
            logger.error("Cleaning rule %r left out: %s", phrase.pattern, problem)
        else:
            usable.append(phrase)
    good_aliases = [a for a in aliases if not alias_problem(a)]
    return RuleSet.shipped().with_extra(phrases=usable, aliases=good_aliases)


def _require(user, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(f"You need the permission {permission!r} for this.")


def _save(obj, *, user, matching: tuple[str, ...], problem: str | None, model: str):
    _require(user, f"articles.{'change' if obj.pk else 'add'}_{model}")
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        if obj.pk is None:
            obj.created_by = user
        else:
            stored = type(obj).objects.select_for_update().get(pk=obj.pk)
            if any(getattr(stored, name) != getattr(obj, name) for name in matching):
                obj.is_live, obj.went_live_at = False, None
        obj.save()
    return obj


def cleaning_rule_save(*, rule: CleaningRule, user) -> CleaningRule:
    """Create or change a rule. Raises ValidationError for one the cleaner cannot use."""
    return _save(
        rule,
        user=user,
        matching=_MATCHING,
        problem=cleaning_rule_problem(rule, probe=False),
        model="cleaningrule",
    )


def source_alias_save(*, alias: SourceAlias, user) -> SourceAlias:
    return _save(
        alias,
        user=user,
        matching=_ALIAS_MATCHING,
        problem=source_alias_problem(alias),
        model="sourcealias",
    )


def _switch(obj, *, user, model: str, live: bool) -> None:
    _require(user, f"articles.change_{model}")
    type(obj).objects.filter(pk=obj.pk).update(
        is_live=live, went_live_at=timezone.now() if live else None
    )
    obj.refresh_from_db(fields=["is_live", "went_live_at"])


def cleaning_rule_go_live(*, rule: CleaningRule, user) -> None:
    """From the next import on, the rule flags what its preview showed."""
    if problem := cleaning_rule_problem(rule, probe=False):
        raise ValidationError(problem)
    _switch(rule, user=user, model="cleaningrule", live=True)


def cleaning_rule_take_offline(*, rule: CleaningRule, user) -> None:
    _switch(rule, user=user, model="cleaningrule", live=False)


def source_alias_go_live(*, alias: SourceAlias, user) -> None:
    if problem := source_alias_problem(alias):
        raise ValidationError(problem)
    _switch(alias, user=user, model="sourcealias", live=True)


def source_alias_take_offline(*, alias: SourceAlias, user) -> None:
    _switch(alias, user=user, model="sourcealias", live=False)


@dataclass
class PreviewHit:
    article_id: int
    headline: str
    raw_copy: str
    number: int  # the paragraph's place in its story, from 1
    text: str
    action: str  # what the rule would suggest there, guards applied
    note: str


@dataclass
class Preview:
    """What a rule would have flagged in the newest imported copy, and how much was read."""

    hits: list[PreviewHit] = field(default_factory=list)
    more: int = 0  # hits past PREVIEW_HITS, counted but not listed
    scanned: int = 0  # raw copies read
    limit: int = PREVIEW_RAW_COPIES
    total: int = 0  # raw copies stored
    without_draft: int = 0  # among the newest, raw copies whose draft was deleted


def _scan(limit: int, judge) -> Preview:
    """Run ``judge(paragraphs) -> {index: (action, note)}`` over the newest raw copies' drafts."""
    newest = list(
        RawCopy.objects.order_by("-received_at", "-pk").values_list("pk", "filename")[:limit]
    )
    drafts = Article.objects.filter(raw_copy_id__in=[pk for pk, _ in newest]).values_list(
        "raw_copy_id", "pk", "headline", "source_paragraphs"
    )
    by_raw = {raw_id: (pk, headline, paragraphs) for raw_id, pk, headline, paragraphs in drafts}
    preview = Preview(scanned=len(newest), limit=limit, total=RawCopy.objects.count())
    for raw_id, filename in newest:
        if raw_id not in by_raw:
            preview.without_draft += 1
            continue
        article_id, headline, items = by_raw[raw_id]
        texts = [_text(item) for item in items]
        for index, (action, note) in sorted(judge(texts).items()):
            if len(preview.hits) >= PREVIEW_HITS:
                preview.more += 1
                continue
            preview.hits.append(
                PreviewHit(
                    article_id=article_id,
                    headline=headline,
                    raw_copy=filename or f"raw copy {raw_id}",
                    number=index + 1,
                    text=texts[index],
                    action=action,
                    note=note,
                )
            )
    return preview


def _text(item) -> str:
    # Imported paragraphs are stored as strings or as {"text": ...} (desk.body.paragraph_text).
    return str(item.get("text", "")) if isinstance(item, dict) else str(item)


def cleaning_rule_preview(*, rule: CleaningRule, limit: int = PREVIEW_RAW_COPIES) -> Preview:
    """The paragraphs of the newest imported copy this rule would have flagged."""
    phrase = _phrase(rule)
    try:
        cleaning.phrase_matcher(phrase)
    except RuleError as error:
        raise ValidationError(str(error)) from error

    def judge(texts):
        found = cleaning.phrase_preview(phrase, texts)
        return {i: (f.action, f.message) for i, f in found.items()}

    return _scan(limit, judge)


def source_alias_preview(*, alias: SourceAlias, limit: int = PREVIEW_RAW_COPIES) -> Preview:
    """The paragraphs of the newest imported copy where this alias would name its source."""
    value = _alias(alias)
    if problem := alias_problem(value):
        raise ValidationError(problem)

    def judge(texts):
        found = cleaning.alias_preview(value, texts)
        return {i: ("source", m.evidence) for i, m in found.items()}

    return _scan(limit, judge)
