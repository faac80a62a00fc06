"""axe-core finds nothing at all on the reader pages: no violation of any impact.

The design test (test_design.py) fails only on serious and critical
findings; these six pages, at a phone's and a desktop's width, must have
none of any kind, minor and moderate included.
"""

import pytest

from tests.e2e import test_design
from tests.e2e.conftest import AXE_IMPACTS
from tests.e2e.test_design import VIEWPORTS, open_page

# The demo as the design test loads it, with the same pages.
demo = test_design.demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = ["front", "article", "section", "search", "comment with errors", "404"]


def _comment_with_errors(page) -> None:
    """Send the article's comment form half filled: the page that comes back shows the errors."""
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Email").fill("not an address")
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state("load")
    assert page.locator(".form-error").count() >= 2


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_reader_pages_have_no_axe_violation_of_any_impact(
    browser, live_server, demo, axe_violations, width
):
    """Front, article, section, search, a comment form sent back with errors and the 404 page:
    axe reports no violation, minor or moderate included."""
    found = {}
    for name in PAGES:
        path = demo["article" if name == "comment with errors" else name]
        context, page = open_page(browser, live_server, path, VIEWPORTS[width])
        try:
            if name == "comment with errors":
                _comment_with_errors(page)
            violations = axe_violations(page, impacts=AXE_IMPACTS)
        finally:
            context.close()
        if violations:
            found[name] = violations
    assert found == {}
