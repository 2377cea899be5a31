"""Digest e-mails: each mentor hears, at most once per run, of the new questions in the courses
they mentor, in their own language.

``digests_send`` is what ``manage.py send_mentor_digests`` runs. For each mentor it lists the
questions asked since the last digest they were sent (``MentorDigestReceipt``), sends one
e-mail through ``lms.notify`` and records the receipt in the same transaction, so a second run
finds nothing new.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from lms.notify import AtSend, notify, send_time_value, site_url
from mentoring.models import CourseMentor, MentorDigestReceipt, MentorQuestion
from mentoring.services import digest_receipt_record

EXCERPT_LENGTH = 200


@dataclass(frozen=True)
class DigestQuestion:
    course: str
    excerpt: str
    url: str


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[: EXCERPT_LENGTH - 1].rstrip() + "…"


@send_time_value
def digest_questions(*, question_ids: list[int]) -> list[DigestQuestion]:
    """The digest's questions, read when lms.notify renders the mail under the recipient's
    language (admin URLs carry none)."""
    questions = MentorQuestion.objects.filter(pk__in=question_ids).select_related("course")
    return [
        DigestQuestion(
            course=q.course.title,
            excerpt=_excerpt(q.text),
            url=site_url(reverse("mentoring_question", args=[q.pk])),
        )
        for q in sorted(questions, key=lambda q: q.pk)
    ]


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.email


def digests_send() -> int:
    """Send every mentor with new questions their digest; return how many were sent."""
    courses_of = defaultdict(set)  # mentor id -> course ids
    for mentor_id, course_id in CourseMentor.objects.values_list("mentor_id", "course_id"):
        courses_of[mentor_id].add(course_id)
    if not courses_of:
        return 0
    marks = dict(
        MentorDigestReceipt.objects.filter(recipient_id__in=courses_of)
        .values("recipient_id")
        .annotate(last=Max("last_question_id"))
        .values_list("recipient_id", "last")
    )
    floor = min(marks.get(mentor_id, 0) for mentor_id in courses_of)
    course_ids = set().union(*courses_of.values())
    questions = list(
        MentorQuestion.objects.filter(course_id__in=course_ids, pk__gt=floor)
        .select_related("course")
        .order_by("pk")
    )
    if not questions:
        return 0
    people = get_user_model().objects.select_related("profile").in_bulk(list(courses_of))
    sent = 0
    for mentor_id, courses in sorted(courses_of.items()):
        mark = marks.get(mentor_id, 0)
        news = [q for q in questions if q.course_id in courses and q.pk > mark]
        mentor = people.get(mentor_id)
        if not news or mentor is None or not mentor.email or not mentor.is_active:
            continue
        if _digest_send(recipient=mentor, questions=news):
            sent += 1
    return sent


@transaction.atomic
def _digest_send(*, recipient, questions: list[MentorQuestion]) -> bool:
    """One mentor's digest and its receipt, unless another run has just covered them."""
    get_user_model().objects.select_for_update().filter(pk=recipient.pk).first()
    covered = (
        MentorDigestReceipt.objects.filter(recipient=recipient).aggregate(
            last=Max("last_question_id")
        )["last"]
        or 0
    )
    questions = [q for q in questions if q.pk > covered]
    if not questions:
        return False

    notify(
        recipient=recipient,
        kind="mentor_digest",
        template_prefix="mentoring/email/digest",
        context={
            "name": _name(recipient),
            "count": len(questions),
            "questions": AtSend(digest_questions, {"question_ids": [q.pk for q in questions]}),
        },
    )
    digest_receipt_record(
        recipient=recipient,
        last_question_id=max(q.pk for q in questions),
        question_count=len(questions),
    )
    return True
