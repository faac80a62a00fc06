"""Email from the desk: submitted for review, comments waiting; each person may turn them off."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment, ModerationSettings, NotificationSettings
from articles.services.desk import article_submit_for_review
from articles.services.notifications import comments_digest_send
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submitting_for_review_emails_every_editor(
    client, reporter, editor, moderator, django_capture_on_commit_callbacks
):
    """The reporter's submit sends one email to each editor, with a link to the review screen."""
    other_editor = UserFactory(username="eli", groups=["Editors"])
    article = ArticleFactory(created_by=reporter, headline="Ferry fares to rise in May")
    client.force_login(reporter)
    url = reverse("admin:articles_article_publish", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "submit"})
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [editor.email, other_editor.email]
    )
    message = mail.outbox[0]
    assert message.subject == "For review: Ferry fares to rise in May"
    assert reverse("admin:articles_article_review", args=[article.pk]) in message.body
    assert moderator.email not in {m.to[0] for m in mail.outbox}


def test_an_editor_who_turned_it_off_gets_nothing(
    client, reporter, editor, django_capture_on_commit_callbacks
):
    """The editor's own switch stops the email; the submit still goes through."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:desk_notifications"),
        {"is_digest_mail_on": "on"},  # review mail unticked
    )
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=editor).is_review_mail_on is False
    article = ArticleFactory(created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        article_submit_for_review(article=article, user=reporter)
    assert mail.outbox == []
    article.refresh_from_db()
    assert article.status == "review"


def test_notification_page_shows_the_switches(client, moderator):
    """Anyone on the desk can open their own switches, and sees where mail goes."""
    client.force_login(moderator)
    page = client.get(reverse("admin:desk_notifications")).content.decode()
    assert moderator.email in page
    assert 'name="is_review_mail_on"' in page
    assert 'name="is_digest_mail_on"' in page


def _waiting(minutes_ago: int) -> Comment:
    comment = CommentFactory(status="pending")
    Comment.objects.filter(pk=comment.pk).update(
        submitted_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return comment


def test_digest_goes_to_moderators_once_per_overdue_batch(moderator, editor):
    """Comments older than the set time make one digest per moderator, and not again for them."""
    ModerationSettings.objects.create(pk=1, digest_after_minutes=30)
    _waiting(10)
    assert comments_digest_send() == 0  # nothing has waited 30 minutes yet
    _waiting(45)
    assert comments_digest_send() == 1
    assert mail.outbox[0].to == [moderator.email]
    assert "1 comment on" in mail.outbox[0].body
    assert reverse("admin:articles_comment_changelist") in mail.outbox[0].body
    assert comments_digest_send() == 0  # the same comments: no second email
    later = timezone.now() + dt.timedelta(minutes=40)
    assert comments_digest_send(now=later) == 1  # the 10-minute one is now overdue too
    assert "2 comments on" in mail.outbox[1].body


def test_digest_can_be_turned_off_per_moderator_and_for_everyone(moderator):
    """A moderator's switch, or 0 minutes in the moderation settings, sends nothing."""
    _waiting(120)
    NotificationSettings.objects.create(user=moderator, is_digest_mail_on=False)
    assert comments_digest_send() == 0
    NotificationSettings.objects.filter(user=moderator).update(is_digest_mail_on=True)
    ModerationSettings.objects.create(pk=1, digest_after_minutes=0)
    assert comments_digest_send() == 0
    assert mail.outbox == []


def test_notify_moderators_command_reports_what_it_sent(moderator, capsys):
    """The cron command sends the digest and says how many emails went out."""
    _waiting(120)
    call_command("notify_moderators")
    assert "1 digest email(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1
