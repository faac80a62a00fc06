import pytest

from tests.factories import ArticleFactory, AuthorFactory, BylineFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_story_from_the_front_page(live_server, page):
    """A reader clicks the lead story's headline on the front page and reads the story."""
    article = ArticleFactory(published=True, headline="Harbour wall rebuild approved")
    BylineFactory(article=article, author=AuthorFactory(name="Maren Holt"))
    page.goto(live_server.url + "/")
    lead = page.locator(".teaser-lead")
    lead.get_by_role("link", name="Harbour wall rebuild approved").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Harbour wall rebuild approved"


def test_skip_link_is_the_first_stop_for_keyboard_users(live_server, page):
    """Tab from the top of the page lands on a visible 'Skip to content' link."""
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
