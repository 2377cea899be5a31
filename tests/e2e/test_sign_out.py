"""Signing out from the header on any page, in two languages. The header is rendered once per
language and process ({% keep %}); its sign-out form must still carry each visit's own CSRF
token, or signing out would fail with a 403."""

import pytest
from playwright.sync_api import expect

from courses import services
from courses.models import LessonPage
from tests import factories
from tests.e2e.conftest import learner_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_two_learners_sign_out_from_a_lesson_and_the_dashboard(page, live_server, home_pages):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, modules=1, lessons=2, title="Seizing phones")
    factories.translate_tree(course, "fr")
    lesson = LessonPage.objects.filter(locale__language_code="en").order_by("path").first()
    for email, language in (("ana@example.org", "en"), ("luc@example.org", "fr")):
        learner = factories.make_learner(email=email, preferred_language=language)
        services.enrolment_create(learner=learner, course=course)

    # An English learner opens a lesson (the header is now kept) and signs out from it.
    learner_sign_in(page, live_server.url, "ana@example.org")
    page.goto(f"{live_server.url}{lesson.url}")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    page.goto(f"{live_server.url}/en/learn/")
    assert "/accounts/login/" in page.url

    # Another learner, in French, signs out from the dashboard with the same kept header.
    page.context.clear_cookies()
    learner_sign_in(page, live_server.url, "luc@example.org", language="fr")
    page.goto(f"{live_server.url}/fr/learn/")
    expect(page.get_by_text("Seizing phones").first).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
