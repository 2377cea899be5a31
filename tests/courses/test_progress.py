"""Marking lessons complete, progress percentages, course completion, resume."""

import pytest
from django.core.exceptions import PermissionDenied

from courses import services
from courses.models import Enrolment, LessonCompletion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.engine_sensitive
def test_marking_a_lesson_complete_updates_progress(learner, enrolled, lessons):
    enrolment = services.lesson_complete(learner=learner, lesson=lessons[0])
    assert enrolment.progress_percent == 25
    assert Enrolment.objects.get(pk=enrolled.pk).progress_percent == 25


@pytest.mark.engine_sensitive
def test_completing_twice_records_once(learner, enrolled, lessons):
    services.lesson_complete(learner=learner, lesson=lessons[0])
    services.lesson_complete(learner=learner, lesson=lessons[0])
    assert LessonCompletion.objects.filter(learner=learner).count() == 1
    assert Enrolment.objects.get(pk=enrolled.pk).progress_percent == 25


@pytest.mark.engine_sensitive
def test_completing_every_required_lesson_completes_the_course(learner, enrolled, lessons):
    for lesson in lessons:
        services.lesson_complete(learner=learner, lesson=lesson)
    enrolment = Enrolment.objects.get(pk=enrolled.pk)
    assert (enrolment.status, enrolment.progress_percent) == ("completed", 100)
    assert enrolment.completed_at is not None


@pytest.mark.engine_sensitive
def test_optional_lessons_do_not_count(learner, enrolled, lessons):
    lessons[3].required = False
    lessons[3].save_revision().publish()
    for lesson in lessons[:3]:
        services.lesson_complete(learner=learner, lesson=lesson)
    assert Enrolment.objects.get(pk=enrolled.pk).status == "completed"


def test_a_learner_who_is_not_enrolled_cannot_record_progress(learner, lessons):
    with pytest.raises(PermissionDenied):
        services.lesson_complete(learner=learner, lesson=lessons[0])
    assert not LessonCompletion.objects.exists()


def test_mark_complete_by_post_moves_to_the_next_lesson(learner_client, enrolled, lessons):
    response = learner_client.post(f"/en/learn/complete/{lessons[0].pk}/")
    assert response["Location"] == lessons[1].url


def test_last_lesson_visited_is_the_resume_point(learner_client, enrolled, lessons, course):
    learner_client.get(lessons[2].url)
    enrolled.refresh_from_db()
    assert enrolled.last_lesson_id == lessons[2].pk
    page = learner_client.get(course.url).content.decode()
    assert f'href="{lessons[2].url}">Resume' in page


def test_lesson_page_shows_progress_and_navigation(learner_client, learner, enrolled, lessons):
    services.lesson_complete(learner=learner, lesson=lessons[0])
    html = learner_client.get(lessons[1].url).content.decode()
    assert "25% complete" in html
    assert f'rel="prev" href="{lessons[0].url}"' in html
    assert f'rel="next" href="{lessons[2].url}"' in html
    assert "Mark as complete" in html


@pytest.mark.engine_sensitive
def test_progress_is_shared_by_every_language(
    home_pages, catalog, learner, django_capture_on_commit_callbacks
):
    course = factories.make_course(index=catalog, modules=1, lessons=2)
    from courses.models import LessonPage

    with django_capture_on_commit_callbacks(execute=True):
        french_course = factories.translate_tree(course, "fr")

    french_lesson = LessonPage.objects.descendant_of(french_course).order_by("path").first()
    services.enrolment_create(learner=learner, course=french_course)
    enrolment = services.lesson_complete(learner=learner, lesson=french_lesson)
    assert enrolment.course_id == course.pk
    assert enrolment.progress_percent == 50
