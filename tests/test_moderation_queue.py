"""The moderators' queue in the admin: tabs, rows, decisions, blocking, permissions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from articles.models import (
    Article,
    BlockedSender,
    Comment,
    CommentReport,
    ModerationDecision,
    ModerationSettings,
)
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:articles_comment_changelist")


def _moderate(pk, decision):
    return reverse("admin:articles_comment_moderate", args=[pk, decision])


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def test_queue_opens_on_pending_with_counts_for_every_tab(mod_client):
    """The queue opens on pending comments and counts each queue."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article, status="pending", body="Pending about the ferry.")
    CommentFactory(article=article, status="spam", body="Spam about pills.")
    reported = CommentFactory(article=article, body="Approved but reported.")
    CommentReport.objects.create(comment=reported, reason="abuse", detail="rude to the skipper")
    html = mod_client.get(QUEUE).content.decode()
    assert "Pending about the ferry." in html
    assert "Spam about pills." not in html
    for label in ("Awaiting moderation (1)", "Reported (1)", "Approved (1)", "Spam (1)"):
        assert label in html
    html = mod_client.get(QUEUE + "?queue=reported").content.decode()
    assert "Approved but reported." in html and "Pending about the ferry." not in html
    assert "Reported: Abusive or hateful (rude to the skipper)" in html


def test_rows_show_article_history_and_reasons(mod_client):
    """Each row shows the article, the commenter's approved/rejected counts and the policy's reasons."""
    article = ArticleFactory(published=True, headline="Ferry trial delayed")
    for _ in range(2):
        CommentFactory(author_email="kit@quay.example")
    CommentFactory(author_email="kit@quay.example", status="rejected")
    CommentFactory(
        article=article,
        author_email="kit@quay.example",
        status="pending",
        reasons=["suspect word: liar"],
    )
    html = mod_client.get(QUEUE).content.decode()
    assert "Ferry trial delayed" in html
    assert "2 approved · 1 rejected · 0 spam" in html
    assert "suspect word: liar" in html


def test_queue_filters_by_article_and_sorts(mod_client):
    """The queue filters by article and sorts oldest first on request."""
    one, two = ArticleFactory(published=True), ArticleFactory(published=True)
    first = CommentFactory(article=one, status="pending", body="First on one.")
    CommentFactory(article=two, status="pending", body="Only on two.")
    second = CommentFactory(article=one, status="pending", body="Second on one.")
    html = mod_client.get(QUEUE + f"?article={one.pk}").content.decode()
    assert "Only on two." not in html
    assert html.index(second.body) < html.index(first.body)  # newest first by default
    order = mod_client.get(QUEUE, {"article": one.pk, "o": "5"}).content.decode()
    assert order.index(first.body) < order.index(second.body)


