"""Certificates' reads: who has earned a certificate, overall grades, titles, templates.

The rule (per course): the course is complete by the completion rule (``courses.completion``:
every required lesson, quiz and discussion case done), which the enrolment's "completed"
status records, and, when the course sets one, an overall grade (the average of the required
quizzes' grades, from ``assessments.selectors.quiz_grades_for``) at or above its minimum.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from courses.translation import source_page
from lms.prepared import PLACEHOLDER, prepared


def overall_grades(*, course: CoursePage, learner_ids) -> dict[int, Decimal | None]:
    """Each learner's overall grade: the mean of their required quiz grades, a quiz not graded
    yet counting as 0. Two queries; grades come from ``assessments.selectors``."""
    from assessments.models import QuizPage
    from assessments.selectors import quiz_grades_for

    quiz_ids = list(
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(required=True)
        .values_list("pk", flat=True)
    )
    grades: dict[int, Decimal | None] = dict.fromkeys(learner_ids)
    if not quiz_ids:
        return grades
    found = quiz_grades_for(learner_ids=list(grades), quiz_ids=quiz_ids)
    for learner_id in grades:
        per_quiz = [
            getattr(found.get((learner_id, quiz_id)), "grade", None) or Decimal(0)
            for quiz_id in quiz_ids
        ]
        grades[learner_id] = (sum(per_quiz, Decimal(0)) / len(per_quiz)).quantize(
            Decimal("0.0001")
        )
    return grades


@dataclass(frozen=True)
class Eligible:
    enrolment: Enrolment
    grade: Decimal | None


def meets_minimum(course: CoursePage, grade: Decimal | None) -> bool:
    if course.certificate_min_grade is None:
        return True
    return grade is not None and grade * 100 >= course.certificate_min_grade


def eligible_learners(*, course: CoursePage, cohort=None, cohorts=None) -> list[Eligible]:
    """Learners who have earned the course's certificate and have never been given one.

    A learner whose certificate was revoked is left out too: otherwise the next bulk issue
    would quietly undo the revocation. Only an explicit ``certificate_reissue`` gives them a
    new one. ``cohort`` narrows to one cohort; ``cohorts`` (a queryset) to the cohorts a
    coordinator may see.
    """
    course = source_page(course)
    enrolments = (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.COMPLETED)
        .exclude(learner__certificates__in=Certificate.objects.filter(course=course))
        .select_related("learner__profile")
        .order_by("learner__last_name", "learner__email")
    )
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    if cohorts is not None:
        enrolments = enrolments.filter(cohort__in=cohorts)
    enrolments = list(enrolments)
    grades = overall_grades(course=course, learner_ids=[e.learner_id for e in enrolments])
    return [
        Eligible(enrolment=e, grade=grades[e.learner_id])
        for e in enrolments
        if meets_minimum(course, grades[e.learner_id])
    ]


def course_title_in(course: CoursePage, language: str) -> str:
    """The course's title in ``language``: its published translation's, else the original's.

    ``course`` is the default-language page. Its translation is the live page with the same
    ``translation_key`` in that language's locale (wagtail-localize). The default language
    costs no query; any other costs one the first time it is asked of this ``course`` object,
    whether or not a translation exists, so a bulk issue reads each language's title once.
    """
    if language == get_supported_content_language_variant(settings.LANGUAGE_CODE):
        return course.title
    known = course.__dict__.setdefault("_titles_by_language", {})
    if language not in known:
        known[language] = (
            CoursePage.objects.live()
            .filter(translation_key=course.translation_key, locale__language_code=language)
            .values_list("title", flat=True)
            .first()
        )
    return known[language] or course.title


def template_for(course: CoursePage):
    """The template ``course``'s certificates are printed on: its policy's, else the first."""
    from certificates.models import CertificatePolicy, CertificateTemplate

    if course is None:  # a certificate of attendance of a live session
        return CertificateTemplate.objects.first()
    policy = (
        CertificatePolicy.objects.filter(course=source_page(course))
        .select_related("template")
        .first()
    )
    return policy.template if policy is not None else CertificateTemplate.objects.first()


def learner_certificates_for(user) -> list[Certificate]:
    """The holder's certificates for the dashboard: valid, expired and revoked ones (so the
    holder sees what happened to them), but not one replaced by a corrected certificate, as
    its replacement stands for it. One query, compiled once per process (``lms.prepared``)."""
    query = prepared(
        ("certificates.of_learner",),
        lambda: Certificate.objects.filter(learner_id=PLACEHOLDER, replaced_by__isnull=True),
    )
    return query.run(user.pk)
