import datetime

import pytest
from django.utils import timezone

from courses.models import Cohort, LessonPage, ModulePage
from mentoring import services
from mentoring.models import CourseMentor, MentoringPolicy
from tests import factories


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=2, pacing="cohort")


@pytest.fixture
def other_course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1)


@pytest.fixture
def lesson(course):
    module = ModulePage.objects.child_of(course).get()
    return LessonPage.objects.child_of(module).order_by("path").first()


@pytest.fixture
def other_lesson(other_course):
    return LessonPage.objects.descendant_of(other_course).get()


@pytest.fixture
def cohort(course):
    return Cohort.objects.create(
        course=course, name="Lisbon 2026", start_date=timezone.localdate() - datetime.timedelta(3)
    )


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
def mentor(course):
    trainer = factories.make_course_trainer(course=course)
    CourseMentor.objects.create(course=course, mentor=trainer)
    return trainer


@pytest.fixture
def other_mentor(other_course):
    trainer = factories.make_course_trainer(course=other_course)
    CourseMentor.objects.create(course=other_course, mentor=trainer)
    return trainer


@pytest.fixture
def question(member, lesson):
    return services.question_ask(
        learner=member, page=lesson, text="Must I image the phone first?", source_path=lesson.url
    )


@pytest.fixture
def questions_off(course):
    return MentoringPolicy.objects.create(course=course, questions_enabled=False)
