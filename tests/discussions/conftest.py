import datetime

import pytest
from django.utils import timezone

from courses.models import Cohort, LessonPage, ModulePage
from lms import roles
from tests import factories


@pytest.fixture
def course(catalog):
    """A cohort-paced course: one module with one lesson and a discussion case."""
    course = factories.make_course(index=catalog, modules=1, lessons=1, pacing="cohort")
    return course


@pytest.fixture
def module(course):
    return ModulePage.objects.child_of(course).get()


@pytest.fixture
def lesson(module):
    return LessonPage.objects.child_of(module).get()


@pytest.fixture
def discussion(module):
    return factories.make_discussion(module=module, title="The Friday referral")


def _cohort(course, name):
    return Cohort.objects.create(
        course=course, name=name, start_date=timezone.localdate() - datetime.timedelta(days=3)
    )


@pytest.fixture
def cohort(course):
    return _cohort(course, "Lisbon 2026")


@pytest.fixture
def other_cohort(course):
    return _cohort(course, "Maputo 2026")


@pytest.fixture
def member(learner, course, cohort):
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    return learner


@pytest.fixture
def classmate(course, cohort):
    person = factories.make_learner(given_name="Beatriz")
    factories.make_enrolment(learner=person, course=course, cohort=cohort)
    return person


@pytest.fixture
def outsider(course, other_cohort):
    """A learner of the same course in another cohort."""
    person = factories.make_learner(given_name="Outsider")
    factories.make_enrolment(learner=person, course=course, cohort=other_cohort)
    return person


@pytest.fixture
def trainer(course):
    return factories.make_course_trainer(course=course)


@pytest.fixture
def other_trainer(catalog):
    other = factories.make_course(index=catalog, modules=1, lessons=1)
    return factories.make_course_trainer(course=other)


@pytest.fixture
def cohort_coordinator(course, cohort):
    person = factories.make_staff(roles.COORDINATOR, with_totp=True)
    factories.make_course_assignment(coordinator=person, course=course)
    cohort.coordinators.add(person)
    return person


@pytest.fixture
def other_coordinator(course, other_cohort):
    person = factories.make_staff(roles.COORDINATOR, with_totp=True)
    factories.make_course_assignment(coordinator=person, course=course)
    other_cohort.coordinators.add(person)
    return person
