"""The load test's database check finds answers and submissions that are missing or wrong."""

import json

import pytest

from assessments import services
from assessments.selectors import answer_token
from tests import factories
from tests.load.check import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().first().specific
    questions = [factories.make_question() for _ in range(2)]
    quiz = factories.make_quiz(module=module, questions=questions)
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    return quiz, questions, learner, attempt


def _record(tmp_path, events):
    path = tmp_path / "record.jsonl"
    path.write_text("".join(json.dumps(event) + "\n" for event in events))
    return path


def _token(attempt, question):
    key = factories.right_answer(question)
    return answer_token(attempt=attempt, question_id=question.pk, side="a", key=key)


def test_what_was_saved_and_submitted_is_found(tmp_path, exam):
    quiz, questions, learner, attempt = exam
    services.attempt_save(
        attempt=attempt,
        learner=learner,
        answers={q.pk: factories.right_answer(q) for q in questions},
    )
    services.attempt_submit(attempt=attempt, learner=learner)
    events = [{"event": "start", "learner": learner.email, "attempt": attempt.pk}]
    events += [
        {"event": "save", "attempt": attempt.pk, "question": q.pk, "token": _token(attempt, q)}
        for q in questions
    ]
    events.append({"event": "submit", "learner": learner.email, "attempt": attempt.pk})

    result = check(_record(tmp_path, events), quiz.pk)

    assert result["problems"] == []
    assert result["answers_found_once_and_equal"] == 2
    assert result["submissions_closed_in_database"] == 1


def test_an_answer_lost_or_changed_and_a_submission_not_kept_are_reported(tmp_path, exam):
    quiz, questions, learner, attempt = exam
    first, second = questions
    services.attempt_save(
        attempt=attempt, learner=learner, answers={first.pk: factories.right_answer(first)}
    )
    events = [
        {"event": "start", "learner": learner.email, "attempt": attempt.pk},
        # Saved as sent, then the user changed their answer and the change was lost.
        {"event": "save", "attempt": attempt.pk, "question": first.pk, "token": "0" * 24},
        # Never saved at all.
        {"event": "save", "attempt": attempt.pk, "question": second.pk, "token": "1" * 24},
        # The user saw the submission accepted; the attempt is still open.
        {"event": "submit", "learner": learner.email, "attempt": attempt.pk},
    ]

    result = check(_record(tmp_path, events), quiz.pk)

    assert result["answers_found_once_and_equal"] == 0
    assert "2 stored answers differ from what was sent" in result["problems"]
    assert "1 submitted attempts are not closed in the database" in result["problems"]


def test_a_submission_on_its_way_when_the_load_stopped_is_not_a_problem(tmp_path, exam):
    quiz, _questions, learner, attempt = exam
    services.attempt_submit(attempt=attempt, learner=learner)
    start = {"event": "start", "learner": learner.email, "attempt": attempt.pk}
    sent = {"event": "submitting", "learner": learner.email, "attempt": attempt.pk}

    in_flight = check(_record(tmp_path, [start, sent]), quiz.pk)
    assert in_flight["problems"] == []
    assert in_flight["submissions_in_flight_found_closed"] == 1

    # Closed although nobody sent a submission: reported.
    unasked = check(_record(tmp_path, [start]), quiz.pk)
    assert unasked["problems"] == ["1 attempts were closed that nobody submitted"]
