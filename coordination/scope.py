"""Who may see which cohorts and learners. Every coordinator screen filters through here.

- Programme managers (and superusers) see every cohort and learner.
- Coordinators see the cohorts they coordinate and the people enrolled through them.
- Trainers see the results of learners in the courses they are assigned to
  (``CoursePage.trainers``), not cohort administration.

Views ask for an object *through* these querysets (``get_object_or_404(cohorts_for(user),
pk=...)``), so an id changed by hand answers 404 rather than someone else's data.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from courses.models import Cohort, CoursePage
from lms import roles


def is_programme_manager(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=roles.PROGRAMME_MANAGER).exists()


def is_coordinator(user) -> bool:
    if not user.is_authenticated:
        return False
    return is_programme_manager(user) or user.groups.filter(name=roles.COORDINATOR).exists()


def cohorts_for(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` may see and manage."""
    if is_programme_manager(user):
        return Cohort.objects.all()
    if is_coordinator(user):
        return Cohort.objects.filter(coordinators=user)
    return Cohort.objects.none()


def learners_for(user):
    """The people ``user`` may see as a coordinator: members of their cohorts."""
    User = get_user_model()
    if is_programme_manager(user):
        return User.objects.all()
    return User.objects.filter(enrolments__cohort__in=cohorts_for(user)).distinct()


def courses_for_results(user) -> QuerySet[CoursePage]:
    """Courses whose results ``user`` may read: all for managers, assigned ones for trainers,
    and the courses of their cohorts for coordinators."""
    if is_programme_manager(user):
        return CoursePage.objects.all()
    course_ids = set(cohorts_for(user).values_list("course_id", flat=True))
    return CoursePage.objects.filter(pk__in=course_ids) | CoursePage.objects.filter(trainers=user)
