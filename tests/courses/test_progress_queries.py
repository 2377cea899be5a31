"""What a learner has done is read in one query, whatever the course (issue 16).

Every completion provider hands ``courses.completion.progress_for`` a query of its "done"
rows; the rule reads them all in one ``UNION ALL`` and each provider judges its own rows.
So a course of lessons, quizzes, discussion cases and live sessions costs one query of
progress, and an outline with the learner's enrolment two, at any size.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Attempt
from assessments.selectors import quiz_grades_for
from courses import completion, selectors, services
from courses.models import Cohort, LessonPage
from discussions.models import Reply
from live.models import Registration
from tests import factories
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db


def _attempt(quiz, learner, score, *, number=1, state="submitted"):
    return Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=number,
        state=state,
        seed="progress-test",
        score=None if score is None else Decimal(score),
    )


def _course_with_every_kind_of_step(catalog, learner, *, modules, lessons):
    """A course whose every module has lessons, a quiz, a discussion case and a live
    session, with the learner having done one of each in the first module."""
    course = factories.make_course(index=catalog, modules=modules, lessons=lessons)
    cohort = Cohort.objects.create(course=course, name="Spring", start_date=datetime.date.today())
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    for index, module in enumerate(course.get_children().specific()):
        quiz = factories.make_quiz(module=module, questions=[factories.make_question()])
        case = factories.make_discussion(module=module)
        session = make_live_session(parent=module, required=True)
        if index == 0:
            _attempt(quiz, learner, "0.9000")
            Reply.objects.create(discussion=case, cohort=cohort, author=learner, text="First.")
            Registration.objects.create(
                session=session, user=learner, email=learner.email, status="registered",
                attended=True,
            )  # fmt: skip
            first_lesson = LessonPage.objects.child_of(module).first()
            services.lesson_complete(learner=learner, lesson=first_lesson)
    return course


def _progress_queries(course, learner):
    steps = completion.course_steps_for(course)
    with CaptureQueriesContext(connection) as queries:
        progress = completion.progress_for(steps=steps, learner_ids=[learner.pk])[learner.pk]
    return len(queries), progress


def test_progress_is_one_query_whatever_the_course_and_its_kinds_of_step(catalog):
    learner = factories.make_learner()
    small = _course_with_every_kind_of_step(catalog, learner, modules=1, lessons=1)
    large = _course_with_every_kind_of_step(catalog, learner, modules=6, lessons=5)

    small_queries, small_progress = _progress_queries(small, learner)
    large_queries, large_progress = _progress_queries(large, learner)

    assert small_queries == large_queries == 1
    # A lesson, a quiz passed, a case replied to and a session attended: four of each.
    assert small_progress.done_count == large_progress.done_count == 4
    assert {step.kind for step in large_progress.steps.steps} == {
        "lessons", "quizzes", "discussions", "live_sessions",
    }  # fmt: skip
    assert small_progress.is_complete and not large_progress.is_complete


def test_an_enrolled_learners_outline_costs_two_queries_at_any_size(settings, catalog):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    learner = factories.make_learner()
    small = _course_with_every_kind_of_step(catalog, learner, modules=1, lessons=1)
    large = _course_with_every_kind_of_step(catalog, learner, modules=6, lessons=5)
    counts = []
    for course in (small, large):
        selectors.course_outline_for(course=course, user=learner)  # what it contains is kept
        with CaptureQueriesContext(connection) as queries:
            outline = selectors.course_outline_for(course=course, user=learner)
        counts.append(len(queries))
        assert outline.is_enrolled
        # Lessons, quizzes, cases and live sessions are listed; one of each is done.
        assert [item.done for item in outline.lessons].count(True) == 4
        assert any(item.is_live_session and item.done for item in outline.lessons)
    cache.clear()
    # The enrolment, then everything the learner has done.
    assert counts == [2, 2]


@pytest.mark.parametrize(
    ("method", "scores", "passed"),
    [
        ("highest", ["0.5000", "0.8000", "0.6000"], True),
        ("last", ["0.9000", "0.5000"], False),
        ("last", ["0.5000", "0.7500"], True),
        ("average", ["0.9000", "0.4000"], False),
        ("average", ["0.9000", "0.6000"], True),
    ],
)
def test_a_quiz_is_done_by_its_grading_method_as_its_grade_says(catalog, method, scores, passed):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().first().specific
    quiz = factories.make_quiz(
        module=module, questions=[factories.make_question()], grading_method=method, pass_mark=70
    )
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    for number, score in enumerate(scores, start=1):
        _attempt(quiz, learner, score, number=number)
    # Neither an attempt in progress nor one awaiting marking counts until it has a score.
    _attempt(quiz, learner, None, number=len(scores) + 1, state="in_progress")

    _count, progress = _progress_queries(course, learner)

    grade = quiz_grades_for(learner_ids=[learner.pk], quiz_ids=[quiz.pk])[(learner.pk, quiz.pk)]
    assert grade.passed is passed
    assert progress.is_done(quiz.translation_key) is passed


def test_a_hidden_reply_does_not_count_and_progress_is_kept_apart_per_learner(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().first().specific
    case = factories.make_discussion(module=module)
    cohort = Cohort.objects.create(course=course, name="Autumn", start_date=datetime.date.today())
    shown, hidden, idle = (factories.make_learner() for _ in range(3))
    from django.utils import timezone

    Reply.objects.create(discussion=case, cohort=cohort, author=shown, text="Seen.")
    Reply.objects.create(
        discussion=case, cohort=cohort, author=hidden, text="Hidden.", hidden_at=timezone.now()
    )
    steps = completion.course_steps_for(course)
    progress = completion.progress_for(steps=steps, learner_ids=[shown.pk, hidden.pk, idle.pk])
    assert progress[shown.pk].is_done(case.translation_key)
    assert not progress[hidden.pk].is_done(case.translation_key)
    assert not progress[idle.pk].done