def test_queue_page_queries_do_not_grow(mod_client):
    """Five pending comments or fifty, with reports: the same number of queries."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert mod_client.get(QUEUE).status_code == 200
        return len(queries)

    CommentFactory(status="pending")
    small = count()
    for n in range(40):
        comment = CommentFactory(status="pending", author_email=f"r{n % 7}@x.example")
        CommentReport.objects.create(comment=comment, reason="spam")
    assert count() == small


def test_bulk_approve_logs_each_decision(mod_client, moderator):
    """Bulk approval approves each selected comment and logs who, when and from what."""
    comments = [CommentFactory(status="pending") for _ in range(3)]
    response = mod_client.post(
        QUEUE, {"action": "approve", "_selected_action": [c.pk for c in comments]}
    )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    decisions = ModerationDecision.objects.all()
    assert len(decisions) == 3
    assert {(d.from_status, d.to_status, d.decided_by_id) for d in decisions} == {
        ("pending", "approved", moderator.pk)
    }


def test_one_by_one_decisions_and_restore_never_delete(mod_client):
    """Reject, spam and restore move a comment between queues; nothing is deleted."""
    comment = CommentFactory(status="pending")
    mod_client.post(_moderate(comment.pk, "reject"))
    mod_client.post(_moderate(comment.pk, "spam"))
    mod_client.post(_moderate(comment.pk, "restore"))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    steps = ModerationDecision.objects.order_by("pk").values_list("from_status", "to_status")
    assert list(steps) == [("pending", "rejected"), ("rejected", "spam"), ("spam", "pending")]
    assert Comment.objects.count() == 1


def test_invalid_transition_is_refused_with_a_message(mod_client):
    """Restoring a pending comment is refused and nothing is logged."""
    comment = CommentFactory(status="pending")
    response = mod_client.post(_moderate(comment.pk, "restore"), follow=True)
    assert "cannot become awaiting moderation" in response.content.decode()
    assert not ModerationDecision.objects.exists()


def test_bulk_skips_comments_the_decision_does_not_fit(mod_client):
    """A bulk restore over pending and spam comments restores the spam and says how many it skipped."""
    pending, spam = CommentFactory(status="pending"), CommentFactory(status="spam")
    response = mod_client.post(
        QUEUE + "?queue=all",
        {"action": "restore", "_selected_action": [pending.pk, spam.pk]},
        follow=True,
    )
    assert "1 comment(s) put back in the pending queue. 1 skipped" in response.content.decode()
    spam.refresh_from_db()
    assert spam.status == "pending"


def test_rejecting_a_published_comment_removes_it_from_the_cached_page(
    client, moderator, django_capture_on_commit_callbacks
):
    """Rejecting an approved comment invalidates the public cache: readers stop seeing it."""
    comment = CommentFactory(body="Regrettable words about the mayor.")
    url = comment.article.get_absolute_url()
    assert comment.body in client.get(url).content.decode()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_moderate(comment.pk, "reject"))
    client.logout()
    assert comment.body not in client.get(url).content.decode()


def test_report_flow_and_keeping_a_reported_comment(client, moderator):
    """A reader reports a comment with a reason; keeping it closes the report."""
    comment = CommentFactory(body="Strong words about the toll.")
    report_url = reverse("articles:comment_report", args=[comment.pk])
    assert report_url in client.get(comment.article.get_absolute_url()).content.decode()
    assert client.get(report_url).status_code == 200
    response = client.post(report_url, {"reason": "abuse", "detail": "<b>nasty</b>"}, follow=True)
    assert "A moderator will look" in response.content.decode()
    client.post(report_url, {"reason": "abuse"})  # a repeat from the same address is not stored
    assert CommentReport.objects.get().detail == "<b>nasty</b>"
    client.force_login(moderator)
    client.post(_moderate(comment.pk, "approve"))
    assert CommentReport.objects.get().is_resolved
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_bad_report_is_a_400_and_unknown_comment_a_404(client):
    """A report without a reason is refused clearly; a hidden comment cannot be reported."""
    comment = CommentFactory()
    assert client.post(reverse("articles:comment_report", args=[comment.pk]), {}).status_code == 400
    hidden = CommentFactory(status="pending")
    assert client.get(reverse("articles:comment_report", args=[hidden.pk])).status_code == 404


def test_block_and_unblock_a_sender(client, mod_client):
    """Blocking an email sends its future comments to spam; unblocking lifts it."""
    moderation_settings(premoderate_new_commenters=False)
    article = ArticleFactory(published=True)
    comment = CommentFactory(
        article=article, author_email="morwenna@harbour.example", status="pending"
    )
    mod_client.post(QUEUE, {"action": "block_email", "_selected_action": [comment.pk]})
    blocked = BlockedSender.objects.get()
    assert blocked.value == "morwenna@harbour.example"
    mod_client.logout()
    post_comment(client, article, body="I am back.")
    assert Comment.objects.get(body="I am back.").status == Comment.Status.SPAM
    mod_client.force_login(UserFactory(username="mo"))
    url = reverse("admin:articles_blockedsender_delete", args=[blocked.pk])
    mod_client.post(url, {"post": "yes"})
    assert not BlockedSender.objects.exists()


def test_editor_without_can_moderate_cannot_moderate(client, editor):
    """An editor cannot open the queue or make a decision."""
    comment = CommentFactory(status="pending")
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403
    assert client.post(_moderate(comment.pk, "approve")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_staff_who_may_view_comments_but_not_moderate_get_no_actions(client):
    """Viewing and changing comments without ``can_moderate`` gives no actions and a 403 on decisions."""
    from django.contrib.auth.models import Permission

    user = UserFactory(username="viewer")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    comment = CommentFactory(status="pending")
    client.force_login(user)
    html = client.get(QUEUE).content.decode()
    assert comment.body in html
    assert 'name="action"' not in html and "formaction" not in html
    assert client.post(_moderate(comment.pk, "approve")).status_code == 403
    response = client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code in (200, 302)


def test_reader_cannot_moderate(client):
    """An anonymous reader is sent to the login page, and nothing changes."""
    comment = CommentFactory(status="pending")
    response = client.post(_moderate(comment.pk, "approve"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderator_cannot_publish_articles(mod_client, moderator):
    """A moderator has no way into the articles: no list, no change page, no publish."""
    article = ArticleFactory()
    assert not moderator.has_perm("articles.can_publish")
    assert mod_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert mod_client.get(change).status_code == 403
    try:
        publish = reverse("admin:articles_article_publish", args=[article.pk])
    except NoReverseMatch:
        publish = None
    if publish:
        assert mod_client.post(publish).status_code in (403, 404)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_no_delete_for_comments(mod_client):
    """Comments cannot be deleted in the admin, singly or in bulk."""
    comment = CommentFactory(status="spam")
    delete = reverse("admin:articles_comment_delete", args=[comment.pk])
    assert mod_client.post(delete, {"post": "yes"}).status_code == 403
    assert "delete_selected" not in mod_client.get(QUEUE).content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_change_page_offers_the_decisions(mod_client):
    """A comment's page shows its reports, its decisions and the buttons for its state."""
    comment = CommentFactory(status="spam")
    html = mod_client.get(
        reverse("admin:articles_comment_change", args=[comment.pk])
    ).content.decode()
    assert _moderate(comment.pk, "approve") in html
    assert _moderate(comment.pk, "restore") in html
    assert _moderate(comment.pk, "spam") not in html


