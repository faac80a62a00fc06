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


def lead_picture(page, selector: str) -> dict:
    """What the browser made of a lead picture: its alt text, its attributes and what it loaded."""
    return page.eval_on_selector(
        selector,
        """img => ({
            alt: img.getAttribute("alt"),
            width: img.getAttribute("width"),
            height: img.getAttribute("height"),
            loading: img.getAttribute("loading"),
            loaded: img.complete && img.naturalWidth > 0,
            source: img.currentSrc,
            shown: img.getBoundingClientRect().width,
        })""",
    )


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_lead_pictures_have_alt_text_dimensions_and_load_webp_first(
    browser, live_server, demo, width
):
    """The front page's and the article's lead pictures: alt text, width and height set, not
    lazy, a WebP rendition chosen and shown at most as wide as the window."""
    viewport = VIEWPORTS[width]
    for path, selector in (
        (demo["front"], ".teaser-lead img"),
        (demo["article"], ".lead-figure img"),
    ):
        context, page = open_page(browser, live_server, path, viewport)
        try:
            found = lead_picture(page, selector)
        finally:
            context.close()
        assert found["alt"], path
        assert int(found["width"]) > 0 and int(found["height"]) > 0, path
        assert found["loading"] is None and found["loaded"], path
        assert found["source"].endswith(".webp"), found
        assert 0 < found["shown"] <= viewport["width"], found


def test_the_header_takes_at_most_a_fifth_of_a_phones_first_screen(browser, live_server, demo):
    """On a 390 x 844 phone the masthead, search button and sections bar fit in 20% of the
    screen, on every reader page."""
    for name in PAGES:
        context, page = open_page(browser, live_server, demo[name], PHONE)
        try:
            height = page.eval_on_selector(".site-header", "e => e.getBoundingClientRect().bottom")
        finally:
            context.close()
        assert height <= 0.2 * PHONE["height"], (name, height)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_search_opens_from_its_button_on_a_phone(browser, live_server, demo, javascript):
    """The header's search is a button on a phone; pressed, it shows the form, which searches.
    A <details> element: it works with scripts off too."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        box = page.get_by_role("searchbox", name="Search stories")
        assert not box.is_visible()
        page.locator(".search-toggle > summary").click()
        box.fill("harbour")
        box.press("Enter")
        page.wait_for_url("**/search/?q=harbour")
        assert page.get_by_role("heading", level=1).inner_text() == "Search"
    finally:
        context.close()


def test_a_sources_evidence_opens_on_demand(browser, live_server, demo):
    """The sentence a source is cited in stays folded until the reader opens it."""
    context, page = open_page(browser, live_server, demo["article"], PHONE)
    try:
        evidence = page.locator(".evidence blockquote").first
        assert not evidence.is_visible()
        page.locator(".evidence summary").first.click()
        assert evidence.is_visible()
    finally:
        context.close()


def test_dark_mode_follows_the_system_and_stays_readable(
    browser, live_server, demo, axe_violations, screenshot
):
    """With the system set to dark, pages turn dark, and axe still finds nothing serious."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    try:
        for name in ("front", "article"):
            page.goto(live_server.url + demo[name], wait_until="load")
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(21, 23, 26)", background
            screenshot(page, f"{name}-1280-dark")
            assert axe_violations(page) == [], name
    finally:
        context.close()


def test_printing_an_article_leaves_out_the_header_and_the_comment_form(browser, live_server, demo):
    """Printed, an article keeps its headline, picture and body, without navigation or forms."""
    context, page = open_page(browser, live_server, demo["article"], DESKTOP)
    try:
        page.emulate_media(media="print")
        hidden = [".site-nav", ".search-toggle", ".comment-form", ".site-footer"]
        for selector in hidden:
            assert not page.locator(selector).first.is_visible(), selector
        for selector in ("h1", ".lead-figure img", ".story .body"):
            assert page.locator(selector).first.is_visible(), selector
    finally:
        context.close()
