"""A reader posts a comment through the real HTTP stack and is told what happened."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Comment
from tests.comments_support import form_data, moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings():
    moderation_settings()


def test_new_reader_is_held_then_approved_then_trusted(
    client, moderator, django_capture_on_commit_callbacks
):
    """A first comment waits for a moderator; once approved, the browser that sent it publishes at once."""
    article = ArticleFactory(published=True)
    response = post_comment(client, article, follow=True)
    assert response.redirect_chain[0][0].startswith(article.get_absolute_url())
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "new commenter (pre-moderation)" in comment.reasons
    assert "awaiting moderation" in response.content.decode()

    reader = client.__class__()
    assert "held during Brannock" not in reader.get(article.get_absolute_url()).content.decode()

    desk = client.__class__()
    desk.force_login(moderator)
    url = reverse("admin:articles_comment_moderate", args=[comment.pk, "approve"])
    with django_capture_on_commit_callbacks(execute=True):
        assert desk.post(url).status_code == 302
    assert "held during Brannock" in reader.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, body="And the new wall will be taller still.")
    assert Comment.objects.get(body__startswith="And the new").status == Comment.Status.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert "Your comment is published" in page
    assert "And the new wall will be taller still." in page


def test_form_marks_required_fields_and_says_email_is_private(client):
    """The form marks required fields with *, explains the mark, and says email is never published."""
    html = client.get(ArticleFactory(published=True).get_absolute_url()).content.decode()
    form = html[html.index('<form class="comment-form"') :]
    assert "Fields marked" in form and "are required" in form
    assert re.search(r"Email <span class=\"required\"[^>]*>\*</span>", form)
    assert re.search(r"Website</label>", form)
    assert "Never published" in form
    assert 'name="subject"' in form  # the honeypot
    assert 'name="remember"' in form


def test_own_pending_comment_is_shown_to_its_author_only(client):
    """The reader sees their pending comment marked as pending; another reader does not."""
    article = ArticleFactory(published=True)
    post_comment(client, article, body="Will the ferry run on Sunday?")
    mine = client.get(article.get_absolute_url()).content.decode()
    assert "Will the ferry run on Sunday?" in mine
    assert "awaiting moderation" in mine
    other = client.__class__().get(article.get_absolute_url()).content.decode()
    assert "Will the ferry run on Sunday?" not in other


def test_links_are_held(client):
    """Two links hold a comment, and the reason says how many."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article, author_email="morwenna@harbour.example")
    post_comment(
        client, article, body="See https://a.example/x and www.b.example/y for tide tables."
    )
    comment = Comment.objects.get(body__startswith="See")
    assert comment.status == Comment.Status.PENDING
    assert "2 links (holding at 2)" in comment.reasons


@pytest.mark.parametrize(
    "body",
    [
        "Best odds at the CASINO tonight",
        "Best odds at the cas\u200bino tonight",
        "Best odds at the c\u00e1s\u00ednO tonight",
        "Best odds at the c.a.s.i.n.o tonight",
        "Best odds at the ca5in0 tonight",
    ],
)
def test_banned_words_go_to_spam_however_written(client, body):
    """A banned word is found through case, accents, zero-width characters, dots and digits."""
    moderation_settings(banned_words="casino\n")
    post_comment(client, ArticleFactory(published=True), body=body)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "banned word: casino" in comment.reasons


