"""What readers see: threads, pages, the remember-me cookie, privacy, and the purge of old spam."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment
from articles.views.comments import REMEMBER_COOKIE
from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_replies_are_threaded_two_deep(client, django_capture_on_commit_callbacks):
    """A reply sits under its comment; a reply to a reply joins the same thread."""
    moderation_settings(premoderate_new_commenters=False)
    article = ArticleFactory(published=True)
    root = CommentFactory(article=article, body="The pier needs paint.")
    page = client.get(article.get_absolute_url(), {"replyto": root.pk}).content.decode()
    assert f'name="parent" value="{root.pk}"' in page
    assert "Reply to " + root.author_name in page
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, parent=root.pk, body="Blue, please.")
    reply = Comment.objects.get(body="Blue, please.")
    assert reply.parent_id == root.pk
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, parent=reply.pk, body="No, green.", email="ned@quay.example")
    assert Comment.objects.get(body="No, green.").parent_id == root.pk
    html = client.get(article.get_absolute_url()).content.decode()
    replies = html[html.index('class="comment-replies"') :]
    assert "Blue, please." in replies and "No, green." in replies


def test_reply_to_a_hidden_comment_is_refused(client):
    """A reply to a comment readers cannot see is a form error, not a 500."""
    article = ArticleFactory(published=True)
    hidden = CommentFactory(article=article, status="spam")
    response = post_comment(client, article, parent=hidden.pk)
    assert response.status_code == 400
    assert "no longer available" in response.content.decode()


def test_approved_comments_are_oldest_first_and_paginated(client):
    """Approved comments are listed oldest first, fifty threads a page, with permalinks."""
    article = ArticleFactory(published=True)
    comments = [
        CommentFactory(article=article, body=f"Note {n:03d} on the tide.") for n in range(55)
    ]
    CommentFactory(article=article, status="pending", body="Pending note.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments (55)" in html
    assert html.index("Note 000") < html.index("Note 049")
    assert "Note 050" not in html and "Pending note." not in html
    assert f'href="?cpage=1#comment-{comments[0].pk}"' in html
    last = client.get(article.get_absolute_url(), {"cpage": "last"}).content.decode()
    assert "Note 054" in last and "Note 000" not in last
    assert client.get(article.get_absolute_url(), {"cpage": "x9"}).status_code == 404


def test_author_name_links_to_their_site_as_ugc(client):
    """A commenter's website is linked from their name with rel="ugc nofollow"."""
    comment = CommentFactory(author_url="https://kelp.example/")
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert re.search(r'<a href="https://kelp.example/" rel="ugc nofollow[^"]*">', html)


def test_name_and_email_are_remembered_only_with_consent(client):
    """The remember cookie is set only when the box is ticked, and removed when it is not."""
    moderation_settings()
    article = ArticleFactory(published=True)
    response = post_comment(client, article)
    assert REMEMBER_COOKIE not in response.cookies
    response = post_comment(client, article, body="Second, remember me.", remember="on")
    assert "morwenna%40harbour.example" in response.cookies[REMEMBER_COOKIE].value
    response = post_comment(client, article, body="Third, forget me.")
    assert response.cookies[REMEMBER_COOKIE].value == ""


def test_no_email_or_ip_on_any_public_page_or_feed(client):
    """A commenter's email and IP appear on no page or feed a reader can fetch."""
    moderation_settings(premoderate_new_commenters=False)
    article = ArticleFactory(published=True, headline="Harbour wall vote")
    client.defaults["REMOTE_ADDR"] = "203.0.113.77"
    post_comment(client, article, email="secret.reader@harbour.example", url="https://s.example/")
    post_comment(
        client, article, email="second.secret@harbour.example", body="Pending one?", name="Pat"
    )
    comment = Comment.objects.first()
    assert comment.ip_address == "203.0.113.77"
    CommentFactory(article=article, status="pending", author_email="held.secret@harbour.example")
    reader = client.__class__()
    urls = [
        article.get_absolute_url(),
        article.get_absolute_url() + "?cpage=last",
        "/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/search/?q=harbour",
        f"/comments/{comment.pk}/report/",
    ]
    for who in (reader, client):  # a stranger, and the commenter (cookies and all)
        for url in urls:
            response = who.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            for secret in ("secret.reader", "second.secret", "held.secret", "203.0.113.77"):
                assert secret not in body, (url, secret)


def test_purge_deletes_old_spam_and_rejected_only(db):
    """The purge deletes spam and rejected comments past retention; approved and recent ones stay."""
    moderation_settings(retention_days=30)
    old = timezone.now() - dt.timedelta(days=31)
    keep = [
        CommentFactory(status="approved"),
        CommentFactory(status="pending"),
        CommentFactory(status="spam"),
    ]
    gone = [CommentFactory(status="spam"), CommentFactory(status="rejected")]
    old_approved = CommentFactory(status="approved")
    Comment.objects.filter(pk__in=[c.pk for c in gone] + [old_approved.pk]).update(submitted_at=old)
    out = io.StringIO()
    call_command("purge_comments", stdout=out)
    assert "Deleted 2" in out.getvalue()
    remaining = set(Comment.objects.values_list("pk", flat=True))
    assert remaining == {c.pk for c in keep} | {old_approved.pk}


def test_cached_page_form_posts_with_csrf_checks_on_and_a_fresh_timestamp(monkeypatch):
    """A form served from the page cache, with no token in it, posts with a newly signed time."""
    import time as time_module

    from django.test import Client

    moderation_settings()
    article = ArticleFactory(published=True)
    browser = Client(enforce_csrf_checks=True)
    first = browser.get(article.get_absolute_url())
    stamp = re.search(r'name="timestamp" value="([^"]+)"', first.content.decode()).group(1)
    later = time_module.time() + 30  # within the page cache's minute
    monkeypatch.setattr(time_module, "time", lambda: later)
    second = browser.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert not second.cookies
    html = second.content.decode()
    assert "csrfmiddlewaretoken" not in html
    fresh = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
    assert fresh != stamp and fresh.startswith(f"{article.pk}:{int(later)}:")
    data = {
        "timestamp": fresh,
        "name": "Loveday",
        "email": "loveday@quay.example",
        "body": "The cached form still works.",
    }
    monkeypatch.setattr(time_module, "time", lambda: later + 30)
    response = browser.post(
        reverse("articles:comment_post", args=[article.pk]),
        data,
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    )
    assert response.status_code == 302
    assert Comment.objects.get().reasons == ["new commenter (pre-moderation)"]
    page = browser.get(response["Location"])
    assert "X-Page-Cache" not in page
    assert "The cached form still works." in page.content.decode()


def test_staff_preview_of_a_draft_has_no_comment_form(client, editor):
    """A draft seen in preview says comments open on publication, and offers no form."""
    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments open when the article is published." in html
    assert 'class="comment-form"' not in html
