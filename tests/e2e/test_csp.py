"""The strict Content-Security-Policy costs nothing that works: the reader's pages and the desk.

The ``page`` fixture fails a test on any CSP refusal the browser reports;
these tests walk the pages whose scripts and styles matter and check that
the scripts still do their work.
"""

import pytest

from articles.models import Article
from tests.e2e.desk import choose_in_new_row, log_in
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, UserFactory, full_story

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_remembered_name_fills_the_comment_form_from_a_script_file(live_server, page):
    """The "remember me" filler runs from static/js under the policy; no inline script is left."""
    article = full_story(comments=1)
    page.context.add_cookies(
        [
            {
                "name": "nr_commenter",
                "value": "%7B%22name%22%3A%22Jory%22%2C%22email%22%3A%22jory%40quay.example%22%7D",
                "url": live_server.url,
            }
        ]
    )
    response = page.goto(live_server.url + article.get_absolute_url())
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.get_by_role("textbox", name="Name").input_value() == "Jory"
    assert page.get_by_role("textbox", name="Email").input_value() == "jory@quay.example"
    assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
    assert page.locator(".comment-hp").bounding_box()["x"] < 0, "the honeypot's style applies"


def test_the_desk_works_under_the_policy(live_server, page):
    """Inline rows, autocomplete, list actions, the review queue and history run."""
    editor = UserFactory(username="edna", groups=["Editors"])
    AuthorFactory(name="Carys Penrose")
    story = ArticleFactory(created_by=editor, headline="Lido reopens")
    BylineFactory(article=story)
    log_in(page, live_server.url, "edna")

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Ferry fares to rise in May")
    choose_in_new_row(
        page, add="Add another Byline", group="bylines-group", typed="Carys", option="Carys Penrose"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/articles/article/")
    assert Article.objects.get(headline="Ferry fares to rise in May").bylines.count() == 1

    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() == Article.objects.count()
    page.goto(live_server.url + f"/admin/articles/article/{story.pk}/review/")
    page.goto(live_server.url + f"/admin/articles/article/{story.pk}/history/")
    page.goto(live_server.url + "/admin/articles/revision/")
