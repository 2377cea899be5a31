"""Browser tests: Playwright driving Debian's Chromium (Playwright's own download is not used).

scripts/test sets LMS_CHROMIUM to the system binary and LMS_REQUIRE_BROWSER=1, so in CI a
missing browser fails the run instead of skipping it.
"""

import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return os.environ.get("LMS_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        if os.environ.get("LMS_REQUIRE_BROWSER"):
            pytest.fail("LMS_REQUIRE_BROWSER is set but no Chromium was found.")
        pytest.skip("No Chromium installed (apt-get install chromium).")
    from playwright.sync_api import expect, sync_playwright

    # expect() retries until this timeout: the browser stage shares two cores with the
    # PostgreSQL stage (scripts/test), so 5 s, Playwright's default, is too tight.
    expect.set_options(timeout=20_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.js_errors = errors
    yield page
    context.close()
