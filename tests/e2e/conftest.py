"""A real browser: Debian's Chromium driven by Playwright.

Playwright's own browser download does not work everywhere, so the suite
points it at the system Chromium. In CI a missing browser is a failure; on a
developer's machine without Chromium the browser tests are skipped with the
install command.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots of the reader pages at each width, kept by CI as artefacts (gitignored).
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or HERE / "screenshots")
# Impacts that fail a page by default; minor and moderate findings are left to review.
# The reader pages' own test (test_accessibility.py) fails on any impact.
AXE_FAILING = ("serious", "critical")
AXE_IMPACTS = ("minor", "moderate", "serious", "critical")

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between page actions are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(
                f"Chromium not found at {CHROMIUM}; CI must install it (apt-get install chromium)."
            )
        pytest.skip("Chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_watch(page) -> list[str]:
    """Every Content-Security-Policy refusal the browser reports on ``page``, as it happens."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.fixture
def page(browser):
    """A fresh browser page; the test fails if the site's CSP refused anything on it."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = csp_watch(page)
    yield page
    context.close()
    assert not refused, f"The Content-Security-Policy refused: {refused}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core as npm installed it (``make test`` runs ``npm ci --prefix tests/e2e``)."""
    if not AXE.exists():
        hint = "axe-core is not installed: npm ci --prefix tests/e2e"
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(axe_source):
    """Run axe in the page (WCAG 2.x A and AA rules) and return its violations of ``impacts``
    (serious and critical unless told; ``AXE_IMPACTS`` is every one).

    The script is evaluated through the DevTools protocol, so a page's
    Content-Security-Policy does not stop it.
    """

    def run(page, impacts=AXE_FAILING) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
                resultTypes: ["violations"],
            })"""
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in impacts
        ]

    return run


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under SCREENSHOTS as ``<name>.png``."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
