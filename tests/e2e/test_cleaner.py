import pytest

from articles.models import Article, TrainingLabel
from tests.e2e.desk import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROMO = "Download the Harbourside app for tide times"
# A leftover the cleaner keeps: its classifier catches plainer ones ("Our writing assistant
# hopes this version reads well for you today").
MISSED = "The tide tables below were correct when this was written"
RAW = f"""Saltmere lido reopens after repair

The Saltmere lido reopened on Saturday after a two-year repair of its cracked seawater pool.

{PROMO}

Lifeguards counted more than four hundred swimmers before noon.

{MISSED}
"""


def test_editor_teaches_the_cleaner_a_rule_and_a_missed_paragraph(live_server, page):
    """An editor adds a chrome rule, previews it, makes it live, imports copy it flags,
    then removes a leftover the cleaner missed with one click."""
    UserFactory(username="edna", groups=["Editors"])
    log_in(page, live_server.url, "edna")

    page.goto(live_server.url + "/admin/articles/cleaningrule/add/")
    page.get_by_label("Family").select_option("chrome")
    page.get_by_label("Phrase or pattern").fill(PROMO)
    page.get_by_label("Rule code").fill("chrome.app_promo")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/preview/")
    assert page.get_by_text("Offline: imports do not use it yet.").is_visible()
    page.get_by_role("button", name="Make it live").click()
    page.wait_for_url("**/cleaningrule/")

    page.goto(live_server.url + "/admin/articles/article/import/")
    page.get_by_label("Paste the copy").fill(RAW)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/review/")
    assert page.locator(".desk-cards").get_by_text("chrome.app_promo").first.is_visible()
    article = Article.objects.get()
    assert PROMO not in article.body

    page.get_by_role("link", name="Show all 5 paragraphs").click()
    card = page.locator(".desk-card").filter(has_text=MISSED)
    card.get_by_role("button", name="chatbot leftover").click()
    page.wait_for_url("**/review/?show=all#p5")
    article.refresh_from_db()
    assert MISSED not in article.body
    assert TrainingLabel.objects.get().label == "chatbot"
