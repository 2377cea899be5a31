"""A small course with a quiz, a cohort of two learners, translated into French."""

import datetime

import pytest

from tests import factories


@pytest.fixture
def classroom_world(db):
    from courses.models import Cohort

    course = factories.make_course(modules=1, lessons=1, title="Field triage")
    module = course.get_children().first().specific
    category = factories.make_category(course=course)
    question = factories.make_question(category=category)
    quiz = factories.make_quiz(module=module, questions=[question], pass_mark=50)
    factories.translate_tree(course, "fr")
    cohort = Cohort.objects.create(
        course=course, name="Dakar, March", start_date=datetime.date(2026, 12, 1)
    )
    learners = [
        factories.make_learner(email="awa@example.org", given_name="Awa", family_name="Diop"),
        factories.make_learner(email="joao@example.org", given_name="João", family_name="Silva"),
    ]
    for learner in learners:
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    return {
        "course": course,
        "module": module,
        "quiz": quiz,
        "question": question,
        "cohort": cohort,
        "learners": learners,
    }
