"""Query budgets: pages cost the same number of queries at any course or cohort size.

Each test measures a small and a large case and asserts both that the counts are equal and
that they stay within the budget recorded in docs/performance.md.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import LessonPage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]

# Each signed-in page includes one query for the unread notifications in the site header.
# What the course contains (the course, its modules, lessons and quizzes) comes from the cache
# (courses.selectors._contents_read): 20 queries before, 16 then; the mentoring form at the
# foot of the lesson (whether the course takes questions) adds one.
LESSON_PAGE_BUDGET = 17
# A translated lesson: one more to route below the translated catalog, and one for the note
# shown when the English original changed since (courses.translation).
TRANSLATED_LESSON_PAGE_BUDGET = 19
# The dashboard: 16 before its courses came from the kept outlines and the learner's
# progress in one query (issue 16).
DASHBOARD_BUDGET = 12
CATALOG_BUDGET = 17


def count_queries(client, url) -> int:
    """Queries of a request once the process is warm: a first request fills Wagtail's site
    and locale caches, which every later request, whatever the course size, finds full."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _lesson_page_queries(client, learner, catalog, modules, lessons):
    course = factories.make_course(index=catalog, modules=modules, lessons=lessons)
    services.enrolment_create(learner=learner, course=course)
    pages = list(LessonPage.objects.descendant_of(course).order_by("path"))
    services.lesson_complete(learner=learner, lesson=pages[0])
    client.get(pages[1].url)  # the first visit records the resume point
    return count_queries(client, pages[1].url)


def test_lesson_page_queries_do_not_grow_with_the_course(learner_client, learner, catalog):
    # Three times the modules and nearly twice the lessons per module: a query per module or
    # per lesson would show. (It was 40 x 10, a quarter of the PostgreSQL stage's time.)
    small = _lesson_page_queries(learner_client, learner, catalog, modules=4, lessons=3)
    large = _lesson_page_queries(learner_client, learner, catalog, modules=12, lessons=5)
    assert small == large
    assert large <= LESSON_PAGE_BUDGET


def _translated_lesson_page_queries(client, learner, catalog, capture, modules, lessons):
    course = factories.make_course(index=catalog, modules=modules, lessons=lessons)
    with capture(execute=True):
        french = factories.translate_tree(course, "fr")
    services.enrolment_create(learner=learner, course=course)
    english_lesson, *_others = LessonPage.objects.descendant_of(course).order_by("path")
    english_lesson.save_revision().publish()  # the English original changed: the note shows
    lesson = LessonPage.objects.get(
        translation_key=english_lesson.translation_key, locale=french.locale
    )
    client.get(lesson.url)
    return count_queries(client, lesson.url)


def test_translated_lesson_page_queries_do_not_grow_with_the_course(
    learner_client, learner, catalog, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    small = _translated_lesson_page_queries(learner_client, learner, catalog, capture, 1, 2)
    large = _translated_lesson_page_queries(learner_client, learner, catalog, capture, 3, 3)
    assert small == large
    assert large <= TRANSLATED_LESSON_PAGE_BUDGET


def test_dashboard_queries_do_not_grow_with_enrolments(learner_client, learner, catalog):
    def add_enrolments(count):
        for _ in range(count):
            course = factories.make_course(index=catalog, modules=2, lessons=2)
            services.enrolment_create(learner=learner, course=course)

    add_enrolments(1)
    one = count_queries(learner_client, "/en/learn/")
    add_enrolments(5)
    six = count_queries(learner_client, "/en/learn/")
    assert one == six
    assert six <= DASHBOARD_BUDGET


def test_dashboard_queries_do_not_grow_with_applications(learner_client, learner, catalog):
    from coordination import services as coordination_services

    def add_applications(count):
        for _ in range(count):
            course = factories.make_course(
                index=catalog, modules=1, lessons=1, enrolment="approval"
            )
            coordination_services.application_submit(
                course=course, applicant=learner, agency_name="DGSN", agency_type="police",
                job_title="Officer", motivation="Cases.",
            )  # fmt: skip

    add_applications(1)
    one = count_queries(learner_client, "/en/learn/")
    add_applications(9)
    ten = count_queries(learner_client, "/en/learn/")
    assert one == ten
    assert ten <= DASHBOARD_BUDGET


def test_catalog_queries_do_not_grow_with_courses(learner_client, learner, catalog):
    factories.make_course(index=catalog, modules=1, lessons=1)
    one = count_queries(learner_client, catalog.url)
    home_one = count_queries(learner_client, "/en/")
    for _ in range(9):
        course = factories.make_course(index=catalog, modules=1, lessons=1)
        course.topics.add("mobile forensics")
        course.save_revision().publish()
        services.enrolment_create(learner=learner, course=course)
    assert count_queries(learner_client, catalog.url) == one
    assert count_queries(learner_client, "/en/") == home_one
    assert one <= CATALOG_BUDGET
