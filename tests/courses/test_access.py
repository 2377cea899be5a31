"""Who may read a lesson, and what the others see instead of an error."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_the_outline_and_a_way_in(client, lessons):
    response = client.get(lessons[1].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lesson 1 teaches" not in html and "teaches one thing well" not in html
    assert "Sign in or create an account to enrol" in html


def test_signed_in_learner_who_is_not_enrolled_gets_the_enrol_button(learner_client, lessons):
    html = learner_client.get(lessons[1].url).content.decode()
    assert "Enrol in this course" in html
    assert "teaches one thing well" not in html


def test_free_preview_lessons_are_open_to_everyone(client, lessons):
    lessons[0].free_preview = True
    lessons[0].save_revision().publish()
    html = client.get(lessons[0].url).content.decode()
    assert "teaches one thing well" in html
    assert "free preview" in html


def test_enrolled_learner_reads_the_lesson(learner_client, enrolled, lessons):
    assert "teaches one thing well" in learner_client.get(lessons[1].url).content.decode()


def test_course_page_shows_syllabus_hours_and_pacing(client, course):
    html = client.get(course.url).content.decode()
    for text in (
        "Syllabus",
        "Module 1",
        "Lesson 1.1",
        "Lesson 2.2",
        "Pacing: self-paced",
        "About 1 hour",
    ):
        assert text in html, text


def test_module_url_goes_to_its_first_lesson(client, course, lessons):
    from courses.models import ModulePage

    module = ModulePage.objects.child_of(course).first()
    assert client.get(module.url)["Location"] == lessons[0].url


def test_dashboard_needs_an_account(client, db):
    assert "/accounts/login/" in client.get("/en/learn/")["Location"]


@pytest.mark.engine_sensitive
def test_dashboard_lists_progress_next_lesson_and_completed_courses(
    learner_client, learner, catalog
):
    from courses import services

    current = factories.make_course(index=catalog, title="Evidence basics")
    done = factories.make_course(index=catalog, title="Finished course", modules=1, lessons=1)
    services.enrolment_create(learner=learner, course=current)
    services.enrolment_create(learner=learner, course=done)
    from courses.models import LessonPage

    services.lesson_complete(learner=learner, lesson=LessonPage.objects.descendant_of(done).get())
    html = learner_client.get("/en/learn/").content.decode()
    current_part, completed_part = html.split("Completed courses")
    assert "Evidence basics" in current_part and "0% complete" in current_part
    assert "Continue" in current_part and "Lesson 1.1" in current_part
    assert "Finished course" in completed_part
