"""A practitioner signs in, enrols, studies a lesson, marks it complete and sees progress."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_learner_enrols_completes_a_lesson_and_sees_progress(page, live_server, home_pages):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Phone seizure basics", modules=2)
    factories.make_user(email="inspector@example.org", preferred_language="en")

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("inspector@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/en/")

    page.get_by_role("link", name="Phone seizure basics").click()
    page.get_by_role("button", name="Enrol in this course").click()
    page.get_by_role("link", name="Start the course: Lesson 1.1").click()
    expect(page.locator("h1")).to_have_text("Lesson 1.1")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_url(f"{live_server.url}{course.url}module-*/lesson-*/")
    expect(page.locator("h1")).to_have_text("Lesson 1.2")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="My learning").click()
    expect(page.get_by_text("25% complete")).to_be_visible()
    expect(page.get_by_role("link", name="Continue: Lesson 1.2")).to_be_visible()
    assert page.js_errors == []
