"""Suggestions stay suggestions: the editor confirms a byline or source, matched or new."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.admin.desk.suggestions import suggestion_views
from articles.models import Author, Source, Suggestion
from articles.services.desk import (
    SuggestionDecided,
    suggestion_confirm,
    suggestion_dismiss,
)
from tests.factories import ArticleFactory, AuthorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def suggest(article, target, name, kind="person", evidence=""):
    return Suggestion.objects.create(
        article=article, target=target, name=name, kind=kind, evidence=evidence
    )


def test_confirming_a_new_author_creates_it_and_the_byline(editor):
    """ "New author" makes the author only now, with the proposed kind, at the byline's end."""
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "Nessa Trevail")
    byline = suggestion_confirm(suggestion=suggestion, user=editor, match=None)
    assert (byline.author.name, byline.author.kind, byline.position) == (
        "Nessa Trevail",
        Author.Kind.PERSON,
        0,
    )
    suggestion.refresh_from_db()
    assert (suggestion.decision, suggestion.decided_by) == ("confirmed", editor)


def test_confirming_a_match_reuses_the_author(editor):
    """Matched to an existing author, no second author is made."""
    existing = AuthorFactory(name="Tom Krisher")
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "Tom Krisher")
    suggestion_confirm(suggestion=suggestion, user=editor, match=existing)
    assert Author.objects.count() == 1
    assert article.bylines.get().author == existing


def test_a_source_is_reused_by_name_and_cited_with_its_evidence(editor):
    """A new source of a name already known is that source; the citation keeps the sentence."""
    known = SourceFactory(name="Reuters")
    article = ArticleFactory()
    suggestion = suggest(article, "source", "reuters", "wire", "the engineer told Reuters.")
    citation = suggestion_confirm(suggestion=suggestion, user=editor, match=None)
    assert citation.source == known
    assert citation.evidence == "the engineer told Reuters."
    assert Source.objects.count() == 1


def test_dismissing_creates_nothing(editor):
    """Leaving a suggestion off makes no author and no byline."""
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "MBS Staff", "staff")
    suggestion_dismiss(suggestion=suggestion, user=editor)
    assert not Author.objects.filter(name="MBS Staff").exists()
    assert not article.bylines.exists()


def test_a_suggestion_is_decided_once(editor):
    """A second decision on the same suggestion is refused, nothing is doubled."""
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "Nessa Trevail")
    suggestion_confirm(suggestion=suggestion, user=editor)
    with pytest.raises(SuggestionDecided):
        suggestion_confirm(suggestion=suggestion, user=editor)
    assert Author.objects.count() == 1


def test_moderator_may_not_confirm(moderator):
    """Only people who may change articles decide suggestions."""
    suggestion = suggest(ArticleFactory(), "byline", "Nessa Trevail")
    with pytest.raises(PermissionDenied):
        suggestion_confirm(suggestion=suggestion, user=moderator)


def test_fuzzy_matches_are_offered_and_the_close_one_chosen():
    """ "Associated Press" finds "The Associated Press"; "new" is always a choice of its own."""
    SourceFactory(name="The Associated Press", kind="wire")
    SourceFactory(name="Harbour FM", kind="broadcaster")
    AuthorFactory(name="Tom Krisher")
    article = ArticleFactory()
    suggest(article, "source", "Associated Press", "wire")
    suggest(article, "byline", "Tom Krishner")
    suggest(article, "byline", "Ysella Pender")
    views = {view.suggestion.name: view for view in suggestion_views(article)}
    press = views["Associated Press"].choices
    assert press[0].label.startswith("The Associated Press (existing")
    assert press[0].selected
    assert press[-1].value == "new"
    typo = views["Tom Krishner"].choices
    assert typo[0].label.startswith("Tom Krisher (existing")
    stranger = views["Ysella Pender"].choices
    assert [c.value for c in stranger] == ["new"]
    assert stranger[0].selected


def _post(client, article, **data):
    url = reverse("admin:articles_article_suggestion", args=[article.pk])
    return client.post(url, data)


def test_editor_confirms_from_the_review_screen(client, editor):
    """The review screen lists the proposal; choosing a match puts that author on the byline."""
    author = AuthorFactory(name="Tom Krisher")
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "Tom Krisher")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_review", args=[article.pk]))
    assert "“Tom Krisher”" in page.content.decode()
    assert f'value="author:{author.pk}" selected' in page.content.decode()
    response = _post(
        client, article, suggestion=suggestion.pk, action="confirm", choice=f"author:{author.pk}"
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/review/#suggestions")
    assert article.bylines.get().author == author


@pytest.mark.parametrize(
    "data",
    [
        {"action": "confirm", "choice": "source:1"},  # a source offered for a byline
        {"action": "confirm", "choice": "author:999999"},
        {"action": "confirm", "choice": "author:x"},
        {"action": "explode", "choice": "new"},
    ],
)
def test_forged_choices_are_refused_with_a_message(client, editor, data):
    """A choice that was not offered changes nothing and says so."""
    SourceFactory(pk=1, name="Reuters")
    article = ArticleFactory()
    suggestion = suggest(article, "byline", "Nessa Trevail")
    client.force_login(editor)
    response = _post(client, article, suggestion=suggestion.pk, **data)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.decision == "open"
    assert not article.bylines.exists()


def test_suggestion_of_another_article_is_refused(client, editor):
    """A suggestion id from another story is not decided through this one."""
    article, other = ArticleFactory(), ArticleFactory()
    suggestion = suggest(other, "byline", "Nessa Trevail")
    client.force_login(editor)
    _post(client, article, suggestion=suggestion.pk, action="dismiss")
    suggestion.refresh_from_db()
    assert suggestion.decision == "open"
