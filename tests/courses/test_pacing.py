"""Cohort pacing and prerequisites: what opens when."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from courses import rules, services
from courses.models import Cohort, CoursePage, LessonPage, ModulePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def paced_course(catalog):
    course = factories.make_course(index=catalog, modules=0, pacing=CoursePage.Pacing.COHORT_PACED)
    first = factories.make_module(course=course, title="Week 1", release_offset_days=0)
    second = factories.make_module(course=course, title="Week 2", release_offset_days=7)
    factories.make_lesson(module=first, title="Opening lesson")
    factories.make_lesson(module=second, title="Second-week lesson")
    return course


def _cohort(course, started_days_ago):
    start = timezone.localdate() - datetime.timedelta(days=started_days_ago)
    return Cohort.objects.create(course=course, name="Maputo intake", start_date=start)


def _lesson(course, title):
    return LessonPage.objects.descendant_of(course).get(title=title)


def test_module_opens_at_cohort_start_plus_offset():
    start = datetime.date(2026, 3, 2)
    assert rules.module_lock(
        release_offset_days=7,
        cohort_start=start,
        cohort_paced=True,
        prerequisite_title=None,
        prerequisite_done=True,
        today=datetime.date(2026, 3, 8),
    ) == rules.Lock(reason="schedule", opens_on=datetime.date(2026, 3, 9))
    assert rules.module_lock(
        release_offset_days=7, cohort_start=start, cohort_paced=True,
        prerequisite_title=None, prerequisite_done=True, today=datetime.date(2026, 3, 9),
    ) is None  # fmt: skip


def test_self_paced_courses_ignore_offsets():
    assert rules.module_lock(
        release_offset_days=30, cohort_start=datetime.date(2026, 1, 1), cohort_paced=False,
        prerequisite_title=None, prerequisite_done=True, today=datetime.date(2026, 1, 2),
    ) is None  # fmt: skip


def test_locked_module_shows_its_opening_date_in_the_learners_language(
    client, learner, paced_course, django_capture_on_commit_callbacks
):
    cohort = _cohort(paced_course, started_days_ago=2)
    services.enrolment_create(learner=learner, course=paced_course, cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        french_course = factories.translate_tree(paced_course, "fr")
    client.force_login(learner)
    opens = cohort.start_date + datetime.timedelta(days=7)
    response = client.get(_lesson(french_course, "Second-week lesson").url)
    html = response.content.decode()
    assert response.status_code == 200
    from django.utils import formats, translation

    with translation.override("fr"):
        expected = formats.date_format(opens, "DATE_FORMAT")
    assert expected in html
    assert "Mark as complete" not in html


def test_completing_a_lesson_of_a_locked_module_is_refused(learner, paced_course):
    cohort = _cohort(paced_course, started_days_ago=2)
    services.enrolment_create(learner=learner, course=paced_course, cohort=cohort)
    with pytest.raises(PermissionDenied):
        services.lesson_complete(
            learner=learner, lesson=_lesson(paced_course, "Second-week lesson")
        )


@pytest.mark.engine_sensitive
def test_module_is_open_once_its_day_has_come(learner_client, learner, paced_course):
    cohort = _cohort(paced_course, started_days_ago=7)
    services.enrolment_create(learner=learner, course=paced_course, cohort=cohort)
    html = learner_client.get(_lesson(paced_course, "Second-week lesson").url).content.decode()
    assert "Mark as complete" in html


@pytest.mark.engine_sensitive
def test_prerequisite_keeps_a_module_locked_until_it_is_complete(learner, catalog):
    course = factories.make_course(index=catalog, modules=0)
    first = factories.make_module(course=course, title="Basics")
    factories.make_lesson(module=first, title="Basics lesson")
    second = factories.make_module(course=course, title="Advanced")
    second_page = ModulePage.objects.get(pk=second.pk)
    second_page.prerequisite = first
    second_page.save_revision().publish()
    factories.make_lesson(module=second, title="Advanced lesson")
    services.enrolment_create(learner=learner, course=course)
    advanced = _lesson(course, "Advanced lesson")
    with pytest.raises(PermissionDenied, match="Basics"):
        services.lesson_complete(learner=learner, lesson=advanced)
    services.lesson_complete(learner=learner, lesson=_lesson(course, "Basics lesson"))
    services.lesson_complete(learner=learner, lesson=advanced)
    assert course.enrolments.get().status == "completed"


@pytest.mark.engine_sensitive
def test_cohort_members_and_release_dates(learner, paced_course):
    cohort = _cohort(paced_course, started_days_ago=0)
    services.enrolment_create(learner=learner, course=paced_course, cohort=cohort)
    week_two = ModulePage.objects.get(title="Week 2")
    assert list(cohort.members) == [learner]
    assert cohort.release_date_for(week_two) == cohort.start_date + datetime.timedelta(days=7)
