import pytest

from articles.models import Comment, ModerationSettings
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_comments_and_a_moderator_approves_it(live_server, browser):
    """A new reader's comment waits for moderation, is shown to them as pending, then goes live."""
    # A person takes longer than the form's minimum time to fill it in; the browser does not.
    policy = ModerationSettings.load()
    policy.min_seconds_to_submit = 0
    policy.save()
    article = ArticleFactory(published=True, headline="Lido reopens on Saturday")
    UserFactory(username="mo", groups=["Moderators"])

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    reader.get_by_role("textbox", name="Name").fill("Jory <b>Trelawny</b>")
    reader.get_by_role("textbox", name="Email").fill("jory@saltmere.example")
    reader.get_by_role("textbox", name="Comment").fill("Can't wait to swim there again.")
    reader.get_by_role("button", name="Post comment").click()
    reader.wait_for_url(f"**{article.get_absolute_url()}**")
    assert reader.get_by_text("awaiting moderation").first.is_visible()
    assert reader.get_by_text("Can't wait to swim there again.").is_visible()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "jory@saltmere.example" not in reader.content()

    moderator = browser.new_context().new_page()
    moderator.goto(live_server.url + "/admin/login/")
    moderator.get_by_label("Username").fill("mo")
    moderator.get_by_label("Password").fill("correct horse battery staple")
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto(live_server.url + "/admin/articles/comment/")
    moderator.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    moderator.locator('select[name="action"]').select_option("approve")
    moderator.get_by_role("button", name="Go").click()
    moderator.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    stranger = browser.new_context().new_page()
    stranger.goto(live_server.url + article.get_absolute_url())
    assert stranger.get_by_text("Can't wait to swim there again.").is_visible()
    assert stranger.get_by_text("Jory <b>Trelawny</b>").is_visible(), (
        "markup in a name is shown as text"
    )
    assert "jory@saltmere.example" not in stranger.content()


def test_a_failed_post_moves_the_focus_to_the_error_summary(live_server, browser):
    """Sent back with an error, the page puts the reader on the summary, which links to the field."""
    policy = ModerationSettings.load()
    policy.min_seconds_to_submit = 0
    policy.save()
    article = ArticleFactory(published=True, headline="Pier lights fixed")
    page = browser.new_context().new_page()
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("textbox", name="Email").fill("jory@saltmere.example")
    page.get_by_role("textbox", name="Comment").fill("At last.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert page.get_by_role("textbox", name="Comment").input_value() == "At last."