def test_moderator_edits_the_site_settings(mod_client):
    """The settings list opens the single settings row, which a moderator can change."""
    response = mod_client.get(reverse("admin:articles_moderationsettings_changelist"))
    assert response.status_code == 302
    form = mod_client.get(response["Location"])
    assert "banned words" in form.content.decode().lower()
    data = {
        field: value
        for field, value in form.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update({"banned_words": "casino\nloan shark", "premoderate_new_commenters": ""})
    data = {k: v for k, v in data.items() if v not in (False, "")}
    assert mod_client.post(response["Location"], data).status_code == 302
    settings = ModerationSettings.load()
    assert settings.banned_words.splitlines() == ["casino", "loan shark"]
    assert settings.premoderate_new_commenters is False


def test_markup_is_inert_in_the_queue(mod_client):
    """A commenter's markup is shown as text to moderators too: name, body, reasons, reports."""
    comment = CommentFactory(
        status="approved",
        author_name="<script>alert('n')</script>",
        body="<script>alert('b')</script>",
        reasons=["suspect word: <img src=x onerror=alert(1)>"],
    )
    CommentReport.objects.create(
        comment=comment, reason="other", detail="<script>alert('r')</script>"
    )
    for url in (
        QUEUE + "?queue=reported",
        reverse("admin:articles_comment_change", args=[comment.pk]),
    ):
        html = mod_client.get(url).content.decode()
        assert "<script>alert(" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
