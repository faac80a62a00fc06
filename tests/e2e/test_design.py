"""The reader pages as a phone and a desktop show them: layout, images, accessibility.

Each page is opened at 390 px (a phone) and 1280 px (a desktop); a
screenshot of each is kept under tests/e2e/screenshots/ (CI's artefacts).
"""

import pytest
from django.core.management import call_command

from articles.models import Article, Section
from articles.roles import roles_sync

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture
def demo(settings):
    """The demo stories with their drawn pictures, as ``make run`` shows them."""
    roles_sync()  # a transactional test's flush emptied the roles the migration made
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    harbour = Article.objects.get(raw_copy__filename="01-harbour-wall.txt")
    return {
        "front": "/",
        "section": Section.objects.get(name="Local").get_absolute_url(),
        "article": harbour.get_absolute_url(),
        "search": "/search/?q=harbour",
        "404": "/no-such-page/",
    }


def open_page(browser, live_server, path: str, viewport: dict):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + path, wait_until="load")
    return context, page


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 means no sideways scrolling)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


PAGES = ["front", "section", "article", "search", "404"]


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_pages_fit_the_screen_and_axe_finds_nothing_serious(
    browser, live_server, demo, axe_violations, screenshot, width
):
    """Front, section, article, search and 404: no sideways scrolling, no serious axe violation.

    A screenshot of each is saved for review.
    """
    found = {}
    for name in PAGES:
        context, page = open_page(browser, live_server, demo[name], VIEWPORTS[width])
        try:
            screenshot(page, f"{name}-{VIEWPORTS[width]['width']}")
            overflow = horizontal_overflow(page)
            violations = axe_violations(page)
        finally:
            context.close()
        if overflow or violations:
            found[name] = {"overflow": overflow, "violations": violations}
    assert found == {}
