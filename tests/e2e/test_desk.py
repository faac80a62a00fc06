import pytest

from articles.models import Article
from tests.e2e.desk import choose_in_new_row, log_in
from tests.factories import AuthorFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RAW = """Saltmere lido to reopen after a two-year repair

The Saltmere lido will reopen on Saturday after a two-year, £900,000 repair of its cracked seawater pool, the town council said.

I'm sorry, but I can't rewrite this article because the text appears to be incomplete.

Lifeguard Carys Penrose said the pool was "colder than ever and better than ever".

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


def test_editor_imports_reviews_and_publishes_a_story(live_server, page):
    """An editor pastes raw copy, accepts the findings, adds a byline and publishes."""
    UserFactory(username="edna", groups=["Editors"])
    AuthorFactory(name="Carys Penrose")
    log_in(page, live_server.url, "edna")

    page.goto(live_server.url + "/admin/articles/article/import/")
    page.get_by_label("Paste the copy").fill(RAW)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/review/")
    assert page.locator(".desk-cards").get_by_text("chatbot.refusal").first.is_visible()
    assert page.locator(".desk-cards").get_by_text("chrome.comment_form").first.is_visible()

    page.locator("details.desk-rules summary").click()
    accept_rule = "button[name=rule_decision][value$=':accept']"
    while page.locator(accept_rule).count():
        before = page.locator(accept_rule).count()
        page.locator(accept_rule).first.click()
        page.wait_for_function(
            "([s, n]) => document.querySelectorAll(s).length < n", arg=[accept_rule, before]
        )
        if page.locator("details.desk-rules:not([open]) summary").count():
            page.locator("details.desk-rules summary").click()

    article = Article.objects.get()
    assert "I'm sorry" not in article.body
    assert "Leave a Reply" not in article.body
    assert article.findings.filter(decision="open").count() == 0

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/publish/")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.get_by_text("byline").first.is_visible(), "the gate names the missing byline"
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    choose_in_new_row(
        page, add="Add another Byline", group="bylines-group", typed="Carys", option="Carys Penrose"
    )
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert article.bylines.filter(author__name="Carys Penrose").exists()

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/publish/")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.is_live

    page.goto(live_server.url + article.get_absolute_url())
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Saltmere lido to reopen after a two-year repair"
    )
    assert page.get_by_role("link", name="Carys Penrose").is_visible()


def test_editor_puts_an_older_story_at_the_top_of_the_front_page(live_server, page):
    """In Page lineups an editor picks a story for position 1; readers find it leading the page."""
    import datetime as dt

    from django.utils import timezone

    from tests.factories import ArticleFactory

    UserFactory(username="edna", groups=["Editors"])
    week_ago = timezone.now() - dt.timedelta(days=7)
    ArticleFactory(
        published=True,
        headline="Lighthouse keeper retires",
        published_at=week_ago,
        first_published_at=week_ago,
    )
    ArticleFactory(published=True, headline="Ferry timetable changes")
    reader = page.context.browser.new_page()
    reader.goto(live_server.url + "/")
    assert "Ferry timetable changes" in reader.locator(".teaser-lead h2").inner_text()

    log_in(page, live_server.url, "edna")
    page.goto(live_server.url + "/admin/articles/lineup/add/")
    choose_in_new_row(
        page,
        add="Add another Story in the lineup",
        group="entries-group",
        typed="Lighthouse",
        option="Lighthouse keeper retires",
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/articles/lineup/")

    # A browser may keep the page it saw for a minute (Cache-Control); a reload asks again.
    reader.reload()
    assert "Lighthouse keeper retires" in reader.locator(".teaser-lead h2").inner_text()
    reader.close()
