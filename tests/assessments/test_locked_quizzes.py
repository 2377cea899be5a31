"""A quiz in a locked module (release date, prerequisite) cannot be started, saved, submitted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Attempt, Response
from courses.models import Cohort, CoursePage, ModulePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def paced_quiz(catalog, questions):
    """A week-two quiz in a cohort-paced course whose cohort started two days ago."""
    course = factories.make_course(index=catalog, modules=0, pacing=CoursePage.Pacing.COHORT_PACED)
    factories.make_module(course=course, title="Week 1", release_offset_days=0)
    week_two = factories.make_module(course=course, title="Week 2", release_offset_days=7)
    return factories.make_quiz(module=week_two, questions=questions)


@pytest.fixture
def paced_learner(learner, paced_quiz):
    course = paced_quiz.get_parent().get_parent().specific
    start = timezone.localdate() - datetime.timedelta(days=2)
    cohort = Cohort.objects.create(course=course, name="Maputo intake", start_date=start)
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    return learner


@pytest.fixture
def gated(catalog, questions):
    """A course whose "Advanced" module (with the quiz) has no prerequisite yet."""
    course = factories.make_course(index=catalog, modules=0)
    basics = factories.make_module(course=course, title="Basics")
    factories.make_lesson(module=basics, title="Basics lesson")
    advanced = factories.make_module(course=course, title="Advanced")
    quiz = factories.make_quiz(module=advanced, questions=questions)
    return course, basics, advanced, quiz


def _require_basics(advanced, basics):
    page = ModulePage.objects.get(pk=advanced.pk)
    page.prerequisite = basics
    page.save_revision().publish()


@pytest.mark.engine_sensitive
def test_a_quiz_in_a_module_not_yet_released_cannot_be_started(paced_learner, paced_quiz):
    with pytest.raises(services.AttemptRefused, match="This module opens on"):
        services.attempt_start(learner=paced_learner, quiz=paced_quiz)
    assert not Attempt.objects.exists()


def test_a_quiz_behind_an_unfinished_prerequisite_cannot_be_started(learner, gated):
    course, basics, advanced, quiz = gated
    _require_basics(advanced, basics)
    factories.make_enrolment(learner=learner, course=course)
    with pytest.raises(services.AttemptRefused, match="Basics"):
        services.attempt_start(learner=learner, quiz=quiz)
    assert not Attempt.objects.exists()


@pytest.mark.engine_sensitive
def test_a_quiz_opens_once_its_prerequisite_is_complete(learner, gated):
    from courses.services import lesson_complete

    course, basics, advanced, quiz = gated
    _require_basics(advanced, basics)
    factories.make_enrolment(learner=learner, course=course)
    lesson_complete(learner=learner, lesson=basics.get_children().get().specific)
    assert services.attempt_start(learner=learner, quiz=quiz).state == "in_progress"


@pytest.mark.engine_sensitive
def test_answers_in_a_locked_module_are_not_saved(learner, gated, questions):
    course, basics, advanced, quiz = gated
    factories.make_enrolment(learner=learner, course=course)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    _require_basics(advanced, basics)
    with pytest.raises(services.AttemptRefused, match="Basics"):
        services.attempt_save(
            attempt=attempt,
            learner=learner,
            answers={q.pk: factories.right_answer(q) for q in questions},
        )
    assert not Response.objects.filter(attempt=attempt, answer__isnull=False).exists()


def test_an_attempt_in_a_locked_module_cannot_be_submitted(learner, gated):
    course, basics, advanced, quiz = gated
    factories.make_enrolment(learner=learner, course=course)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    _require_basics(advanced, basics)
    with pytest.raises(services.AttemptRefused, match="Basics"):
        services.attempt_submit(attempt=attempt, learner=learner)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.submitted_at) == ("in_progress", None)


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_starting_a_locked_quiz_through_the_page_says_why_in_the_learners_language(
    client, paced_learner, paced_quiz, language
):
    from django.utils import translation

    client.force_login(paced_learner)
    with translation.override(language):
        url = reverse("assessments:start", args=[paced_quiz.pk])
        expected = translation.gettext("This module opens on %(date)s.").split("%")[0]
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert expected.strip() in response.content.decode()
    assert not Attempt.objects.exists()


def test_finishing_an_attempt_in_a_locked_module_through_the_page_changes_nothing(
    client, learner, gated, questions
):
    course, basics, advanced, quiz = gated
    factories.make_enrolment(learner=learner, course=course)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    _require_basics(advanced, basics)
    client.force_login(learner)
    post = {"page": "1", "go": "finish"}
    post.update({f"q{q.pk}": factories.right_answer(q) for q in questions})
    response = client.post(reverse("assessments:attempt", args=[attempt.pk]), post, follow=True)
    assert response.status_code == 200
    assert "Complete the module" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"
    assert not Response.objects.filter(attempt=attempt, answer__isnull=False).exists()
