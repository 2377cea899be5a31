"""A practitioner takes a quiz, fails once, passes, and sees the course progress move."""

import pytest
from playwright.sync_api import expect

from courses import services as course_services
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_learner_fails_then_passes_a_quiz(page, live_server, home_pages):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Evidence basics", modules=1, lessons=1)
    module = course.get_children().first().specific
    questions = [
        factories.make_question(title=f"Q{n}", text=f"<p>Question {n}?</p>") for n in (1, 2)
    ]
    quiz = factories.make_quiz(module=module, questions=questions, title="Module quiz")
    learner = factories.make_user(email="analyst@example.org")
    course_services.enrolment_create(learner=learner, course=course)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("analyst@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/en/")

    def take_quiz(choice: str):
        page.goto(f"{live_server.url}{quiz.url}")
        start = page.get_by_role("button", name="Start the quiz")
        if not start.count():
            start = page.get_by_role("button", name="Start a new attempt")
        start.click()
        for fieldset in page.locator("fieldset.question").all():
            fieldset.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Submit your answers").click()
        page.wait_for_url("**/submit/")
        page.get_by_role("button", name="Confirm and submit").click()
        page.wait_for_url("**/result/")

    take_quiz("wrong")
    expect(page.get_by_text("Score: 0%")).to_be_visible()
    expect(page.get_by_text("Look again.").first).to_be_visible()

    take_quiz("right")
    expect(page.get_by_text("Score: 100%")).to_be_visible()

    page.get_by_role("navigation", name="Account").get_by_role("link", name="My learning").click()
    expect(page.get_by_text("50% complete")).to_be_visible()  # the quiz, not yet the lesson
    assert page.js_errors == []
