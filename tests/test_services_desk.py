import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, Finding, FormerSlug, Revision
from articles.services.desk import (
    ArticleConflict,
    InvalidTransition,
    PublishRefused,
    article_publish,
    article_publish_check,
    article_return_to_draft,
    article_save,
    article_submit_for_review,
    article_unpublish,
    finding_accept,
    finding_reject,
    findings_decide_rule,
    revision_restore,
)
from articles.services.desk.body import body_apply
from tests.desk_helpers import PARAGRAPHS, imported_story
from tests.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


def _finding(article, rule):
    return article.findings.get(rule=rule)


def _paragraphs(article):
    article.refresh_from_db()
    return article.body.split("\n\n")


def _decide_all(article, user):
    for finding in article.findings.all():
        finding_accept(finding=finding, user=user)


def test_imported_body_leaves_out_proposed_removals_and_keeps_doubt():
    """Open removals are out of the body; open review and fix paragraphs stay as written."""
    article = imported_story()
    assert _paragraphs(article) == [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[4], PARAGRAPHS[6]]


def test_rejected_removal_comes_back_where_it_was(editor):
    """Rejecting a removal puts the paragraph back in its original place, recording who and when."""
    article = imported_story()
    finding = finding_reject(finding=_finding(article, "chrome.share"), user=editor)
    assert _paragraphs(article)[2] == PARAGRAPHS[3]
    assert finding.decision == Finding.Decision.REJECTED
    assert finding.decided_by == editor
    assert finding.decided_at is not None


def test_rejected_duplicate_is_restored_as_a_second_copy(editor):
    """A rejected duplicate removal brings back the repeated paragraph next to its twin."""
    article = imported_story()
    finding_reject(finding=_finding(article, "dup.exact"), user=editor)
    assert _paragraphs(article)[2:4] == [PARAGRAPHS[4], PARAGRAPHS[5]]


def test_accepted_review_drops_but_style_review_is_only_acknowledged(editor):
    """An accepted review finding removes its paragraph unless the rule is a style rule."""
    article = imported_story()
    finding_accept(finding=_finding(article, "chatbot.tone"), user=editor)
    finding_accept(finding=_finding(article, "style.spacing"), user=editor)
    body = _paragraphs(article)
    assert PARAGRAPHS[2] not in body
    assert PARAGRAPHS[6] in body


def test_accepted_fix_replaces_the_paragraph_text(editor):
    """An accepted fix swaps the paragraph for the suggested text; rejecting it again restores it."""
    article = imported_story()
    fix = _finding(article, "style.punctuation")
    finding_accept(finding=fix, user=editor)
    assert _paragraphs(article)[-1] == fix.replacement
    finding_reject(finding=fix, user=editor)
    assert _paragraphs(article)[-1] == PARAGRAPHS[6]


def test_decisions_keep_the_editors_hand_edits(editor):
    """After a hand edit, decisions apply only where the paragraph is found; edited text stays."""
    article = imported_story()
    edited = article.body.replace("Councillor Mena Avery", "Cllr Mena Avery") + "\n\nA new ending."
    article.body = edited
    article_save(article=article, user=editor, loaded_version=article.version)
    finding_accept(finding=_finding(article, "chatbot.tone"), user=editor)
    finding_reject(finding=_finding(article, "chrome.share"), user=editor)
    body = _paragraphs(article)
    assert "Cllr Mena Avery said the vote ended two years of argument about the cost." in body
    assert body[-1] == "A new ending."
    assert body.index(PARAGRAPHS[3]) == body.index(PARAGRAPHS[0]) + 1


def test_body_apply_removes_a_located_paragraph_from_an_edited_body():
    """A dropped paragraph found in a hand-edited body is taken out; the rest is untouched."""
    before = ["One.", "Two.", "Three."]
    after = ["One.", None, "Three."]
    assert body_apply("One!\n\nTwo.\n\nThree.", before, after) == "One!\n\nThree."


def test_rule_decision_covers_every_open_finding_of_that_rule(editor):
    """Deciding a rule decides all its open findings in one go and logs it in the admin history."""
    article = imported_story()
    Finding.objects.create(
        article=article, paragraph_index=0, rule="chrome.share", action="remove", message="x"
    )
    count = findings_decide_rule(
        article=article, rule="chrome.share", decision="rejected", user=editor
    )
    assert count == 2
    assert not article.findings.filter(rule="chrome.share", decision="open").exists()
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message__contains="Rejected 2")


def test_decisions_need_the_finding_permission(moderator):
    """A user without the change-finding permission cannot decide."""
    article = imported_story()
    with pytest.raises(PermissionDenied):
        finding_accept(finding=_finding(article, "chrome.share"), user=moderator)


def test_publish_gate_lists_every_reason():
    """The gate names undecided remove/review findings, an empty headline or body, a missing byline."""
    article = imported_story(byline=False, headline=" ")
    article.body = ""
    reasons = article_publish_check(article)
    assert "The headline is empty." in reasons
    assert "The body is empty." in reasons
    assert "The article has no byline." in reasons
    assert "1 undecided finding of rule chatbot.preamble." in reasons
    assert not any("style.punctuation" in reason for reason in reasons)


