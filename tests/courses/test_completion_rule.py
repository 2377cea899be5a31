"""One rule for "done": the outline and the lock on writes agree (issue 15, first point)."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses import selectors, services
from courses.models import LessonCompletion, ModulePage
from tests import factories

pytestmark = pytest.mark.django_db


def _require(module, prerequisite):
    page = ModulePage.objects.get(pk=module.pk)
    page.prerequisite = prerequisite
    page.save_revision().publish()


@pytest.fixture
def behind_a_quiz(catalog):
    """Module B requires module A, and A holds a lesson and a required quiz."""
    course = factories.make_course(index=catalog, modules=0)
    first = factories.make_module(course=course, title="Module A")
    factories.make_lesson(module=first, title="A lesson")
    question = factories.make_question()
    quiz = factories.make_quiz(module=first, questions=[question], title="A quiz")
    second = factories.make_module(course=course, title="Module B")
    later = factories.make_lesson(module=second, title="B lesson")
    _require(second, first)
    return course, first, quiz, question, later


def test_a_post_into_a_module_behind_an_unpassed_quiz_is_refused(client, learner, behind_a_quiz):
    course, first, quiz, _question, later = behind_a_quiz
    factories.make_enrolment(learner=learner, course=course)
    services.lesson_complete(learner=learner, lesson=first.get_children().first().specific)
    client.force_login(learner)
    outline = selectors.course_outline_for(course=course, user=learner)
    assert outline.modules[1].lock is not None
    with translation.override("fr"):
        url = reverse("courses:complete_lesson", args=[later.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert not LessonCompletion.objects.filter(lesson=later).exists()
    with translation.override("fr"):
        expected = translation.gettext("Complete the module “%(title)s” first.") % {
            "title": "Module A"
        }
    assert expected != "Complete the module “Module A” first."
    assert expected in [str(message) for message in response.context["messages"]]


@pytest.mark.engine_sensitive
def test_passing_the_quiz_opens_the_next_module_for_page_and_post(learner, behind_a_quiz):
    from assessments import services as assessment_services

    course, first, quiz, question, later = behind_a_quiz
    factories.make_enrolment(learner=learner, course=course)
    services.lesson_complete(learner=learner, lesson=first.get_children().first().specific)
    attempt = assessment_services.attempt_start(learner=learner, quiz=quiz)
    answers = {question.pk: factories.right_answer(question)}
    assessment_services.attempt_save(attempt=attempt, learner=learner, answers=answers)
    assessment_services.attempt_submit(attempt=attempt, learner=learner)
    outline = selectors.course_outline_for(course=course, user=learner)
    assert outline.modules[0].is_complete
    assert outline.modules[1].lock is None
    services.lesson_complete(learner=learner, lesson=later)
    assert LessonCompletion.objects.filter(lesson=later).exists()


@pytest.mark.parametrize("content", ["empty", "optional only"])
@pytest.mark.engine_sensitive
def test_a_prerequisite_with_nothing_required_unlocks_its_successor(
    client, learner, catalog, content
):
    course = factories.make_course(index=catalog, modules=0)
    first = factories.make_module(course=course, title="Welcome")
    if content == "optional only":
        factories.make_lesson(module=first, title="Optional reading", required=False)
    second = factories.make_module(course=course, title="Work")
    lesson = factories.make_lesson(module=second, title="Work lesson")
    _require(second, first)
    factories.make_enrolment(learner=learner, course=course)
    outline = selectors.course_outline_for(course=course, user=learner)
    assert outline.modules[0].is_complete
    assert outline.modules[1].lock is None
    client.force_login(learner)
    assert "Mark as complete" in client.get(lesson.url).content.decode()
    client.post(reverse("courses:complete_lesson", args=[lesson.pk]))
    assert LessonCompletion.objects.filter(lesson=lesson, learner=learner).exists()


@pytest.mark.engine_sensitive
def test_progress_costs_the_same_queries_for_any_cohort(catalog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses import completion

    course = factories.make_course(index=catalog, modules=2, lessons=2)
    module = course.get_children().first().specific
    factories.make_quiz(module=module, questions=[factories.make_question()])
    factories.make_discussion(module=module)
    learners = [factories.make_learner() for _ in range(6)]
    for learner in learners:
        factories.make_enrolment(learner=learner, course=course)
    for learner in learners[:3]:
        services.lesson_complete(learner=learner, lesson=module.get_children().first().specific)

    def count(who):
        with CaptureQueriesContext(connection) as queries:
            steps = completion.course_steps_for(course)
            progress = completion.progress_for(steps=steps, learner_ids=[p.pk for p in who])
        return len(queries), progress

    few, progress = count(learners[:1])
    many, _progress = count(learners)
    assert few == many == 2  # the steps, then every kind of step done in one query
    assert progress[learners[0].pk].done_count == 1
    assert len(progress[learners[0].pk].steps.required) == 6