def test_banned_words_match_whole_words_only(client):
    """A banned word inside a longer word is not a match."""
    moderation_settings(banned_words="ass\n", premoderate_new_commenters=False)
    post_comment(
        client, ArticleFactory(published=True), body="The harbour-master passed the motion."
    )
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_suspect_words_hold_with_the_word_named(client):
    """A suspect word holds the comment; the moderator sees which word."""
    moderation_settings(suspect_words="liar\n", premoderate_new_commenters=False)
    post_comment(client, ArticleFactory(published=True), body="The councillor is a L1AR.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["suspect word: liar"]


def test_honeypot_goes_to_spam_and_reader_is_told_it_is_held(client):
    """A filled honeypot is spam, but the sender is told only that it awaits moderation."""
    response = post_comment(client, ArticleFactory(published=True), subject="buy now", follow=True)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "honeypot field filled in" in comment.reasons
    assert "awaiting moderation" in response.content.decode()


def test_form_sent_too_fast_is_held(client):
    """A form sent a second after it was shown is held for a person to check."""
    moderation_settings(premoderate_new_commenters=False)
    post_comment(client, ArticleFactory(published=True), seconds_ago=1)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert any(reason.startswith("form sent") for reason in comment.reasons)


@pytest.mark.parametrize("age_hours, tamper", [(5, False), (0.1, True)])
def test_expired_or_altered_form_asks_to_resubmit_keeping_the_text(client, age_hours, tamper):
    """An old or altered form is sent back with a fresh timestamp and every word kept."""
    article = ArticleFactory(published=True)
    data = form_data(article, seconds_ago=age_hours * 3600, body="My words about the <b>pier</b>.")
    if tamper:
        data["timestamp"] = data["timestamp"][:-3] + "abc"
    url = reverse("articles:comment_post", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "please send it again" in html
    assert "My words about the &lt;b&gt;pier&lt;/b&gt;." in html
    assert "morwenna@harbour.example" in html  # their own form, on a page only they see
    assert not Comment.objects.exists()
    fresh = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
    assert fresh != data["timestamp"]


def test_timestamp_for_another_article_is_refused(client):
    """A signed timestamp is bound to its article."""
    article, other = ArticleFactory(published=True), ArticleFactory(published=True)
    response = post_comment(client, article, timestamp=form_data(other)["timestamp"])
    assert response.status_code == 400


def test_duplicate_is_stored_once(client):
    """The same comment sent twice is stored once, and the reader is told it was received."""
    article = ArticleFactory(published=True)
    post_comment(client, article)
    response = post_comment(
        client,
        article,
        body="  The harbour wall held during BRANNOCK, but only just. ",
        follow=True,
    )
    assert Comment.objects.count() == 1
    assert "Your comment was already received" in response.content.decode()


def test_closed_article_refuses_comments_clearly(client):
    """A closed article shows no form and refuses a post with a clear message that keeps the text."""
    article = ArticleFactory(published=True, comment_mode=Article.CommentMode.CLOSED)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed" in page and 'class="comment-form"' not in page
    response = post_comment(client, article, body="Too late to say so.")
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert "Too late to say so." in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_after_the_configured_days(client):
    """Comments close on their own N days after the article was first published."""
    moderation_settings(close_after_days=3)
    article = ArticleFactory(published=True)
    Article.objects.filter(pk=article.pk).update(
        first_published_at=article.published_at - __import__("datetime").timedelta(days=4)
    )
    article.refresh_from_db()
    assert post_comment(client, article).status_code == 403
    assert "no longer takes new comments" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled", "unpublished"])
def test_unpublished_articles_take_no_comments(client, state):
    """Posting to a draft, scheduled or unpublished article is a 404."""
    import datetime as dt

    from django.utils import timezone

    article = ArticleFactory(published=True)
    if state == "draft":
        article.status = Article.Status.DRAFT
    elif state == "scheduled":
        article.published_at = timezone.now() + dt.timedelta(days=1)
    else:
        article.status = Article.Status.UNPUBLISHED
    article.save()
    assert post_comment(client, article).status_code == 404
    assert not Comment.objects.exists()


def test_oversize_fields_get_a_clear_error_and_keep_the_text(client):
    """Too long a comment, name or address is a clear 400, never a 500, with the text kept."""
    article = ArticleFactory(published=True)
    body = "Saltmere " * 700
    response = post_comment(
        client, article, body=body, name="N" * 81, url="https://x.example/" + "a" * 200
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "the limit is 5000" in html
    assert "under 80 characters" in html
    assert "under 200 characters" in html
    assert body.strip() in html
    assert not Comment.objects.exists()


def test_invisible_characters_are_stripped(client):
    """Zero-width and bidi control characters never reach the stored comment."""
    moderation_settings(premoderate_new_commenters=False)
    post_comment(
        client, ArticleFactory(published=True), name="Tam\u202esin", body="Good\u200b news\u2066."
    )
    comment = Comment.objects.get()
    assert comment.author_name == "Tamsin"
    assert comment.body == "Good news."


def test_html_in_every_field_is_inert(client):
    """Markup in the name, website and comment is shown as text, never run."""
    moderation_settings(premoderate_new_commenters=False)
    article = ArticleFactory(published=True)
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    url = 'https://e.example/"><script>alert(3)</script>'
    response = post_comment(client, article, name=f"Eve{attack}", body=f"Hello {attack}", url=url)
    html = client.get(response["Location"]).content.decode()
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert "<script>alert(" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '"><script>alert(3)' not in html
    assert 'rel="ugc nofollow noopener"' in html


def test_javascript_urls_are_refused(client):
    """Only http and https addresses are accepted as a website."""
    response = post_comment(client, ArticleFactory(published=True), url="javascript:alert(1)")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_huge_request_is_a_400_not_a_500(client):
    """A post larger than the upload limit is refused with a 400."""
    article = ArticleFactory(published=True)
    response = post_comment(client, article, body="x" * (6 * 1024 * 1024))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_bad_hidden_fields_are_form_errors(client):
    """Garbage in the hidden fields is answered with the form again, not a 500."""
    article = ArticleFactory(published=True)
    response = post_comment(client, article, parent="not-a-number", timestamp="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This form is incomplete; please send it again." in html
    assert "The comment you replied to is no longer available." in html
