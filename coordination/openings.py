"""Tell the members of a cohort-paced course's cohorts when one of its modules opens.

A module of a cohort-paced course opens ``release_offset_days`` after its cohort's start date.
``module_openings_notify`` (run daily by ``manage.py notify_module_openings``) finds the
modules that opened within the last ``CATCH_UP_DAYS`` days and gives each active member of the
cohort a notification and an e-mail, once: a member already told of a module for a cohort is
not told again, however often the command runs.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.models import Cohort, CoursePage, Enrolment, ModulePage
from lms.models import Notification
from lms.notify import link, notify, page_params

# A module that opened longer ago than this is not announced: a command that did not run for
# a while catches up, but a new member of an old cohort is not sent its whole history.
CATCH_UP_DAYS = 7
KIND = "module_opened"


def module_openings_notify(*, today: datetime.date | None = None) -> int:
    """Notify members of every module opened in the last few days; returns how many were told."""
    today = today or timezone.localdate()
    earliest = today - datetime.timedelta(days=CATCH_UP_DAYS)
    cohorts = (
        Cohort.objects.filter(
            course__pacing=CoursePage.Pacing.COHORT_PACED,
            course__live=True,
            start_date__lte=today,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=earliest))
        .select_related("course")
    )
    told = 0
    for cohort in cohorts:
        opened = [
            module
            for module in ModulePage.objects.live().child_of(cohort.course)
            if earliest <= cohort.release_date_for(module) <= today
        ]
        if opened:
            told += _cohort_notify(cohort=cohort, modules=opened)
    return told


@transaction.atomic
def _cohort_notify(*, cohort: Cohort, modules: list[ModulePage]) -> int:
    members = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ACTIVE)
        .select_related("learner")
        .order_by("learner_id")
    )
    already = set(
        Notification.objects.filter(
            kind=KIND,
            params__cohort_id=cohort.pk,
            recipient__in=[enrolment.learner_id for enrolment in members],
        ).values_list("recipient_id", "params__page_key")
    )
    told = 0
    for module in modules:
        key = str(module.translation_key)
        for enrolment in members:
            if (enrolment.learner_id, key) in already:
                continue
            notify(
                recipient=enrolment.learner,
                kind=KIND,
                params={
                    **page_params(course=cohort.course, page=module),
                    "cohort_id": cohort.pk,
                    "cohort_name": cohort.name,
                },
                template_prefix="coordination/email/module_opened",
                context={
                    "course": cohort.course,
                    "module": module,
                    "cohort": cohort,
                    "dashboard_url": link("courses:dashboard"),
                },
            )
            told += 1
    return told
