"""Which certificates a staff member may list and revoke, and which bulk issues they see.

Built on ``courses.scope.cohorts_for``, the cohort rule coordination registers, so that
certificates never imports coordination.
"""

from django.db.models import Exists, OuterRef, QuerySet

from certificates.models import Certificate, IssueRun
from courses.models import Enrolment
from courses.scope import cohorts_for
from lms import roles


def certificates_for(user) -> QuerySet[Certificate]:
    """Certificates ``user`` may list and revoke.

    Managers: all. Coordinators: those their holder earned in a cohort the coordinator runs,
    meaning an enrolment of that course through such a cohort which began before the
    certificate was issued and was completed. Being a member of one of the coordinator's
    cohorts, or joining one after the certificate, is not enough; in-person awards have no
    cohort and stay with programme managers.
    """
    if roles.is_programme_manager(user):
        return Certificate.objects.all()
    if not roles.is_coordinator(user):
        return Certificate.objects.none()
    earned_here = Enrolment.objects.filter(
        cohort__in=cohorts_for(user),
        learner_id=OuterRef("learner_id"),
        course_id=OuterRef("course_id"),
        completed_at__isnull=False,
        enrolled_at__lte=OuterRef("issued_at"),
    )
    return Certificate.objects.filter(Exists(earned_here))


def issue_runs_for(user) -> QuerySet[IssueRun]:
    """Bulk issues ``user`` may follow and resume: all for managers, their cohorts' otherwise."""
    runs = IssueRun.objects.select_related("course")
    if roles.is_programme_manager(user):
        return runs
    return runs.filter(cohort__in=cohorts_for(user))
