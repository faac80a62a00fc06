"""Pre-moderation trusts what a reader proves, never an email address someone else could type."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Comment
from articles.services.moderation import CommentSubmission, comment_submit
from articles.views.comments import TOKEN_COOKIE
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

TRUSTED = "morwenna@harbour.example"


@pytest.fixture(autouse=True)
def _settings():
    moderation_settings()


def _approve(comment_id: int) -> None:
    Comment.objects.filter(pk=comment_id).update(status=Comment.Status.APPROVED)


def _answer(response, comment_id: int) -> tuple:
    """What a post's reply shows of itself, with the new comment's id taken out."""
    location = response["Location"].removesuffix(f"#comment-{comment_id}")
    cookies = {
        name: (morsel["httponly"], morsel["samesite"], morsel["max-age"])
        for name, morsel in response.cookies.items()
    }
    return response.status_code, location, cookies


def test_an_address_with_an_approved_comment_proves_nothing(client):
    """A stranger who types a trusted reader's address is held, under any name."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article, author_email=TRUSTED, status=Comment.Status.APPROVED)
    post_comment(client, article, name="Not Morwenna", body="Buy cheap ferry tickets here.")
    comment = Comment.objects.get(body__startswith="Buy cheap")
    assert comment.status == Comment.Status.PENDING
    assert "new commenter (pre-moderation)" in comment.reasons


def test_the_reply_does_not_depend_on_the_address_history(client):
    """The same post from a trusted address and from a new one gets the same reply."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article, author_email=TRUSTED, status=Comment.Status.APPROVED)
    known = post_comment(client.__class__(), article, body="A first thought.")
    unknown = post_comment(
        client.__class__(), article, body="A second thought.", email="new@harbour.example"
    )
    first = Comment.objects.get(body="A first thought.")
    second = Comment.objects.get(body="A second thought.")
    assert first.status == second.status == Comment.Status.PENDING
    assert _answer(known, first.pk) == _answer(unknown, second.pk)


def test_the_browser_that_wrote_an_approved_comment_is_trusted(client):
    """The signed token set with a comment trusts its browser once a moderator approves it."""
    article = ArticleFactory(published=True)
    response = post_comment(client, article, body="The ferry was late again.")
    token = response.cookies[TOKEN_COOKIE]
    assert token["httponly"] and token["samesite"] == "Lax"
    first = Comment.objects.get()
    _approve(first.pk)
    post_comment(client, article, body="And early the day after.")
    second = Comment.objects.get(body__startswith="And early")
    assert second.status == Comment.Status.APPROVED
    assert second.reasons == ["trusted commenter (token of an earlier approved comment)"]


def test_a_token_trusts_only_its_own_address(client):
    """The token of an approved comment does not lend its trust to another address."""
    article = ArticleFactory(published=True)
    post_comment(client, article, body="The ferry was late again.")
    _approve(Comment.objects.get().pk)
    post_comment(client, article, body="Says someone else.", email="other@harbour.example")
    assert Comment.objects.get(body="Says someone else.").status == Comment.Status.PENDING


def test_a_token_of_a_comment_still_pending_trusts_nobody(client):
    """Until a moderator approves the first comment, the second waits too."""
    article = ArticleFactory(published=True)
    post_comment(client, article, body="The ferry was late again.")
    post_comment(client, article, body="Still late.")
    assert Comment.objects.get(body="Still late.").status == Comment.Status.PENDING


def test_a_forged_token_is_ignored(client):
    """A token that was not signed here, naming a trusted reader's comment, is worth nothing."""
    article = ArticleFactory(published=True)
    trusted = CommentFactory(article=article, author_email=TRUSTED)
    client.cookies[TOKEN_COOKIE] = f"{trusted.pk}:forged-signature"
    response = post_comment(client, article, body="Trust me.")
    assert response.status_code == 302
    assert Comment.objects.get(body="Trust me.").status == Comment.Status.PENDING


def test_a_duplicate_gets_the_same_reply_whatever_became_of_the_first(client):
    """Sending a comment that was already received says so, and shows nothing of the first."""
    article = ArticleFactory(published=True)
    post_comment(client.__class__(), article)
    _approve(Comment.objects.get().pk)
    again = post_comment(client.__class__(), article, follow=True)
    assert again.redirect_chain[0][0] == f"{article.get_absolute_url()}#comments"
    assert "Your comment was already received" in again.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_comment_sent_at_once_from_four_requests_is_stored_once():
    """With no flood interval, simultaneous copies of one comment make one row; each request
    is told it was received (the database's unique constraint decides the clash)."""
    moderation_settings()
    article = ArticleFactory(published=True)
    barrier = threading.Barrier(4)
    answers = []

    def send():
        submission = CommentSubmission(
            article=article,
            author_name="Morwenna Pascoe",
            author_email=TRUSTED,
            author_url="",
            body="The harbour wall held.",
            parent=None,
            honeypot="",
            form_age_seconds=30,
            ip_address="192.0.2.4",
            user_agent="test",
        )
        try:
            barrier.wait()
            answers.append(comment_submit(submission=submission))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Comment.objects.count() == 1
    assert len(answers) == 4
    assert {comment.pk for comment, _ in answers} == {Comment.objects.get().pk}
    assert sorted(created for _, created in answers) == [False, False, False, True]


def test_the_database_refuses_a_second_copy():
    """The constraint holds even for a write that skips the service's check."""
    from django.db import IntegrityError, transaction

    comment = CommentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(article=comment.article, content_hash=comment.content_hash)


def test_the_moderation_settings_page_says_what_trust_means(client, moderator):
    """The moderator's setting explains that an address alone proves nothing."""
    client.force_login(moderator)
    page = client.get(reverse("admin:articles_moderationsettings_changelist"), follow=True)
    assert "an email address alone proves nothing" in page.content.decode()
