"""The comment section's markup: Django's own widgets, filters and addresses, in templates."""

import re

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from articles.forms import CommentForm
from articles.models import Comment
from articles.selectors import CommentThreads
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

BOUND_CASES = [
    {},
    {"name": "", "email": "not an address", "url": "ftp://x", "body": "", "timestamp": "t"},
    {
        "name": 'Ann "<Quay>" & Co',
        "email": "ann@saltmere.example",
        "url": "https://saltmere.example/?a=1&b=2",
        "body": "Line one & <b>two</b>\r\n\r\nNext" + "x" * 5000,
        "remember": "on",
        "parent": "12",
        "timestamp": "t",
        "subject": "bot",
    },
]
TIMESTAMP = re.compile(r'(?<=name="timestamp" value=")[^"]*')


@pytest.mark.parametrize("data", BOUND_CASES)
def test_form_fields_are_djangos_widgets_with_their_errors(data):
    """Every comment form field, blank or sent back with errors, is Django's own widget markup,
    with its errors escaped in the element its ``aria-describedby`` names; the honeypot is
    always shown empty."""
    article = ArticleFactory(published=True)
    form = CommentForm(data or None, article=article)
    form.is_valid()
    context = {"article": article, "form": form, "sent_back": form.is_bound}
    html = render_to_string("articles/comments/form.html", context)
    for field in form.visible_fields():
        if field.name != "subject":
            assert str(field) in html, field.name
        if field.errors:
            error_id = f"{field.auto_id}_error"
            assert error_id in str(field).split('aria-describedby="')[1].split('"')[0]
            errors = " ".join(escape(error) for error in field.errors)
            assert f'<span class="form-error" id="{error_id}" role="alert">{errors}</span>' in html
    assert str(form["parent"]) in html
    assert re.search(
        r'<input type="text" name="subject" id="id_subject" value="" tabindex="-1"', html
    )
    if form.is_bound:
        assert str(form["timestamp"]) in html
    assert "bot" not in html


def test_comment_markup_uses_the_date_and_linebreaks_filters():
    """A comment's times (to the second), paragraphs, name, website and links, escaped as the
    template writes them; the comment is named by its author's heading."""
    article = ArticleFactory(published=True)
    comment = Comment(
        pk=7,
        article=article,
        author_name="O'Brien <b>",
        author_url='https://saltmere.example/?q="x"&y=1',
        body="First & <i>one</i>\r\nstill first\n\n\nSecond",
        submitted_at=timezone.now(),
    )
    threads = CommentThreads(article=article, number=2, pages=3)
    html = render_to_string(
        "articles/comments/comment.html", {"comment": comment, "threads": threads, "closed": ""}
    )
    when = comment.submitted_at
    assert (
        f'<time datetime="{date_filter(when.replace(microsecond=0), "c")}">'
        f"{date_filter(when, 'j F Y, H:i')}</time>" in html
    )
    assert 'aria-labelledby="comment-7-author"' in html
    assert '<h3 class="comment-author" id="comment-7-author">' in html
    assert (
        f'<div class="comment-body">{linebreaks_filter(comment.body, autoescape=True)}</div>'
        in html
    )
    assert "O&#x27;Brien &lt;b&gt;" in html
    assert (
        'href="https://saltmere.example/?q=&quot;x&quot;&amp;y=1" rel="ugc nofollow noopener"'
        in html
    )
    assert (
        f'href="{reverse("articles:comment_report", args=[7])}"' in html
        and "?cpage=2&amp;replyto=7#respond" in html
    )


def test_closed_comments_offer_no_reply_link():
    """Once comments close, a comment keeps its report link and loses its reply link."""
    article = ArticleFactory(published=True)
    comment = CommentFactory(article=article)
    threads = CommentThreads(article=article, number=1, pages=1)
    html = render_to_string(
        "articles/comments/comment.html",
        {"comment": comment, "threads": threads, "closed": "Comments are closed."},
    )
    assert "replyto" not in html
    assert reverse("articles:comment_report", args=[comment.pk]) in html


def test_a_blank_form_from_its_fragment_reads_as_the_form_template(client, settings):
    """A new reader's form, its fields served from a fragment cached per language, is what
    form.html renders for that article, but for the timestamp signed as it is served."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    first, second = ArticleFactory(published=True), ArticleFactory(published=True)
    client.get(first.get_absolute_url())
    fields_key = make_template_fragment_key("comment_fields", [translation.get_language()])
    assert caches["template_fragments"].get(fields_key) is not None
    for article in (first, second):
        page = client.get(article.get_absolute_url()).content.decode()
        start = page.index('<form class="comment-form"')
        served = page[start : page.index("</form>", start) + 7]
        expected = render_to_string(
            "articles/comments/form.html",
            {"article": article, "form": CommentForm(article=article)},
        )
        expected = expected[: expected.index("</form>") + 7]
        assert TIMESTAMP.sub("", served) == TIMESTAMP.sub("", expected)
        assert f'action="{reverse("articles:comment_post", args=[article.pk])}"' in served
    with translation.override("de"):
        render_to_string(
            "articles/comments/form.html",
            {"article": first, "form": CommentForm(article=first)},
        )
    fragments = caches["template_fragments"]
    assert fragments.get(make_template_fragment_key("comment_fields", ["de"])) is not None
