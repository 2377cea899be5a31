"""Who studies what: cohorts, enrolments and lesson completions.

Learning records point at the default-language pages (see courses.models.pages).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Cohort(models.Model):
    """A group that studies a course together, e.g. one country's academy intake."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_cohorts",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def members(self):
        """The people enrolled through this cohort (withdrawn ones included, for history)."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(enrolments__cohort=self).distinct()

    def release_date_for(self, module) -> datetime.date:
        """The day ``module`` opens for this cohort."""
        return self.start_date + datetime.timedelta(days=module.release_offset_days)

    def due_date_for(self, module) -> datetime.date | None:
        """The day by which this cohort should have finished ``module``, if it has one."""
        if module.due_offset_days is None:
            return None
        return self.start_date + datetime.timedelta(days=module.due_offset_days)


class Enrolment(models.Model):
    """One person studying one course. Withdrawing keeps the row; re-enrolling adds a new one.

    ``progress_percent`` is a cache of courses.completion's result, kept exact by the services
    that change completions; ``last_lesson`` is where the resume link goes.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("last lesson visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=~Q(status="withdrawn"),
                name="one_current_enrolment_per_course",
            )
        ]
        indexes = [models.Index(fields=["learner", "status"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course}"

    @property
    def is_current(self) -> bool:
        return self.status != self.Status.WITHDRAWN


class LessonCompletion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="one_completion_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.lesson}"
