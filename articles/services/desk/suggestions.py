"""Confirming or leaving off what the cleaner proposed for the byline and the sources.

A confirmed byline name becomes a ``Byline`` to an existing ``Author`` or,
only when the editor says so, a new one; a confirmed source becomes a
``Citation``. Until then nothing public exists for the name.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from articles.models import Author, Byline, Citation, Source, Suggestion
from articles.services.desk.common import audit_log, require_permission

Target = Suggestion.Target


class SuggestionDecided(Exception):
    """Someone decided this suggestion already."""


def suggestion_confirm(
    *, suggestion: Suggestion, user, match: Author | Source | None = None
) -> Byline | Citation:
    """Put the suggestion on the article: as ``match``, or as a new author or source when None."""
    require_permission(user, "articles.change_article")
    with transaction.atomic():
        locked = _open_locked(suggestion)
        article = locked.article
        if locked.target == Target.BYLINE:
            author = match if isinstance(match, Author) else _author_new(locked)
            made = _byline_add(article, author)
            what = f"Byline confirmed: {author.name}"
        else:
            source = match if isinstance(match, Source) else _source_for(locked)
            made = _citation_add(article, source, locked.evidence)
            what = f"Source confirmed: {source.name}"
        _decided(locked, Suggestion.Decision.CONFIRMED, user)
        audit_log(user=user, article=article, message=f"{what}.")
    suggestion.refresh_from_db()
    return made


def suggestion_dismiss(*, suggestion: Suggestion, user) -> Suggestion:
    """Leave the suggestion off the article; nothing is created."""
    require_permission(user, "articles.change_article")
    with transaction.atomic():
        locked = _open_locked(suggestion)
        _decided(locked, Suggestion.Decision.DISMISSED, user)
        audit_log(
            user=user,
            article=locked.article,
            message=f"{locked.get_target_display()} left off: {locked.name}.",
        )
    suggestion.refresh_from_db()
    return suggestion


def _open_locked(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().select_related("article").get(pk=suggestion.pk)
    if locked.decision != Suggestion.Decision.OPEN:
        raise SuggestionDecided(f"“{locked.name}” was already {locked.get_decision_display()}.")
    return locked


def _decided(suggestion: Suggestion, decision: str, user) -> None:
    suggestion.decision = decision
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["decision", "decided_by", "decided_at"])


def _author_new(suggestion: Suggestion) -> Author:
    kind = suggestion.kind if suggestion.kind in Author.Kind.values else Author.Kind.PERSON
    return Author.objects.create(name=suggestion.name, kind=kind)


def _source_for(suggestion: Suggestion) -> Source:
    """The source of that name (names are unique), made when there is none yet."""
    existing = Source.objects.filter(name__iexact=suggestion.name).order_by("pk").first()
    if existing is not None:
        return existing
    kind = suggestion.kind if suggestion.kind in Source.Kind.values else Source.Kind.OTHER
    try:
        with transaction.atomic():
            return Source.objects.create(name=suggestion.name, kind=kind)
    except IntegrityError:
        # Another editor confirmed the same name a moment ago.
        return Source.objects.get(name__iexact=suggestion.name)


def _byline_add(article, author: Author) -> Byline:
    existing = article.bylines.filter(author=author).first()
    if existing is not None:
        return existing
    last = article.bylines.aggregate(n=Max("position"))["n"]
    return Byline.objects.create(
        article=article, author=author, position=0 if last is None else last + 1
    )


def _citation_add(article, source: Source, evidence: str) -> Citation:
    existing = article.citations.filter(source=source).first()
    if existing is not None:
        return existing
    last = article.citations.aggregate(n=Max("position"))["n"]
    return Citation.objects.create(
        article=article,
        source=source,
        evidence=evidence,
        position=0 if last is None else last + 1,
    )
