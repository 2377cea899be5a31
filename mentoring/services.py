"""Writes for mentoring: asking, answering, publishing to the FAQ, digest receipts.

Every function runs in one transaction and takes keyword arguments only. A refusal the person
can act on is a ``MentoringRefused`` (a ``ValidationError`` with a translated message); asking
in a course one does not study, or one whose questions are switched off, is a
``PermissionDenied``.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment
from courses.translation import source_page
from lms.notify import link, notify, page_params
from mentoring import selectors
from mentoring.models import (
    ANSWER_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    FaqEntry,
    MentorDigestReceipt,
    MentoringPolicy,
    MentorQuestion,
)

# Control characters other than tab and line breaks: invisible, and unsafe in exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SOURCE_PATH_MAX_LENGTH = 500


class MentoringRefused(ValidationError):
    """The question, answer or FAQ entry cannot be saved (the message says why, translated)."""


class NotALearner(PermissionDenied):
    """The person does not study the course, or its questions are switched off."""


def _clean(text: str, *, limit: int, empty: str, too_long: str) -> str:
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n")).strip()
    if not text:
        raise MentoringRefused(empty)
    if len(text) > limit:
        raise MentoringRefused(too_long % {"length": len(text), "max": limit})
    return text


def question_text_clean(text: str) -> str:
    return _clean(
        text,
        limit=QUESTION_MAX_LENGTH,
        empty=_("Write your question before sending it."),
        too_long=_("Your question is %(length)d characters long; the limit is %(max)d."),
    )


def answer_text_clean(text: str) -> str:
    return _clean(
        text,
        limit=ANSWER_MAX_LENGTH,
        empty=_("Write the answer before sending it."),
        too_long=_("The answer is %(length)d characters long; the limit is %(max)d."),
    )


def _safe_path(path: str) -> str:
    """Keep only a path on this site (never a full address given by the browser)."""
    path = (path or "").strip()
    if not path.startswith("/") or path.startswith(("//", "/\\")):
        return ""
    return path[:SOURCE_PATH_MAX_LENGTH]


def _course_for_learner(*, learner, course: CoursePage) -> CoursePage:
    if (
        not Enrolment.objects.filter(learner=learner, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .exists()
    ):
        raise NotALearner(_("Only learners enrolled in this course may ask its mentors."))
    if not selectors.questions_enabled(course_id=course.pk):
        raise NotALearner(_("Questions to mentors are switched off in this course."))
    return course


@transaction.atomic
def question_ask(
    *, learner, text: str, page=None, attempt=None, source_path: str = ""
) -> MentorQuestion:
    """Save ``learner``'s question to the mentors of the course of ``page`` or ``attempt``.

    ``page`` is a lesson or quiz in any language; ``attempt`` one of the learner's own quiz
    attempts (asked from its review page). The page is recorded in the default language.
    """
    if attempt is not None:
        if attempt.learner_id != learner.pk:
            raise NotALearner(_("This is not your attempt."))
        page = attempt.quiz
    if page is None:
        raise MentoringRefused(_("Ask from a lesson or from a quiz review."))
    page = source_page(page)
    course = CoursePage.objects.ancestor_of(page).first()
    if course is None:
        raise MentoringRefused(_("Ask from a lesson or from a quiz review."))
    _course_for_learner(learner=learner, course=course)
    return MentorQuestion.objects.create(
        course=course,
        learner=learner,
        page=page,
        attempt=attempt,
        source_path=_safe_path(source_path),
        text=question_text_clean(text),
    )


@transaction.atomic
def question_answer(*, question: MentorQuestion, by, text: str) -> MentorQuestion:
    """Answer (or correct the answer to) a question and tell the learner.

    The first answer's time is kept: it is the response time coordinators see.
    """
    text = answer_text_clean(text)
    question = (
        MentorQuestion.objects.select_for_update(of=("self",))
        .select_related("course", "learner")
        .get(pk=question.pk)
    )
    question.answer = text
    question.answered_by = by
    if question.answered_at is None:
        question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    notify(
        recipient=question.learner,
        kind="mentor_answered",
        params={**page_params(course=question.course), "question_id": question.pk},
        template_prefix="mentoring/email/answered",
        context={
            "course": question.course,
            "question": question,
            "questions_url": link("mentoring:questions"),
        },
    )
    return question


@transaction.atomic
def faq_publish(*, question: MentorQuestion, by, question_text: str, answer_text: str) -> FaqEntry:
    """Publish an edited, anonymised copy of an answered question on the course page.

    The learner is never named: the entry keeps only the texts the mentor approved. Publishing
    the same question again replaces its entry.
    """
    question = MentorQuestion.objects.select_for_update(of=("self",)).get(pk=question.pk)
    if not question.is_answered:
        raise MentoringRefused(_("Answer the question before publishing it to the FAQ."))
    question_text = question_text_clean(question_text)
    answer_text = answer_text_clean(answer_text)
    entry, _created = FaqEntry.objects.update_or_create(
        source=question,
        defaults={
            "course_id": question.course_id,
            "question": question_text,
            "answer": answer_text,
            "published_by": by,
            "published_at": timezone.now(),
        },
    )
    return entry


@transaction.atomic
def faq_withdraw(*, entry: FaqEntry) -> None:
    """Take an entry off the course page."""
    FaqEntry.objects.filter(pk=entry.pk).delete()


@transaction.atomic
def digest_receipt_record(
    *, recipient, last_question_id: int, question_count: int
) -> MentorDigestReceipt:
    """Remember that ``recipient`` was sent every question up to ``last_question_id``."""
    return MentorDigestReceipt.objects.create(
        recipient=recipient, last_question_id=last_question_id, question_count=question_count
    )


@transaction.atomic
def mentoring_policy_set(*, course: CoursePage, questions_enabled: bool) -> bool:
    """Let learners ask the course's mentors, or not (the course.yaml ``mentoring`` key, or
    the switch on the course's *Settings*). Returns whether anything changed.

    No policy row means questions are on, so switching on where there is none writes nothing.
    """
    course = source_page(course)
    policy = MentoringPolicy.objects.select_for_update().filter(course=course).first()
    if policy is None:
        if questions_enabled:
            return False
        MentoringPolicy.objects.create(course=course, questions_enabled=False)
        return True
    if policy.questions_enabled == questions_enabled:
        return False
    policy.questions_enabled = questions_enabled
    policy.save(update_fields=["questions_enabled"])
    return True
