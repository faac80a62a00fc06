"""Markup that assistive technology reads: named landmarks, named comments, grouped choices."""

import re

import pytest
from django.urls import reverse

from tests.comments_support import moderation_settings, post_comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _search_landmarks(html: str) -> list[str]:
    return re.findall(r'<form[^>]* role="search" aria-label="([^"]+)"', html)


@pytest.mark.parametrize(("path", "status"), [("/search/?q=harbour", 200), ("/nowhere/", 404)])
def test_each_search_landmark_has_a_name_of_its_own(client, path, status):
    """The header's search and the page's own search are two landmarks with distinct names."""
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    names = _search_landmarks(html)
    assert len(names) == 2 == html.count('role="search"')
    assert len(set(names)) == 2


def test_every_comment_is_named_by_its_author_heading(client):
    """Each comment's <article> is labelled by the heading with its author's name; replies are
    a level below their thread, and the reader's own pending comment is named alike."""
    moderation_settings()
    article = ArticleFactory(published=True)
    root = CommentFactory(article=article, author_name="Jory Trelawny")
    reply = CommentFactory(article=article, parent=root, author_name="Sal Brennan")
    page = post_comment(client, article, name="Tamsin Vyvyan", follow=True).content.decode()
    articles = re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"([^>]*)>', page)
    assert len(articles) == 3
    for pk, attributes in articles:
        assert f'aria-labelledby="comment-{pk}-author"' in attributes
    assert f'<h3 class="comment-author" id="comment-{root.pk}-author">Jory Trelawny</h3>' in page
    assert f'<h4 class="comment-author" id="comment-{reply.pk}-author">Sal Brennan</h4>' in page
    assert re.search(r'<h4 class="comment-author" id="comment-\d+-author">Tamsin Vyvyan</h4>', page)


def test_the_report_reasons_are_a_fieldset_with_a_legend(client):
    """The report page's radio buttons are grouped under the question as their legend; an
    error is tied to the group."""
    comment = CommentFactory(article=ArticleFactory(published=True))
    url = reverse("articles:comment_report", args=[comment.pk])
    for response in (client.get(url), client.post(url, {"reason": ""})):
        html = response.content.decode()
        fieldset = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.S)
        assert fieldset is not None
        inside = fieldset.group(1)
        assert "<legend>Why should a moderator look at this comment?" in inside
        assert inside.count('type="radio"') >= 2
        assert "<p><div" not in html and "<p>\n<div" not in html
    assert response.status_code == 400
    assert 'aria-describedby="id_reason_error"' in html
    assert '<p class="form-error" id="id_reason_error" role="alert">' in html
