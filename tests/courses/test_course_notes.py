"""A course on a distressing subject: its content note and the wellbeing reminder."""

import pytest

from courses.models import LessonPage
from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "<p>This course shows <strong>real case material</strong> about child abuse.</p>"
REMINDER = "Take breaks and talk to your welfare contact if something stays with you."


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, content_note=NOTE, wellbeing_reminder=REMINDER
    )


def test_the_content_note_is_at_the_top_of_the_course_page(client, course):
    html = client.get(course.url).content.decode()
    assert '<section class="content-note" aria-labelledby="content-note-heading">' in html
    assert "<strong>real case material</strong>" in html
    assert html.index("content-note") < html.index('class="lead"')


def test_a_course_without_a_note_shows_none(client, catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    html = client.get(course.url).content.decode()
    assert "content-note" not in html


def test_every_lesson_of_the_course_shows_the_wellbeing_reminder(learner_client, learner, course):
    factories.make_enrolment(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    html = learner_client.get(lesson.url).content.decode()
    assert 'class="wellbeing-note"' in html and REMINDER in html


def test_lessons_of_a_course_without_a_reminder_show_none(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    factories.make_enrolment(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    assert "wellbeing-note" not in learner_client.get(lesson.url).content.decode()
