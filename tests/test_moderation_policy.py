"""The moderation policy decides approve, hold or spam, and records every reason."""

import pytest

from articles.models import Article, BlockedSender, Comment, ModerationSettings
from articles.policy import (
    CommentFacts,
    CommentPolicy,
    link_count,
    text_normalise,
    text_strip_invisible,
    words_find,
)
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory


def _facts(**values) -> CommentFacts:
    defaults = {
        "body": "The lifeboat crew deserve a medal.",
        "author_name": "Jory",
        "author_url": "",
        "honeypot": "",
        "form_age_seconds": 40,
        "is_trusted": False,
    }
    return CommentFacts(**{**defaults, **values})


def _decide(facts, *, mode=Article.CommentMode.DEFAULT, **settings):
    return CommentPolicy().decide(
        facts, article=Article(comment_mode=mode), settings=ModerationSettings(**settings)
    )


def test_normalising_undoes_case_accents_invisible_characters_and_digits():
    """Case, accents, zero-width characters, look-alike digits and spaced letters fold away."""
    assert text_normalise("C\u200bAS\u00cdN0") == "casino"
    assert text_normalise("s.p.a.m  and\u00a0\ufb01ne") == "spam and fine"
    assert text_normalise("Harbour 2024") == "harbour 2024"


def test_invisible_and_bidi_characters_are_stripped():
    """Zero-width, bidi override and control characters go; newlines stay."""
    assert text_strip_invisible("a\u200bb\u202ec\u2066d\x07e\r\nf") == "abcde\nf"


def test_words_match_whole_words_and_phrases():
    """Words and phrases match whole; the moderator's own spelling is reported."""
    words = "Free Money\nass\n"
    assert words_find(words, text_normalise("get FR33 m0ney now")) == ["Free Money"]
    assert words_find(words, text_normalise("the harbour-master passed")) == []


def test_links_are_counted():
    """Bare addresses and anchors count as links."""
    assert link_count("see http://a.example, www.b.example and <a href=x>c</a>") == 3


def test_trusted_commenter_is_approved_new_one_held():
    """Pre-moderation holds a new commenter and trusts one with an earlier approved comment."""
    assert _decide(_facts()).status == Comment.Status.PENDING
    decision = _decide(_facts(is_trusted=True))
    assert decision.status == Comment.Status.APPROVED
    assert decision.reasons == ["trusted commenter (token of an earlier approved comment)"]


def test_article_overrides_the_site_setting():
    """An article can hold every comment, or publish at once unless the policy objects."""
    held = _decide(_facts(is_trusted=True), mode=Article.CommentMode.PRE)
    assert held.status == Comment.Status.PENDING
    assert held.reasons == ["this article holds every comment"]
    assert _decide(_facts(), mode=Article.CommentMode.POST).status == Comment.Status.APPROVED


def test_site_can_hold_everything_or_nothing():
    """The site-wide switches: hold every comment, or no pre-moderation at all."""
    assert _decide(_facts(is_trusted=True), premoderate_all=True).status == Comment.Status.PENDING
    assert _decide(_facts(), premoderate_new_commenters=False).status == Comment.Status.APPROVED


def test_spam_beats_hold_and_every_reason_is_kept():
    """A comment that is both spam and suspect is spam, with all the reasons listed."""
    facts = _facts(
        body="casino http://a.example http://b.example", honeypot="x", form_age_seconds=1
    )
    decision = _decide(facts, banned_words="casino")
    assert decision.status == Comment.Status.SPAM
    assert decision.reasons[:2] == ["honeypot field filled in", "banned word: casino"]
    assert "2 links (holding at 2)" in decision.reasons
    assert "form sent 1 s after it was shown" in decision.reasons


def test_blocked_sender_is_spam():
    """A blocked email or IP sends the comment to spam."""
    decision = _decide(_facts(is_trusted=True, blocked=("email",)))
    assert decision.status == Comment.Status.SPAM
    assert decision.reasons == ["blocked email"]


@pytest.mark.django_db
def test_blocked_email_through_the_form_goes_to_spam(client):
    """A comment from a blocked address is stored as spam, case-insensitively."""
    moderation_settings(premoderate_new_commenters=False)
    BlockedSender.objects.create(kind="email", value="morwenna@harbour.example")
    post_comment(client, ArticleFactory(published=True), email="Morwenna@Harbour.example")
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.django_db
def test_blocked_ip_through_the_form_goes_to_spam(client):
    """A comment from a blocked IP is stored as spam."""
    moderation_settings(premoderate_new_commenters=False)
    BlockedSender.objects.create(kind="ip", value="127.0.0.1")
    post_comment(client, ArticleFactory(published=True))
    assert Comment.objects.get().reasons == ["blocked IP"]


@pytest.mark.django_db
def test_trust_comes_from_an_approved_comment_only(client):
    """An earlier pending or rejected comment does not make a reader trusted."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article, author_email="morwenna@harbour.example", status="rejected")
    post_comment(client, article)
    assert Comment.objects.get(author_name="Morwenna Pascoe").status == Comment.Status.PENDING


@pytest.mark.django_db
def test_machine_written_comment_is_held(client):
    """The cleaner's chatbot rules flag a comment that an assistant wrote."""
    moderation_settings(premoderate_new_commenters=False)
    body = "As an AI language model, I do not have personal opinions about the harbour wall."
    post_comment(client, ArticleFactory(published=True), body=body)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert any(reason.startswith("looks machine-written: chatbot.") for reason in comment.reasons)
