import pytest

from tests import factories


@pytest.fixture
def module(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    return course.get_children().first().specific


@pytest.fixture
def course(module):
    return module.get_parent().specific


@pytest.fixture
def questions(db):
    category = factories.make_category()
    return [factories.make_question(category=category) for _ in range(4)]


@pytest.fixture
def quiz(module, questions):
    return factories.make_quiz(module=module, questions=questions, pass_mark=75)


@pytest.fixture
def enrolled(learner, course):
    return factories.make_enrolment(learner=learner, course=course)
