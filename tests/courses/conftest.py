import pytest

from tests import factories


@pytest.fixture
def course(catalog):
    return factories.make_course(modules=2, lessons=2, index=catalog)


@pytest.fixture
def lessons(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def enrolled(learner, course):
    return factories.make_enrolment(learner=learner, course=course)
