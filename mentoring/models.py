"""Mentoring: a course's mentors, the questions its learners ask them, and the course FAQ.

Mentors and the course's mentoring switch are inlines of the course page (its *Settings*
tab), so the lead trainer picks them where they edit the course. Questions point at the
default-language course, like every learning record, so a learner who reads in French and a
mentor who reads in English share one question.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from lms import roles

QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 5000


class CourseMentor(Orderable):
    """One trainer account who answers the learners' questions in one course."""

    course = ParentalKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="mentors",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentored_courses",
        limit_choices_to={"groups__name__in": [roles.TRAINER, roles.LEAD_TRAINER]},
    )

    panels = [FieldPanel("mentor")]

    class Meta(Orderable.Meta):
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        constraints = [
            models.UniqueConstraint(fields=["course", "mentor"], name="one_mentor_row_per_course")
        ]

    def __str__(self) -> str:
        return str(self.mentor)


class MentoringPolicy(models.Model):
    """Whether learners may ask the course's mentors (no row: they may)."""

    course = ParentalKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="mentoring_policies",
    )
    questions_enabled = models.BooleanField(
        _("learners may ask the mentors"),
        default=True,
        help_text=_("Untick to remove the question form from every lesson and quiz review."),
    )

    panels = [FieldPanel("questions_enabled")]

    class Meta:
        verbose_name = _("mentoring setting")
        verbose_name_plural = _("mentoring settings")
        constraints = [
            models.UniqueConstraint(fields=["course"], name="one_mentoring_policy_per_course")
        ]

    def __str__(self) -> str:
        return str(self.course)


class MentorQuestion(models.Model):
    """A learner's question to the mentors of a course (plain text, always shown escaped)."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="mentor_questions",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="mentor_questions",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("asked from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attempt = models.ForeignKey(
        "assessments.Attempt",
        verbose_name=_("quiz attempt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_path = models.CharField(_("page asked from"), max_length=500, blank=True)
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question to a mentor")
        verbose_name_plural = _("questions to mentors")
        ordering = ["-asked_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "answered_at"]),
            models.Index(fields=["learner", "-asked_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class FaqEntry(models.Model):
    """An anonymised question and its answer, published by a mentor on the course page."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="faq_entries",
    )
    source = models.OneToOneField(
        MentorQuestion,
        verbose_name=_("from question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faq_entry",
    )
    question = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return self.question[:60]


class MentorDigestReceipt(models.Model):
    """One digest sent to one mentor: every question up to ``last_question_id`` is covered."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="mentor_digests",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    last_question_id = models.BigIntegerField(_("last question covered"))
    question_count = models.PositiveIntegerField(_("questions listed"))

    class Meta:
        verbose_name = _("mentor digest")
        verbose_name_plural = _("mentor digests")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-last_question_id"])]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.sent_at:%Y-%m-%d}"
