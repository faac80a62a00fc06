"""Reader forms carry no CSRF token; posts a browser says came from another site are refused."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Comment, CommentReport
from tests.comments_support import form_data, moderation_settings
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CROSS_SITE = [
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"origin": "http://testserver", "sec-fetch-site": "cross-site"},
]
SAME_SITE = [
    {},
    {"origin": "http://testserver"},
    {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    {"sec-fetch-site": "none"},
]


@pytest.fixture
def browser():
    """A client that enforces Django's CSRF check, as a real browser's requests meet it."""
    moderation_settings(premoderate_new_commenters=False)
    return Client(enforce_csrf_checks=True)


def _post_comment(browser, article, headers, **fields):
    url = reverse("articles:comment_post", args=[article.pk])
    return browser.post(url, form_data(article, **fields), headers=headers)


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_comment_is_refused_and_keeps_the_text(browser, headers):
    """A cross-site comment post is refused with a 403 that keeps the text; nothing is stored."""
    article = ArticleFactory(published=True)
    response = _post_comment(browser, article, headers, body="Sent from <elsewhere>.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "sent from another website" in html
    assert "Sent from &lt;elsewhere&gt;." in html
    assert "private" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_refused_cross_site_comment_can_be_sent_again_from_here(browser):
    """The refusal page's form, sent from this site, posts the comment."""
    article = ArticleFactory(published=True)
    refused = _post_comment(browser, article, {"origin": "https://evil.example"})
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert f'action="{reverse("articles:comment_post", args=[article.pk])}"' in html
    accepted = _post_comment(browser, article, {"origin": "http://testserver"})
    assert accepted.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("headers", SAME_SITE)
def test_same_site_or_headerless_comment_is_accepted(browser, headers):
    """A post from this site, or from a client that sends neither header, is accepted."""
    article = ArticleFactory(published=True)
    response = _post_comment(browser, article, headers)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("trusted", "origin", "accepted"),
    [
        ("https://*.example.org", "https://www.example.org", True),
        ("https://*.example.org", "https://example.org.evil.example", False),
        ("https://*.example.org", "http://www.example.org", False),
    ],
)
def test_wildcard_trusted_origins_match_subdomains_only(
    browser, settings, trusted, origin, accepted
):
    """``https://*.example.org`` lets its subdomains post over HTTPS, as Django's CSRF check does."""
    settings.CSRF_TRUSTED_ORIGINS = [trusted]
    article = ArticleFactory(published=True)
    response = _post_comment(browser, article, {"origin": origin, "sec-fetch-site": "same-site"})
    assert response.status_code == (302 if accepted else 403)
    assert Comment.objects.exists() == accepted


def test_trusted_origin_is_accepted(browser, settings):
    """An origin listed in CSRF_TRUSTED_ORIGINS counts as this site."""
    settings.CSRF_TRUSTED_ORIGINS = ["https://news.example.org"]
    article = ArticleFactory(published=True)
    response = _post_comment(browser, article, {"origin": "https://news.example.org"})
    assert response.status_code == 302
    assert Comment.objects.exists()


def test_report_page_carries_no_csrf_token(browser):
    """The report form is the same for every reader and sets no cookie."""
    comment = CommentFactory()
    response = browser.get(reverse("articles:comment_report", args=[comment.pk]))
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_report_is_refused_and_keeps_the_text(browser, headers):
    """A cross-site report is refused with a 403 that keeps what was typed; nothing is stored."""
    comment = CommentFactory()
    url = reverse("articles:comment_report", args=[comment.pk])
    response = browser.post(
        url, {"reason": "abuse", "detail": "Rude <b>words</b>"}, headers=headers
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "sent from another website" in html
    assert "Rude &lt;b&gt;words&lt;/b&gt;" in html
    assert re.search(r'value="abuse"[^>]* checked>', html)
    assert not CommentReport.objects.exists()


def test_same_origin_report_is_accepted(browser):
    """A report from this site's own page is stored and thanked."""
    comment = CommentFactory()
    url = reverse("articles:comment_report", args=[comment.pk])
    response = browser.post(
        url, {"reason": "spam", "detail": ""}, headers={"origin": "http://testserver"}
    )
    assert response.status_code == 302
    assert CommentReport.objects.get().reason == "spam"
