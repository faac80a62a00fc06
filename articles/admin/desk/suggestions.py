"""The byline and source proposals on the review screen, each with its likely matches.

Matching is fuzzy (rapidfuzz's WRatio on normalised names), so "Tom Krisher"
finds "Tom Krisher" and "T. Krisher", and "Associated Press" finds "The
Associated Press". A new author is never the silent default when a close
match exists; it is always a choice of its own.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process, utils

from articles.models import Article, Author, Source, Suggestion

MATCH_CUTOFF = 80  # below this a name is not offered as a match
LIKELY = 92  # at or above this the best match is chosen in advance
MATCHES_SHOWN = 3


@dataclass
class Choice:
    value: str
    label: str
    selected: bool = False


@dataclass
class SuggestionView:
    suggestion: Suggestion
    choices: list[Choice]

    @property
    def confirm_label(self) -> str:
        if self.suggestion.target == Suggestion.Target.BYLINE:
            return _("Add to byline")
        return _("Add as source")


def _matches(name: str, candidates: dict[int, str]) -> list[tuple[int, str, float]]:
    found = process.extract(
        name,
        candidates,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=MATCHES_SHOWN,
        score_cutoff=MATCH_CUTOFF,
    )
    return [(key, match, score) for match, score, key in found]


def _choices(suggestion: Suggestion, candidates: dict[int, str], kinds: dict[int, str]):
    byline = suggestion.target == Suggestion.Target.BYLINE
    prefix = "author" if byline else "source"
    matches = _matches(suggestion.name, candidates)
    choices = [
        Choice(
            f"{prefix}:{pk}",
            _("%(name)s (existing, %(kind)s, %(score)d%% alike)")
            % {"name": name, "kind": kinds[pk], "score": round(score)},
        )
        for pk, name, score in matches
    ]
    kind_label = dict((Author.Kind if byline else Source.Kind).choices).get(
        suggestion.kind, suggestion.kind
    )
    new_label = (
        _("New author: %(name)s (%(kind)s)") if byline else _("New source: %(name)s (%(kind)s)")
    )
    choices.append(Choice("new", new_label % {"name": suggestion.name, "kind": kind_label}))
    if matches and matches[0][2] >= LIKELY:
        choices[0].selected = True
    else:
        choices[-1].selected = True
    return choices


def suggestion_views(article: Article) -> list[SuggestionView]:
    """The article's open suggestions with their choices: at most three queries."""
    suggestions = list(article.suggestions.filter(decision=Suggestion.Decision.OPEN))
    views = []
    tables = {}
    for target, model in ((Suggestion.Target.BYLINE, Author), (Suggestion.Target.SOURCE, Source)):
        if any(s.target == target for s in suggestions):
            rows = model.objects.values_list("pk", "name", "kind")
            labels = dict(model.Kind.choices)
            tables[target] = (
                {pk: name for pk, name, _kind in rows},
                {pk: labels.get(kind, kind) for pk, _name, kind in rows},
            )
    for suggestion in suggestions:
        candidates, kinds = tables[suggestion.target]
        views.append(SuggestionView(suggestion, _choices(suggestion, candidates, kinds)))
    return views


def suggestion_choice(suggestion: Suggestion, value: str) -> Author | Source | None:
    """What the posted choice names: an existing author or source, or None for a new one.

    Raises ``ValueError`` for anything else, such as an author offered for a source.
    """
    if value == "new":
        return None
    prefix, _sep, pk = value.partition(":")
    model = {"author": Author, "source": Source}.get(prefix)
    expected = Author if suggestion.target == Suggestion.Target.BYLINE else Source
    if model is not expected or not pk.isdigit():
        raise ValueError(value)
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValueError(value)
    return found
