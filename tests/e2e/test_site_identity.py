"""The site at 375 px with JavaScript off: the header, the cards and a lesson fit the screen."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 375


def _fits(page, selector: str) -> None:
    for box in (element.bounding_box() for element in page.locator(selector).all()):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, selector


def test_a_phone_without_javascript_reads_the_catalog_and_a_lesson(
    browser, live_server, home_pages
):
    catalog = factories.make_catalog(home_pages["en"])
    for title, drawing in [("Mobile forensics", "device"), ("Darknet investigations", "layers")]:
        factories.make_course(index=catalog, title=title, illustration=drawing)
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 800}, java_script_enabled=False, locale="en-GB"
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/en/courses/")
    expect(page.get_by_role("link", name="Cybercrime Academy")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    _fits(page, ".site-header, .site-header a, .course-card, .course-illustration, .site-footer")

    page.get_by_role("link", name="Darknet investigations").click()
    expect(page.locator(".course-header .course-illustration")).to_be_visible()
    page.get_by_role("link", name="Lesson 1.1").click()
    expect(page.locator("h1")).to_have_text("Lesson 1.1")
    _fits(page, ".site-header, main, .site-footer")

    page.get_by_role("link", name="Verify a certificate").first.click()
    expect(page.locator("h1")).to_have_text("Certificate verification")
    context.close()
