"""Reads for mentoring. Each function costs a fixed number of queries.

Scope: a learner reads only their own questions; a mentor the questions of the courses they
mentor; a programme manager every course's; a coordinator only counts and response times,
for the learners of the cohorts they run.
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, QuerySet

from courses.models import CoursePage, Enrolment
from courses.scope import cohorts_for
from lms import roles
from lms.prepared import PLACEHOLDER, prepared
from mentoring.models import CourseMentor, FaqEntry, MentoringPolicy, MentorQuestion

MY_QUESTIONS_ON_DASHBOARD = 5


def questions_enabled(*, course_id: int) -> bool:
    """Whether the course (default-language page id) takes questions: one query, compiled
    once per process (``lms.prepared``), since every page of a course asks it."""
    query = prepared(
        ("mentoring.questions_switched_off",),
        lambda: MentoringPolicy.objects.filter(
            course_id=PLACEHOLDER, questions_enabled=False
        ).values_list("pk")[:1],
    )
    return not query.run(course_id)


def may_ask(*, user, course_id: int | None) -> bool:
    """Whether to show the question form: the user is enrolled and the course takes questions.

    ``course_id`` is the enrolment's course, or None when the user is not enrolled.
    """
    return bool(course_id) and user.is_authenticated and questions_enabled(course_id=course_id)


def own_questions_for(*, user, limit: int | None = None) -> list[MentorQuestion]:
    """The user's own questions, newest first, with their courses: one query."""
    if not user.is_authenticated:
        return []

    def build():
        questions = MentorQuestion.objects.filter(learner_id=PLACEHOLDER).select_related("course")
        return questions[:limit] if limit else questions

    return prepared(("mentoring.own_questions", limit), build).run(user.pk)


def mentored_questions_for(user) -> QuerySet[MentorQuestion]:
    """The questions ``user`` answers: their courses' as a mentor, every one for a manager."""
    if roles.is_programme_manager(user):
        return MentorQuestion.objects.all()
    return MentorQuestion.objects.filter(
        course__in=CourseMentor.objects.filter(mentor=user).values("course")
    )


def mentor_inbox_for(*, user, status: str = "") -> QuerySet[MentorQuestion]:
    """The listing of the mentors' screen, filtered by open or answered."""
    questions = mentored_questions_for(user).select_related("course", "learner__profile")
    if status == "open":
        questions = questions.filter(answered_at__isnull=True)
    elif status == "answered":
        questions = questions.filter(answered_at__isnull=False)
    return questions.order_by("-asked_at", "-pk")


def faq_for(*, course_id: int | None) -> list[FaqEntry]:
    """The FAQ of a course (its default-language page id): one query, none without a course.

    The course page asks only for an enrolled learner, with their enrolment's course.
    """
    if not course_id:
        return []
    return list(FaqEntry.objects.filter(course_id=course_id).only("question", "answer"))


def attempt_course_id(*, attempt) -> int | None:
    """The course of ``attempt``'s quiz, when its learner is still enrolled in it: one query."""
    return (
        Enrolment.objects.filter(
            learner_id=attempt.learner_id,
            course__in=CoursePage.objects.ancestor_of(attempt.quiz),
        )
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("course_id", flat=True)
        .first()
    )


@dataclass(frozen=True)
class CourseResponse:
    course_title: str
    asked: int
    open: int
    answered: int
    median: timedelta | None

    @property
    def median_hours(self) -> float | None:
        """The median in hours (the template rounds it the way the language writes numbers)."""
        return None if self.median is None else self.median.total_seconds() / 3600


def response_report_for(*, user) -> list[CourseResponse]:
    """Per course: questions asked by the learners of ``user``'s cohorts, how many are still
    open, and the median time to a first answer. One query."""
    cohorts = cohorts_for(user)
    in_cohort = Enrolment.objects.filter(
        cohort__in=cohorts, learner=OuterRef("learner_id"), course=OuterRef("course_id")
    )
    rows = (
        MentorQuestion.objects.filter(Exists(in_cohort))
        .values_list("course_id", "course__title", "asked_at", "answered_at")
        .order_by("course__title", "course_id")
    )
    by_course: dict[int, dict] = {}
    for course_id, title, asked_at, answered_at in rows:
        entry = by_course.setdefault(course_id, {"title": title, "asked": 0, "waits": []})
        entry["asked"] += 1
        if answered_at is not None:
            entry["waits"].append(answered_at - asked_at)
    report = []
    for entry in by_course.values():
        waits = entry["waits"]
        report.append(
            CourseResponse(
                course_title=entry["title"],
                asked=entry["asked"],
                open=entry["asked"] - len(waits),
                answered=len(waits),
                median=statistics.median(waits) if waits else None,
            )
        )
    return report
