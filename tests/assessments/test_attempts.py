"""Attempts: starting, saving, submitting, limits, deadlines, grading methods, regrading."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services
from assessments.models import Attempt
from courses.models import Enrolment, LessonPage
from lms import services as lms_services
from tests import factories

pytestmark = pytest.mark.django_db


def answer_all(attempt, learner, questions, right=True):
    answers = {
        q.pk: factories.right_answer(q)
        if right
        else next(b.id for b in q.answers if b.value["weight"] == 0)
        for q in questions
    }
    return services.attempt_save(attempt=attempt, learner=learner, answers=answers)


def test_a_learner_must_be_enrolled_to_start(learner, quiz):
    with pytest.raises(services.AttemptRefused, match="Enrol"):
        services.attempt_start(learner=learner, quiz=quiz)


@pytest.mark.engine_sensitive
def test_starting_twice_resumes_the_attempt_in_progress(learner, quiz, enrolled):
    first = services.attempt_start(learner=learner, quiz=quiz)
    again = services.attempt_start(learner=learner, quiz=quiz)
    assert first.pk == again.pk
    assert Attempt.objects.count() == 1


def test_layout_is_fixed_at_start(learner, quiz, enrolled, questions):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    assert attempt.layout["version"] == 1
    assert [entry["id"] for entry in attempt.layout["questions"]] == [q.pk for q in questions]
    assert all(len(entry["order"]) == 2 for entry in attempt.layout["questions"])


@pytest.mark.engine_sensitive
def test_submit_grades_and_passes(learner, quiz, enrolled, questions):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions)
    result = services.attempt_submit(attempt=attempt, learner=learner)
    assert (result.state, result.score, result.passed) == ("submitted", Decimal(1), True)


@pytest.mark.engine_sensitive
def test_submitting_twice_grades_once(learner, quiz, enrolled, questions):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions)
    first = services.attempt_submit(attempt=attempt, learner=learner)
    answer_score = first.score
    with CaptureQueriesContext(connection) as queries:
        second = services.attempt_submit(attempt=attempt, learner=learner)
    assert second.submitted_at == first.submitted_at
    assert second.score == answer_score
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)


def test_answers_to_a_closed_attempt_are_refused(learner, quiz, enrolled, questions):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    services.attempt_submit(attempt=attempt, learner=learner)
    with pytest.raises(services.AttemptRefused, match="closed"):
        answer_all(attempt, learner, questions)


def test_another_learner_cannot_touch_an_attempt(learner, quiz, enrolled, questions):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    intruder = factories.make_learner()
    with pytest.raises(PermissionDenied):
        answer_all(attempt, intruder, questions)
    with pytest.raises(PermissionDenied):
        services.attempt_submit(attempt=attempt, learner=intruder)


@pytest.mark.engine_sensitive
def test_attempt_limit(learner, module, questions, enrolled):
    quiz = factories.make_quiz(module=module, questions=questions, max_attempts=2)
    for _ in range(2):
        services.attempt_submit(attempt=services.attempt_start(learner=learner, quiz=quiz))
    with pytest.raises(services.AttemptRefused, match="all the attempts"):
        services.attempt_start(learner=learner, quiz=quiz)


@pytest.mark.engine_sensitive
def test_time_limit_closes_the_attempt_on_what_was_saved_in_time(
    learner, module, questions, enrolled
):
    quiz = factories.make_quiz(module=module, questions=questions, time_limit_minutes=10)
    start = timezone.now()
    attempt = services.attempt_start(learner=learner, quiz=quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    services.attempt_save(
        attempt=attempt,
        learner=learner,
        answers={questions[0].pk: factories.right_answer(questions[0])},
        now=start + timedelta(minutes=5),
    )
    late = {q.pk: factories.right_answer(q) for q in questions}
    with pytest.raises(services.AttemptRefused, match="Time is up"):
        services.attempt_save(
            attempt=attempt, learner=learner, answers=late, now=start + timedelta(minutes=11)
        )
    attempt.refresh_from_db()
    assert attempt.state == "expired"
    assert attempt.score == Decimal("0.25")


def test_closed_or_not_yet_open_quiz_refuses_to_start(learner, module, questions, enrolled):
    later = factories.make_quiz(
        module=module, questions=questions, opens_at=timezone.now() + timedelta(days=1)
    )
    with pytest.raises(services.AttemptRefused, match="not open"):
        services.attempt_start(learner=learner, quiz=later)


@pytest.mark.parametrize(
    ("method", "expected"), [("highest", "1.0000"), ("last", "0.0000"), ("average", "0.5000")]
)
@pytest.mark.engine_sensitive
def test_grading_methods(learner, module, questions, enrolled, method, expected):
    quiz = factories.make_quiz(module=module, questions=questions, grading_method=method)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions)
    services.attempt_submit(attempt=attempt, learner=learner)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions, right=False)
    services.attempt_submit(attempt=attempt, learner=learner)
    assert services.quiz_result_for(learner=learner, quiz=quiz) == Decimal(expected)


@pytest.mark.engine_sensitive
def test_passing_a_required_quiz_completes_the_course(learner, quiz, enrolled, questions, course):
    lesson = LessonPage.objects.descendant_of(course).get()
    from courses import services as course_services

    course_services.lesson_complete(learner=learner, lesson=lesson)
    assert Enrolment.objects.get(pk=enrolled.pk).progress_percent == 50
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions, right=False)
    services.attempt_submit(attempt=attempt, learner=learner)
    assert Enrolment.objects.get(pk=enrolled.pk).status == "active"
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    answer_all(attempt, learner, questions)
    services.attempt_submit(attempt=attempt, learner=learner)
    enrolment = Enrolment.objects.get(pk=enrolled.pk)
    assert (enrolment.status, enrolment.progress_percent) == ("completed", 100)


@pytest.mark.engine_sensitive
def test_regrading_after_a_fix_updates_scores_and_progress(
    learner, quiz, enrolled, questions, course
):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    wrong = {q.pk: next(b.id for b in q.answers if b.value["weight"] == 0) for q in questions}
    services.attempt_save(attempt=attempt, learner=learner, answers=wrong)
    services.attempt_submit(attempt=attempt, learner=learner)
    for question in questions:  # the trainer finds the key was the other way round
        question.answers = [
            (
                "choice",
                {"text": b.value["text"], "weight": 100 - b.value["weight"], "feedback": ""},
            )
            for b in question.answers
        ]
        question.save()
    # Block ids change when answers are replaced wholesale, so keep the learner's choices by
    # re-saving with the new ids of the choices they picked ("wrong", now worth 100%).
    from assessments.models import Response

    for response in Response.objects.filter(attempt=attempt).select_related("question"):
        response.answer = next(
            b.id for b in response.question.answers if b.value["text"] == "wrong"
        )
        response.save()
    assert services.question_regrade(question=questions[0]) == 1
    attempt.refresh_from_db()
    assert attempt.score == Decimal(1) and attempt.passed


@pytest.mark.engine_sensitive
def test_grading_a_50_question_attempt_takes_a_fixed_number_of_queries(learner, module, enrolled):
    category = factories.make_category()
    many = [factories.make_question(category=category) for _ in range(50)]
    quiz = factories.make_quiz(module=module, questions=many)
    few_quiz = factories.make_quiz(module=module, questions=many[:5])

    def submit_queries(a_quiz, its_questions):
        attempt = services.attempt_start(learner=learner, quiz=a_quiz)
        answer_all(attempt, learner, its_questions)
        with CaptureQueriesContext(connection) as queries:
            services.attempt_submit(attempt=attempt, learner=learner)
        return len(queries)

    five = submit_queries(few_quiz, many[:5])
    fifty = submit_queries(quiz, many)
    assert five == fifty
    assert fifty <= 25


@pytest.mark.engine_sensitive
def test_questions_drawn_at_random_come_from_the_category_and_stay_fixed(
    learner_client, learner, module, enrolled
):
    from assessments.models import QuizRandomDraw

    pool_category = factories.make_category()
    pool = [factories.make_question(category=pool_category) for _ in range(6)]
    quiz = factories.make_quiz(module=module, shuffle_questions=True)
    quiz.random_draws = [QuizRandomDraw(category=pool_category, count=3)]
    quiz.save_revision().publish()
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    drawn = [entry["id"] for entry in attempt.layout["questions"]]
    assert len(drawn) == 3 and set(drawn) <= {q.pk for q in pool}
    url = f"/en/learn/attempt/{attempt.pk}/"

    def shown_order():
        html = learner_client.get(url).content.decode()
        return re.findall(r'name="(q\d+)" value="([^"]+)"', html)

    assert shown_order() == shown_order()
    assert [name for name, _value in shown_order()][::2] == [f"q{pk}" for pk in drawn]


def test_review_policy_never_shows_no_answers(
    learner_client, learner, module, enrolled, questions
):
    quiz = factories.make_quiz(module=module, questions=questions, review_policy="never")
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    services.attempt_submit(attempt=attempt, learner=learner)
    html = learner_client.get(f"/en/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "Score: 0%" in html
    assert "Look again." not in html and "Your answers" not in html


def test_ordering_items_are_never_shown_in_the_right_order(learner, module, enrolled):
    question = factories.make_question(
        type="ordering", answers=[("ordering_item", {"text": t}) for t in ("a", "b")]
    )
    quiz = factories.make_quiz(module=module, questions=[question], max_attempts=0)
    right = [block.id for block in question.answers]
    for _ in range(12):  # a plain shuffle of two items keeps their order half the time
        attempt = services.attempt_start(learner=learner, quiz=quiz)
        assert attempt.layout["questions"][0]["order"] != right
        services.attempt_submit(attempt=attempt, learner=learner)


@pytest.mark.parametrize(
    ("language", "zone", "shown"),
    [
        ("en", "America/Sao_Paulo", ", 5:16 p.m. (America/Sao Paulo)"),
        ("fr", "America/Sao_Paulo", " à 17:16 (America/Sao Paulo)"),
        ("en", "UTC", ", 8:16 p.m. (UTC)"),
        ("fr", "UTC", " à 20:16 (UTC)"),
    ],
)
def test_a_timed_attempt_shows_its_deadline_in_the_learners_time_zone(
    learner_client, learner, module, questions, enrolled, language, zone, shown
):
    quiz = factories.make_quiz(module=module, questions=questions, time_limit_minutes=30)
    lms_services.profile_update(user=learner, time_zone=zone)
    # A session keeps the zone it had at sign-in (an allauth sign-in's sessions are updated).
    learner_client.force_login(learner)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    deadline = timezone.now().replace(hour=20, minute=16, second=0, microsecond=0)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline + timedelta(days=1))
    html = learner_client.get(f"/{language}/learn/attempt/{attempt.pk}/").content.decode()
    assert f"{shown}</time>" in html
