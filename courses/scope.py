"""Which cohorts a staff member may act on, for the apps below coordination.

Who coordinates which cohort is decided in ``coordination.scope`` (course assignments, the
cohorts a coordinator runs). Certificates and discussions sit below coordination and must not
import it, so coordination registers its rule here in ``apps.ready`` (as it registers its
marking scope with ``assessments.permissions.marking_scope_register``). Without a registered
rule programme managers reach every cohort and everybody else none.
"""

from collections.abc import Callable

from django.db.models import QuerySet

from courses.models import Cohort
from lms import roles

_cohort_scope: Callable[[object], QuerySet[Cohort]] | None = None


def cohort_scope_register(scope: Callable[[object], QuerySet[Cohort]]) -> None:
    """Use ``scope(user)`` (a queryset of cohorts) as the rule for ``cohorts_for``."""
    global _cohort_scope
    _cohort_scope = scope


def cohorts_for(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` may see and manage."""
    if _cohort_scope is not None:
        return _cohort_scope(user)
    if roles.is_programme_manager(user):
        return Cohort.objects.all()
    return Cohort.objects.none()
