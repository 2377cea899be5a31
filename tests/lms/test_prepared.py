"""Prepared queries (lms/prepared.py): compiled once, run again with another learner, the same
rows as the ORM gives, on both engines."""

import datetime

import pytest
from django.db.models import F

from courses import completion
from courses.models import Cohort, Enrolment, LessonCompletion, LessonPage
from courses.services import lesson_complete
from lms import prepared
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


@pytest.fixture(autouse=True)
def _nothing_kept():
    prepared.forget()
    yield
    prepared.forget()


@pytest.fixture
def two_learners(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=3)
    cohort = Cohort.objects.create(
        course=course, name="Intake", start_date=datetime.date(2026, 3, 2)
    )
    first, second = factories.make_learner(), factories.make_learner()
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    factories.make_enrolment(learner=first, course=course, cohort=cohort)
    factories.make_enrolment(learner=second, course=course)
    lesson_complete(learner=first, lesson=lessons[0])
    lesson_complete(learner=second, lesson=lessons[1])
    lesson_complete(learner=second, lesson=lessons[2])
    return course, first, second, lessons


def _enrolments(learner_id, course):
    return (
        Enrolment.objects.filter(
            learner_id=learner_id, course__translation_key=course.translation_key
        )
        .annotate(course_key=F("course__translation_key"))
        .select_related("cohort", "last_lesson")
    )


def test_model_rows_are_what_the_orm_gives_for_each_learner(two_learners):
    course, first, second, _lessons = two_learners
    query = prepared.prepared("enrolments", lambda: _enrolments(prepared.PLACEHOLDER, course))
    for learner in (first, second):
        (mine,) = query.run(learner.pk)
        (orms,) = _enrolments(learner.pk, course)
        assert mine.pk == orms.pk and mine.learner_id == learner.pk
        assert mine.course_key == orms.course_key == course.translation_key
        assert mine.status == orms.status and mine.enrolled_at == orms.enrolled_at
        assert mine.cohort_id == orms.cohort_id
        assert mine.last_lesson_id == orms.last_lesson_id
        # The related rows came with the row, as select_related loads them: no query.
        if mine.last_lesson_id:
            assert mine.last_lesson.translation_key == orms.last_lesson.translation_key
        assert not mine._state.adding and mine._state.db == "default"


def test_related_objects_are_loaded_with_the_row(two_learners, django_assert_num_queries):
    course, first, _second, lessons = two_learners
    query = prepared.prepared("enrolments", lambda: _enrolments(prepared.PLACEHOLDER, course))
    with django_assert_num_queries(1):
        (enrolment,) = query.run(first.pk)
        assert enrolment.last_lesson.pk == lessons[0].pk
        assert enrolment.cohort.name == "Intake"


def test_tuples_of_a_union_are_what_the_orm_gives(two_learners):
    course, first, second, lessons = two_learners
    keys = [lesson.translation_key for lesson in lessons]

    def union(learner_id):
        done = completion.RequiredLessons().done_rows(learner_ids=[learner_id], keys=keys)
        return done.union(done, all=True)

    query = prepared.prepared("union", lambda: union(prepared.PLACEHOLDER))
    for learner in (first, second):
        assert sorted(query.run(learner.pk)) == sorted(union(learner.pk))
        assert all(row[1] == learner.pk for row in query.run(learner.pk))
    assert query.run(0) == []


def test_a_query_is_compiled_once_per_key(two_learners, monkeypatch):
    course, first, _second, _lessons = two_learners
    built = []

    def build():
        built.append(1)
        return _enrolments(prepared.PLACEHOLDER, course)

    for _ in range(3):
        prepared.prepared(("enrolments", course.pk), build).run(first.pk)
    assert built == [1]
    monkeypatch.setattr(prepared, "KEPT", 1)
    prepared.prepared("another", lambda: _enrolments(prepared.PLACEHOLDER, course))
    prepared.prepared(("enrolments", course.pk), build)
    assert built == [1, 1]


def test_progress_for_one_learner_matches_the_rule_for_many(two_learners):
    """The prepared path (one learner) and the ORM path (several) agree."""
    course, first, second, _lessons = two_learners
    steps = completion.course_steps_for(course)
    together = completion.progress_for(steps=steps, learner_ids=[first.pk, second.pk])
    for learner in (first, second):
        alone = completion.progress_for(steps=steps, learner_ids=[learner.pk])[learner.pk]
        assert alone.done == together[learner.pk].done
    assert together[second.pk].done_count == 2


def test_a_completion_shows_on_the_next_run(two_learners):
    course, first, _second, lessons = two_learners
    steps = completion.course_steps_for(course)
    before = completion.progress_for(steps=steps, learner_ids=[first.pk])[first.pk]
    lesson_complete(learner=first, lesson=lessons[1])
    after = completion.progress_for(steps=steps, learner_ids=[first.pk])[first.pk]
    assert after.done_count == before.done_count + 1


@pytest.mark.parametrize(
    "build",
    [
        lambda: LessonCompletion.objects.all(),  # no placeholder
        lambda: LessonCompletion.objects.filter(learner_id=prepared.PLACEHOLDER).values("pk"),
        lambda: LessonCompletion.objects.filter(learner_id=prepared.PLACEHOLDER).prefetch_related(
            "lesson"
        ),
    ],
    ids=["no placeholder", "dictionaries", "prefetch"],
)
def test_a_shape_it_cannot_reproduce_is_refused(build):
    with pytest.raises(prepared.Unpreparable):
        prepared.prepared("refused", build)


def test_a_query_run_as_it_is_needs_no_placeholder_and_refuses_one(two_learners):
    course, _first, _second, _lessons = two_learners
    from courses.models import CoursePage

    def build():
        return CoursePage.objects.live().filter(translation_key__in=[course.translation_key])

    query = prepared.prepared(("as it is", course.pk), build, rebinds=False)
    assert [page.pk for page in query.run()] == [course.pk]
    with pytest.raises(prepared.Unpreparable):
        prepared.prepared(
            "placeholder in a fixed query",
            lambda: Enrolment.objects.filter(learner_id=prepared.PLACEHOLDER),
            rebinds=False,
        )


def test_a_query_that_can_match_nothing_gives_no_row():
    """``__in=[]`` cannot be compiled (Django answers empty without asking the database)."""
    query = prepared.prepared(
        "nothing",
        lambda: Enrolment.objects.filter(learner_id=prepared.PLACEHOLDER, course_id__in=[]),
    )
    assert query.run(1) == []
