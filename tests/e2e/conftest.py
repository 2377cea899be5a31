"""Browser tests: Playwright driving Debian's Chromium (Playwright's own download is not used).

scripts/test sets LMS_CHROMIUM to the system binary and LMS_REQUIRE_BROWSER=1, so in CI a
missing browser fails the run instead of skipping it.
"""

import os
import shutil
import sqlite3
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from tests import demo_template

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


@pytest.fixture(scope="session")
def demo_copy(django_db_setup, django_db_blocker):
    """The seeded demo, as an in-memory copy of the test database.

    scripts/test seeds it once per run beside the checks (tests/demo_template.py); without
    that, it is seeded once per test process (each xdist worker), whichever journey module
    needs it first: the seed is the slowest step of the browser tests (about 40 s).
    """
    if connection.vendor != "sqlite":
        pytest.skip("the seeded copy uses SQLite's backup")
    pre_seeded = demo_template.folder()
    if pre_seeded is not None:
        copy = demo_template.load(pre_seeded)
        yield copy
        copy.close()
        return
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            # Browser tests that ran before flushed the database, migrations' rows included
            # (the root page, the locales): put back what migrate left, as each of them does.
            call_command("flush", "--no-input", verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        demo_template.seed(call_command)
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        call_command("flush", "--no-input", verbosity=0, inhibit_post_migrate=True)
    yield copy
    copy.close()


@pytest.fixture
def demo(demo_copy, live_server, transactional_db):
    """The seeded demo in the test database (the live server shares its connection).

    The copy is restored, and the test ends, only while no request is being answered: a
    browser closed at the end of the previous test may leave one running (an autosave),
    and SQLite refuses to restore into a connection that is in use.
    """
    lock = _one_request_at_a_time(live_server)
    connection.ensure_connection()
    with lock:
        demo_copy.backup(connection.connection)
    yield live_server
    with lock:
        pass  # wait for the last request of the test to finish before the database is reset


def _one_request_at_a_time(live_server) -> threading.Lock:
    """Serve one request at a time.

    The live server answers each request in a thread of its own, and with SQLite in memory
    every thread shares one database connection: the editor's autosave and its preview, sent
    at the same moment, would interleave their transactions on it ("no such savepoint").
    """
    server = live_server.thread.httpd
    application = server.get_app()
    if getattr(application, "one_at_a_time", None):
        return application.one_at_a_time
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return application(environ, start_response)

    serialised.one_at_a_time = lock
    server.set_app(serialised)
    return lock


def learner_sign_in(page, base_url: str, email: str, language: str = "en") -> None:
    """Sign ``email`` in through the sign-in page in ``language``, as a learner does (no
    two-factor step); the labels are the ones that page shows in that language."""
    from django.utils import translation

    from tests import factories

    page.goto(f"{base_url}/{language}/accounts/login/")
    with translation.override(language):
        page.get_by_label(translation.gettext("Email")).fill(email)
        page.get_by_label(translation.gettext("Password")).fill(factories.PASSWORD)
        page.get_by_role("button", name=translation.gettext("Sign In")).click()
    page.wait_for_url(f"{base_url}/{language}/")
