"""What a course contains is read once per published state and language, then kept.

Every learner's outline is the same until someone publishes, so ``courses.selectors`` keeps
the course's modules, lessons, quizzes and discussion cases in the default cache under the
page cache's generation (``lms.page_cache``), and only the learner's enrolment and progress
are read on each request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import selectors, services
from courses.models import LessonPage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


def _outline_queries(course, learner) -> int:
    with CaptureQueriesContext(connection) as queries:
        outline = selectors.course_outline_for(course=course, user=learner)
    assert outline.is_enrolled
    return len(queries)


def test_a_published_change_shows_at_once(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=2, lessons=2)
    services.enrolment_create(learner=learner, course=course)
    first, second, *_rest = LessonPage.objects.descendant_of(course).order_by("path")
    assert "Lesson 1.2" in learner_client.get(first.url).content.decode()

    second.title = title = "Seizing a phone without losing its data"
    second.save_revision().publish()
    assert title in learner_client.get(first.url).content.decode()

    second.unpublish()
    page = learner_client.get(first.url).content.decode()
    assert title not in page
    assert "Lesson 2.1" in page


def test_the_outline_is_read_from_the_cache_until_a_publish(learner, catalog):
    course = factories.make_course(index=catalog, modules=2, lessons=2)
    services.enrolment_create(learner=learner, course=course)
    cold = _outline_queries(course, learner)
    warm = _outline_queries(course, learner)
    # Modules, lessons and quizzes come from the cache; the enrolment and the learner's
    # lesson completions are read every time.
    assert warm == 2
    assert cold > warm

    course.save_revision().publish()
    assert _outline_queries(course, learner) == cold


def test_a_large_course_costs_the_same_queries_as_a_small_one(learner, catalog):
    small = factories.make_course(index=catalog, modules=2, lessons=2)
    large = factories.make_course(index=catalog, modules=10, lessons=10)
    for course in (small, large):
        services.enrolment_create(learner=learner, course=course)
        first = LessonPage.objects.descendant_of(course).order_by("path").first()
        services.lesson_complete(learner=learner, lesson=first)
    small_cold, large_cold = _outline_queries(small, learner), _outline_queries(large, learner)
    small_warm, large_warm = _outline_queries(small, learner), _outline_queries(large, learner)
    assert small_cold == large_cold
    assert small_warm == large_warm == 2
    outline = selectors.course_outline_for(course=large, user=learner)
    assert len(outline.lessons) == 100
    assert [item.done for item in outline.lessons].count(True) == 1


def test_each_language_keeps_its_own_outline(
    learner_client, learner, catalog, django_capture_on_commit_callbacks
):
    course = factories.make_course(index=catalog, modules=1, lessons=2)
    with django_capture_on_commit_callbacks(execute=True):
        french = factories.translate_tree(course, "fr")
    services.enrolment_create(learner=learner, course=course)
    english_lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    french_lesson = LessonPage.objects.descendant_of(french).order_by("path").last()
    french_lesson.title = "Saisir un téléphone"
    french_lesson.save_revision().publish()

    assert "Saisir un téléphone" not in learner_client.get(english_lesson.url).content.decode()
    french_first = LessonPage.objects.descendant_of(french).order_by("path").first()
    assert "Saisir un téléphone" in learner_client.get(french_first.url).content.decode()
