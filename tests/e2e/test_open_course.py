"""A visitor reads an open course without an account, marks two lessons as done in the
browser, creates an account and finds them done once signed in (docs/guides/learners.md,
"Courses open to everyone")."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from courses.models import Enrolment, LessonCompletion
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "teacher@example.org"
PASSWORD = "a-long-pass-phrase-2026"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-up and sign-in are rate-limited in the cache; start without earlier attempts."""
    cache.clear()


def test_a_visitor_marks_lessons_done_signs_up_and_finds_them_done(page, live_server, home_pages):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Safer online", modules=2, is_open=True)
    base = live_server.url

    # Without an account: the catalog's badge, then two lessons marked as done.
    page.goto(f"{base}/en/courses/")
    card = page.locator(".course-card", has_text="Safer online")
    expect(card.get_by_text("Open to everyone")).to_be_visible()
    card.get_by_role("link", name="Safer online").click()
    page.get_by_role("link", name="Start reading: Lesson 1.1").click()
    expect(page.locator("h1")).to_have_text("Lesson 1.1")
    expect(page.get_by_text("Done. This browser keeps it")).to_be_hidden()
    page.get_by_role("button", name="Mark as done in this browser").click()
    expect(page.get_by_text("Done. This browser keeps it")).to_be_visible()
    page.locator(".lesson-sidebar").get_by_role("link", name="Lesson 1.2").click()
    expect(page.locator("h1")).to_have_text("Lesson 1.2")
    page.get_by_role("button", name="Mark as done in this browser").click()
    expect(page.get_by_text("Done. This browser keeps it")).to_be_visible()
    sidebar = page.locator(".lesson-sidebar")
    expect(sidebar.locator("li.is-done")).to_have_count(2)
    assert not LessonCompletion.objects.exists()  # kept in the browser only

    # Create an account, confirm the address, sign in.
    page.get_by_role("link", name="Create an account").first.click()
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_given_name").fill("Amina")
    page.locator("#id_family_name").fill("Diallo")
    page.locator("#id_country").select_option("SN")
    page.locator("#id_agency_type").select_option("other")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if page.locator("input[name=login]").count():
        page.locator("input[name=login]").fill(EMAIL)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()

    # The browser hands its lessons over once signed in; the page says so.
    expect(page.get_by_text("The 2 lessons you marked as done before signing in")).to_be_visible()
    learner = get_user_model().objects.get(email=EMAIL)
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.cohort is None
    assert LessonCompletion.objects.filter(learner=learner).count() == 2

    page.goto(f"{base}/en/learn/")
    expect(page.get_by_text("50% complete")).to_be_visible()
    page.goto(f"{base}{course.url}")
    syllabus = page.locator(".syllabus")
    expect(syllabus.locator("li.is-done")).to_have_count(2)
    expect(syllabus.locator("li.is-done").first).to_contain_text("Lesson 1.1")
    assert page.evaluate("window.localStorage.getItem('lms-open-progress')") is None
    assert page.js_errors == []
