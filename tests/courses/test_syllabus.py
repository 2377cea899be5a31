"""The course page's syllabus: modules with their lessons and quizzes, progress, study time and,
for cohort-paced courses, the week each module opens and the dates that apply to the learner."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services
from courses.models import Cohort, LessonPage
from tests import factories

pytestmark = pytest.mark.django_db

COURSE_PAGE_BUDGET = 21  # 20, and the unread notifications in the header


@pytest.fixture
def timed_course(catalog):
    """Module 1: lessons of 20 and 25 minutes; module 2: one of 50 minutes and a quiz."""
    course = factories.make_course(index=catalog, modules=0, title="Timed course")
    first = factories.make_module(course=course, title="Acquisition", summary="Getting it.")
    factories.make_lesson(module=first, title="Seizure", estimated_minutes=20)
    factories.make_lesson(module=first, title="Isolation", estimated_minutes=25)
    second = factories.make_module(course=course, title="Analysis")
    factories.make_lesson(module=second, title="Parsing", estimated_minutes=50)
    factories.make_quiz(
        module=second,
        title="Analysis check",
        questions=[factories.make_question()],
        closes_at=timezone.make_aware(datetime.datetime(2031, 3, 14, 17, 0)),
    )
    return course


def test_the_syllabus_shows_each_modules_study_time_and_the_total(client, timed_course):
    html = client.get(timed_course.url).content.decode()
    assert "2 modules" in html
    assert "About 1 h 35 min of lessons" in html  # 20 + 25 + 50 minutes
    assert "About 45 min of lessons" in html
    assert "About 50 min of lessons" in html
    assert "Getting it." in html
    assert "· 20 min" in html


def test_the_syllabus_shows_a_quizs_closing_date_as_the_modules_due_date(client, timed_course):
    html = client.get(timed_course.url).content.decode()
    assert "Due by" in html and "March 14, 2031" in html
    assert "closes" in html


def test_the_syllabus_marks_what_is_done_and_what_is_left(learner_client, learner, timed_course):
    factories.make_enrolment(learner=learner, course=timed_course)
    seizure = LessonPage.objects.descendant_of(timed_course).get(title="Seizure")
    services.lesson_complete(learner=learner, lesson=seizure)
    html = learner_client.get(timed_course.url).content.decode()
    syllabus = html.split('id="syllabus-heading"')[1]
    seizure_item = syllabus.split("Seizure")[1].split("</li>")[0]
    isolation_item = syllabus.split("Isolation")[1].split("</li>")[0]
    assert 'class="badge badge-done">done' in seizure_item
    assert ">to do<" in isolation_item
    assert "1 of 2 lessons done" in syllabus
    assert "0 of 1 lesson done</span> · <span>0 of 1 quiz passed" in syllabus


def test_a_visitor_sees_no_progress_in_the_syllabus(client, timed_course):
    html = client.get(timed_course.url).content.decode()
    assert "lessons done" not in html and "to do" not in html


@pytest.fixture
def paced_course(catalog):
    """A cohort-paced course whose three modules open in weeks 1, 2 and 3."""
    course = factories.make_course(index=catalog, modules=0, pacing="cohort", title="Diploma")
    for week in range(3):
        module = factories.make_module(
            course=course, title=f"Week {week + 1} module", release_offset_days=7 * week
        )
        factories.make_lesson(module=module, title=f"Lesson of week {week + 1}")
    return course


def _cohort(course, started_days_ago=10, **kwargs):
    start = timezone.localdate() - datetime.timedelta(days=started_days_ago)
    return Cohort.objects.create(course=course, name="Lisbon intake", start_date=start, **kwargs)


def test_the_syllabus_shows_the_week_each_module_opens_in(client, paced_course):
    html = client.get(paced_course.url).content.decode()
    for week in (1, 2, 3):
        assert f"<span>Week {week}</span>" in html


def test_a_cohort_member_sees_when_modules_opened_and_when_the_next_one_opens(
    learner_client, learner, paced_course
):
    cohort = _cohort(paced_course, end_date=timezone.localdate() + datetime.timedelta(days=70))
    factories.make_enrolment(learner=learner, course=paced_course, cohort=cohort)
    html = learner_client.get(paced_course.url).content.decode()
    start = cohort.start_date
    second = start + datetime.timedelta(days=7)
    third = start + datetime.timedelta(days=14)
    assert f'Opened on <time datetime="{start:%Y-%m-%d}">' in html
    assert f'Opened on <time datetime="{second:%Y-%m-%d}">' in html
    assert "This module opens on" in html
    assert f'datetime="{third:%Y-%m-%d}"' not in html.split("This module opens on")[0]
    assert "Your cohort ends on" in html


def test_a_cohort_member_sees_when_each_module_is_due(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=0, pacing="cohort")
    module = factories.make_module(course=course, release_offset_days=0, due_offset_days=6)
    factories.make_lesson(module=module)
    cohort = _cohort(course)
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    html = learner_client.get(course.url).content.decode()
    due = cohort.start_date + datetime.timedelta(days=6)
    assert f'Due by <time datetime="{due:%Y-%m-%d}">' in html


def test_a_visitor_sees_the_week_a_module_is_due_in(client, catalog):
    course = factories.make_course(index=catalog, modules=0, pacing="cohort")
    module = factories.make_module(course=course, release_offset_days=7, due_offset_days=13)
    factories.make_lesson(module=module)
    html = client.get(course.url).content.decode()
    assert "<span>Week 2</span>" in html and "Due in week 2" in html


def test_a_module_cannot_be_due_before_it_opens(catalog):
    from django.core.exceptions import ValidationError

    course = factories.make_course(index=catalog, modules=1, pacing="cohort")
    module = course.get_children().get().specific
    module.release_offset_days, module.due_offset_days = 14, 6
    with pytest.raises(ValidationError, match="cannot be due before it opens"):
        module.full_clean()


def test_when_the_open_modules_are_done_the_course_page_says_when_the_next_opens(
    learner_client, learner, paced_course
):
    cohort = _cohort(paced_course)
    factories.make_enrolment(learner=learner, course=paced_course, cohort=cohort)
    for lesson in LessonPage.objects.descendant_of(paced_course).order_by("path")[:2]:
        services.lesson_complete(learner=learner, lesson=lesson)
    html = learner_client.get(paced_course.url).content.decode()
    assert "Next: “Week 3 module” opens on" in html


def _course_page_queries(client, learner, catalog, modules, lessons):
    course = factories.make_course(index=catalog, modules=modules, lessons=lessons)
    first_module = course.get_children().first().specific
    factories.make_quiz(
        module=first_module,
        questions=[factories.make_question()],
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )
    services.enrolment_create(learner=learner, course=course)
    pages = list(LessonPage.objects.descendant_of(course).order_by("path"))
    services.lesson_complete(learner=learner, lesson=pages[0])
    client.get(course.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(course.url).status_code == 200
    return len(queries)


def test_the_course_page_costs_the_same_queries_at_any_course_size(
    learner_client, learner, catalog, django_assert_max_num_queries
):
    small = _course_page_queries(learner_client, learner, catalog, modules=2, lessons=2)
    large = _course_page_queries(learner_client, learner, catalog, modules=6, lessons=4)
    assert small == large
    course = factories.make_course(index=catalog, modules=3, lessons=3)
    learner_client.get(course.url)
    with django_assert_max_num_queries(COURSE_PAGE_BUDGET):
        learner_client.get(course.url)
