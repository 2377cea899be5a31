"""Wagtail's admin works under the admin's Content-Security-Policy: a trainer opens a lesson
in the page editor, its live preview panel loads, and the browser reports no policy violation
and no script error."""

import pytest

from courses.models import LessonPage
from tests import factories
from tests.e2e.test_certificates_journey import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_trainer_edits_and_previews_a_lesson_without_a_policy_violation(
    browser, live_server, home_pages
):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Digital evidence", modules=1, lessons=1)
    trainer = factories.make_course_trainer(course=course)
    lesson = LessonPage.objects.descendant_of(course).get()

    context = signed_in(browser, live_server, trainer)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()
    assert page.locator("#id_title").input_value() == lesson.title

    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads the preview in a second iframe, then swaps it in for the first.
    preview = page.frame_locator("iframe[title='Preview']").last
    preview.get_by_role("heading", name=lesson.title).wait_for()

    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert problems == []