def test_publish_refused_until_findings_decided_then_live(editor):
    """Publishing is refused with reasons; once decided the article is live and logged."""
    article = imported_story()
    with pytest.raises(PublishRefused) as refused:
        article_publish(article=article, user=editor)
    assert len(refused.value.reasons) == 5
    _decide_all(article, editor)
    article.refresh_from_db()
    article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_live
    assert article.first_published_at == article.published_at
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message="Published.").exists()


def test_future_publish_time_schedules(editor):
    """A future time schedules: published status, not visible to readers until then."""
    article = ArticleFactory()
    BylineFactory(article=article)
    at = timezone.now() + dt.timedelta(hours=3)
    article_publish(article=article, user=editor, at=at)
    assert article.status == Article.Status.PUBLISHED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()
    assert LogEntry.objects.filter(change_message__startswith="Scheduled for").exists()


def test_reporter_cannot_publish(reporter):
    """Publishing needs can_publish."""
    article = imported_story()
    with pytest.raises(PermissionDenied):
        article_publish(article=article, user=reporter)


def test_transitions_follow_the_workflow(editor, reporter):
    """Draft -> review -> published -> unpublished -> draft; other steps are refused."""
    article = imported_story()
    _decide_all(article, editor)
    article_submit_for_review(article=article, user=reporter)
    with pytest.raises(InvalidTransition):
        article_submit_for_review(article=article, user=reporter)
    article_publish(article=article, user=editor)
    with pytest.raises(InvalidTransition):
        article_return_to_draft(article=article, user=editor)
    with pytest.raises(InvalidTransition):
        article_publish(article=article, user=editor)
    article_unpublish(article=article, user=editor)
    with pytest.raises(InvalidTransition):
        article_unpublish(article=article, user=editor)
    article_return_to_draft(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_save_keeps_revisions_and_refuses_a_stale_version(editor):
    """A text change keeps a revision and bumps the version; a save from an old version is refused."""
    article = imported_story()
    loaded = article.version
    article.headline = "Harbour wall to be rebuilt"
    article_save(article=article, user=editor, loaded_version=loaded)
    assert article.version == loaded + 1
    assert [r.headline for r in article.revisions.order_by("number")][-1] == article.headline
    other = Article.objects.get(pk=article.pk)
    other.dek = "An older tab's dek."
    with pytest.raises(ArticleConflict):
        article_save(article=other, user=editor, loaded_version=loaded)
    assert Article.objects.get(pk=article.pk).dek != "An older tab's dek."


def test_save_without_text_change_keeps_no_revision(editor):
    """Saving the same words again does not add a revision."""
    article = imported_story()
    article_save(article=article, user=editor, loaded_version=article.version)
    assert not Revision.objects.filter(article=article).exists()


def test_restore_brings_back_old_text_as_a_new_revision(editor, django_capture_on_commit_callbacks):
    """Restoring an old revision makes a new one; on a published article readers see it."""
    article = imported_story()
    _decide_all(article, editor)
    article.refresh_from_db()
    article_publish(article=article, user=editor)
    original = article.body
    article.body = "Nothing but a rewrite."
    article_save(article=article, user=editor, loaded_version=article.version)
    before_rewrite = article.revisions.order_by("-number")[1]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revision_restore(revision=before_rewrite, user=editor)
    article.refresh_from_db()
    assert article.body == original
    assert (
        article.revisions.order_by("-number").first().note
        == f"Restored revision {before_rewrite.number}"
    )
    assert article.content_updated_at is not None
    assert callbacks


# The slug follows the headline until the first publication.


def test_slug_follows_the_headline_until_first_publication(editor):
    """A draft's new headline makes its slug; after publishing, the slug never changes."""
    article = ArticleFactory(headline="Harbour wall vote tonight", created_by=editor)
    BylineFactory(article=article)
    first = article.slug
    article.headline = "Council votes to rebuild the harbour wall before winter"
    article_save(article=article, user=editor, loaded_version=article.version)
    article.refresh_from_db()
    assert article.slug == "council-votes-to-rebuild-the-harbour-wall-before-winter"
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == [first]
    article_publish(article=article, user=editor)
    article.refresh_from_db()
    article.headline = "Harbour wall: council votes to rebuild it"
    article_save(article=article, user=editor, loaded_version=article.version)
    article.refresh_from_db()
    assert article.slug == "council-votes-to-rebuild-the-harbour-wall-before-winter"


def test_a_long_headline_makes_a_short_slug_of_whole_words():
    """A slug made from a long headline stops at a word, within 80 characters."""
    article = ArticleFactory(
        headline="US officials say Biden lifts some restrictions on Ukraine using US weapons "
        "for strikes on Russian territory",
        slug="",
    )
    assert len(article.slug) <= 80
    assert article.slug == (
        "us-officials-say-biden-lifts-some-restrictions-on-ukraine-using-us-weapons-for"
    )
