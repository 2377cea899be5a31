"""A learner asks a mentor from a lesson, the mentor answers in the admin, and the learner
reads the answer on their dashboard."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Cohort, LessonPage
from mentoring.models import CourseMentor
from tests import factories
from tests.e2e.test_staff_journeys import PASSWORDS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUESTION = "Must I isolate the seized phone before imaging it?"
ANSWER = "Yes: put it in a Faraday bag first, then image it."


def test_learner_asks_a_mentor_from_a_lesson_and_reads_the_answer(
    browser, live_server, home_pages, monkeypatch
):
    from playwright.sync_api import expect

    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(
        index=catalog, title="Mobile basics", modules=1, lessons=1, pacing="cohort"
    )
    lesson = LessonPage.objects.descendant_of(course).get()
    cohort = Cohort.objects.create(
        course=course, name="Maputo 2026", start_date=timezone.localdate() - datetime.timedelta(1)
    )
    learner = factories.make_user(email="agente@example.org", given_name="Rui")
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    mentor = factories.make_course_trainer(course=course)
    CourseMentor.objects.create(course=course, mentor=mentor)
    monkeypatch.setitem(PASSWORDS, mentor.email, factories.PASSWORD)

    # The learner asks from the lesson.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill("agente@example.org")
    page.locator("input[name=password]").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}{lesson.url}")
    page.get_by_text("Ask a mentor").click()
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_text("Your question is sent to the mentors.")).to_be_visible()
    assert page.url == f"{live_server.url}{lesson.url}"

    # The mentor finds it among the open questions and answers it.
    admin = sign_in(browser, live_server.url, mentor.email, "en")
    admin.goto("/admin/mentoring/?status=open")
    admin.page.get_by_role("link", name=QUESTION).click()
    admin.page.get_by_label("Your answer").fill(ANSWER)
    admin.page.get_by_role("button", name="Send the answer").click()
    expect(admin.page.get_by_text("The answer is sent; the learner is notified.")).to_be_visible()
    assert admin.problems == []
    admin.page.context.close()

    # The learner reads the answer on the dashboard.
    page.goto(f"{live_server.url}/en/learn/")
    section = page.get_by_role("region", name="My questions")
    expect(section.get_by_text(QUESTION)).to_be_visible()
    expect(section.get_by_text(ANSWER)).to_be_visible()
    context.close()
