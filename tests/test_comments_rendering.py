"""The comment section's hand-written markup matches what Django's own rendering gave."""

import pytest
from django.forms.boundfield import BoundField
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils import timezone

from articles.forms import CommentForm
from articles.models import Comment
from articles.routes import slug_route
from articles.templatetags import comments as comment_tags
from articles.templatetags.comments import comment_post_url
from tests.factories import ArticleFactory

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


@pytest.mark.parametrize("data", BOUND_CASES)
def test_quick_fields_render_as_django_widget_templates(data):
    """Every comment form field, blank or re-displayed with errors, renders as Django's templates would."""
    article = ArticleFactory(published=True)
    form = CommentForm(data or None, article=article)
    form.is_valid()
    for field in form:
        plain = BoundField(form, field.field, field.name)
        assert str(field) == str(plain), field.name


def test_comment_markup_matches_the_template_filters():
    """A comment's dates and paragraphs read as the |date and |linebreaks filters wrote them."""
    article = ArticleFactory(published=True)
    comment = Comment(
        pk=7,
        article=article,
        author_name="O'Brien <b>",
        author_url='https://saltmere.example/?q="x"&y=1',
        body="First & <i>one</i>\r\nstill first\n\n\nSecond",
        submitted_at=timezone.now(),
    )
    comment.thread_replies = []
    html = comment_tags._threads_html([comment], page_number=2, closed=False)
    when = comment.submitted_at
    assert (
        f'<time datetime="{date_filter(when, "c")}">{date_filter(when, "j F Y, H:i")}</time>'
        in html
    )
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


def test_cached_addresses_match_reverse():
    """The per-process address helpers give what {% url %} gives."""
    article = ArticleFactory(published=True)
    assert comment_post_url(article.pk) == reverse("articles:comment_post", args=[article.pk])
    assert slug_route("articles:section_rss", "harbour") == reverse(
        "articles:section_rss", args=["harbour"]
    )
    assert comment_tags._report_url_parts() == tuple(
        reverse("articles:comment_report", args=[4321]).split("4321")
    )


def test_blank_form_shortcut_reads_as_the_form_template(monkeypatch):
    """A new reader's comment form, built from the cut markup, is what form.html renders, per article."""
    from django.template.loader import render_to_string

    from articles import forms

    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_000)
    comment_tags._BLANK_FORMS.clear()
    for article in (ArticleFactory(published=True), ArticleFactory(published=True)):
        expected = render_to_string(
            "articles/comments/form.html",
            {"article": article, "form": CommentForm(article=article)},
        )
        assert comment_tags._blank_form_html(article) == expected
        assert f'action="{comment_post_url(article.pk)}"' in expected
