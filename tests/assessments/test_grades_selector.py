"""One selector works out quiz grades for everyone who shows them (issue 15)."""

from decimal import Decimal

import pytest

from assessments import selectors, services
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


def _sit(learner, quiz, question, right: bool):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer = factories.right_answer(question) if right else None
    services.attempt_save(attempt=attempt, learner=learner, answers={question.pk: answer})
    return services.attempt_submit(attempt=attempt, learner=learner)


@pytest.mark.parametrize(
    ("method", "grade", "passed"),
    [
        ("highest", Decimal(1), True),
        ("last", Decimal(0), False),
        ("average", Decimal("0.5"), False),
    ],
)
def test_the_grade_follows_the_quizs_grading_method(
    learner, module, enrolled, method, grade, passed
):
    question = factories.make_question()
    quiz = factories.make_quiz(
        module=module, questions=[question], grading_method=method, pass_mark=60
    )
    _sit(learner, quiz, question, right=True)
    _sit(learner, quiz, question, right=False)
    found = selectors.quiz_grades_for(learner_ids=[learner.pk], quiz_ids=[quiz.pk])
    result = found[(learner.pk, quiz.pk)]
    assert (result.grade, result.passed) == (grade, passed)
    by_key = selectors.quiz_grades_for(learner_ids=[learner.pk], quiz_keys=[quiz.translation_key])
    assert by_key == found


def test_an_attempt_in_progress_is_activity_not_a_grade(
    learner, module, enrolled, django_assert_num_queries
):
    question = factories.make_question()
    quiz = factories.make_quiz(module=module, questions=[question])
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    other = factories.make_learner()
    with django_assert_num_queries(1):
        found = selectors.quiz_grades_for(learner_ids=[learner.pk, other.pk], quiz_ids=[quiz.pk])
    result = found[(learner.pk, quiz.pk)]
    assert result.grade is None
    assert not result.passed
    assert result.last_activity == attempt.started_at
    assert (other.pk, quiz.pk) not in found
