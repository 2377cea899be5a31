"""Who may enrol, and when a module opens: small functions shared by selectors and services."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Lock:
    """Why something is not open yet. ``opens_on`` is set when it opens on a known date."""

    reason: str  # "schedule" or "prerequisite"
    opens_on: datetime.date | None = None
    prerequisite_title: str = ""

    @property
    def message(self) -> str:
        if self.reason == "schedule":
            return _("This module opens on %(date)s.") % {
                "date": date_format(self.opens_on, "DATE_FORMAT")
            }
        return _("Complete the module “%(title)s” first.") % {"title": self.prerequisite_title}


def module_lock(
    *,
    release_offset_days: int,
    cohort_start: datetime.date | None,
    cohort_paced: bool,
    prerequisite_title: str | None,
    prerequisite_done: bool,
    today: datetime.date | None = None,
) -> Lock | None:
    """The lock on a module for one learner, or None when it is open.

    A cohort-paced module opens on cohort start + offset; a learner in a cohort-paced course
    without a cohort (staff, say) has no schedule to wait for. A prerequisite module must be
    complete first.
    """
    today = today or timezone.localdate()
    if cohort_paced and cohort_start is not None:
        opens_on = cohort_start + datetime.timedelta(days=release_offset_days)
        if today < opens_on:
            return Lock(reason="schedule", opens_on=opens_on)
    if prerequisite_title is not None and not prerequisite_done:
        return Lock(reason="prerequisite", prerequisite_title=prerequisite_title)
    return None


def self_enrolment_refusal(*, learner, course) -> str | None:
    """Why ``learner`` may not enrol in ``course`` by themselves, or None when they may."""
    from allauth.account.models import EmailAddress

    if not learner.is_authenticated:
        return _("Sign in to enrol.")
    if course.enrolment == course.Enrolment.APPROVAL:
        return _("This course needs approval: apply, and a coordinator will review it.")
    if course.enrolment != course.Enrolment.OPEN:
        return _("This course is by invitation: your coordinator enrols you through a cohort.")
    if not EmailAddress.objects.filter(user=learner, verified=True).exists():
        return _("Confirm your e-mail address before you enrol.")
    return None


def lesson_lock_reason(*, lesson, enrolment) -> Lock | None:
    """The lock on ``lesson`` for an enrolment (a few queries; for writes, not for pages).

    ``lesson`` is any page inside a module: lesson completion, quiz attempts (start, save,
    submit) and discussion replies all ask here, so they cannot drift apart. Whether the
    prerequisite is done is the completion rule's answer (``courses.completion``), the one the
    outline shows: every required lesson, quiz and discussion case in it done, and a module
    with nothing required counts as done.
    """
    from courses.completion import course_progress_for
    from courses.models import ModulePage

    module = ModulePage.objects.get(path=lesson.path[: -ModulePage.steplen])
    prerequisite = module.prerequisite
    prerequisite_done = True
    if prerequisite is not None:
        progress = course_progress_for(course=prerequisite, learner=enrolment.learner)
        prerequisite_done = progress.module_is_done(prerequisite.path)
    course = enrolment.course
    return module_lock(
        release_offset_days=module.release_offset_days,
        cohort_start=enrolment.cohort.start_date if enrolment.cohort_id else None,
        cohort_paced=course.is_cohort_paced,
        prerequisite_title=prerequisite.title if prerequisite else None,
        prerequisite_done=prerequisite_done,
    )
