"""Who may see and act on which courses, cohorts, learners and applications.

The cohort rule (``cohorts_for``) is registered with ``courses.scope`` in ``apps.ready``, so
certificates (``certificates.scope.certificates_for``) and discussions follow it without
importing coordination.

Every coordinator screen filters through here, so the rules live in one place:

- Programme managers (and superusers) see and act on everything, and assign courses to
  coordinators (``CourseAssignment``).
- Coordinators act only through the cohorts they coordinate on the courses they are assigned
  to. Coordinating a cohort of a course one is not assigned to gives nothing; removing an
  assignment takes the course's cohorts away at once.
- Trainers see the results of learners in the courses they are assigned to
  (``CoursePage.trainers``), not cohort administration.

Views ask for an object *through* these querysets (``get_object_or_404(cohorts_for(user),
pk=...)``), so an id changed by hand answers 404 rather than someone else's data.

This module is coordination's permission layer, kept apart from its reads: it answers *which*
rows a person may reach, as querysets; ``coordination.selectors`` builds pages from them.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.models import Locale

from coordination.models import CourseAssignment, EnrolmentApplication
from courses.models import Cohort, CoursePage, Enrolment
from lms import roles


def _assigned_course_ids(user):
    return CourseAssignment.objects.filter(coordinator=user).values("course_id")


def assigned_courses_for(user) -> QuerySet[CoursePage]:
    """Courses on which ``user`` may run cohorts (default language): every course for
    managers, the courses a programme manager assigned them for coordinators."""
    courses = CoursePage.objects.filter(locale_id=Locale.get_default().pk)
    if roles.is_programme_manager(user):
        return courses
    if roles.is_coordinator(user):
        return courses.filter(pk__in=_assigned_course_ids(user))
    return courses.none()


def cohorts_for(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` may see and manage."""
    if roles.is_programme_manager(user):
        return Cohort.objects.all()
    if roles.is_coordinator(user):
        return Cohort.objects.filter(coordinators=user, course_id__in=_assigned_course_ids(user))
    return Cohort.objects.none()


def learners_for(user):
    """The people ``user`` may see as a coordinator: members of their cohorts."""
    User = get_user_model()
    if roles.is_programme_manager(user):
        return User.objects.all()
    return User.objects.filter(enrolments__cohort__in=cohorts_for(user)).distinct()


def _learners_only(people: QuerySet) -> QuerySet:
    """Leave out staff: a coordinator never enrols (and so never reaches) a colleague."""
    return people.filter(is_staff=False, is_superuser=False).exclude(
        groups__name__in=roles.STAFF_ROLES
    )


def member_candidates_for(user, query: str) -> QuerySet:
    """Learners ``user`` may find to add to a cohort: anyone by their exact e-mail address,
    and members of the user's own cohorts by part of their name or address.

    The platform's directory is not browsable: a coordinator who does not already know a
    stranger's address cannot find them.
    """
    User = get_user_model()
    query = query.strip()
    if not query or not roles.is_coordinator(user):
        return User.objects.none()
    own = User.objects.filter(enrolments__cohort__in=cohorts_for(user)).filter(
        Q(email__icontains=query)
        | Q(profile__given_name__icontains=query)
        | Q(profile__family_name__icontains=query)
    )
    return _learners_only(
        User.objects.filter(Q(email__iexact=query) | Q(pk__in=own.values("pk")))
    ).distinct()


def member_addable(user, email: str):
    """The learner with this exact e-mail address whom ``user`` may add, or None."""
    email = (email or "").strip()
    if not email or not roles.is_coordinator(user):
        return None
    return _learners_only(get_user_model().objects.filter(email__iexact=email)).first()


def applications_for(user) -> QuerySet[EnrolmentApplication]:
    """Applications ``user`` may read and decide: every one for managers, those for the
    courses they are assigned to for coordinators."""
    applications = EnrolmentApplication.objects.select_related("course", "applicant__profile")
    if roles.is_programme_manager(user):
        return applications
    if roles.is_coordinator(user):
        return applications.filter(course_id__in=_assigned_course_ids(user))
    return applications.none()


def courses_for_results(user) -> QuerySet[CoursePage]:
    """Courses whose results ``user`` may read: all for managers, assigned ones for trainers,
    and the courses of their cohorts for coordinators."""
    if roles.is_programme_manager(user):
        return CoursePage.objects.all()
    course_ids = set(cohorts_for(user).values_list("course_id", flat=True))
    return CoursePage.objects.filter(pk__in=course_ids) | CoursePage.objects.filter(trainers=user)


def cohort_marking_scope(user) -> Q:
    """The attempts a coordinator may mark (``assessments.permissions.markable_attempts``):
    those of learners in the cohorts they run, in those cohorts' courses. One query."""
    if not roles.is_coordinator(user) or roles.is_programme_manager(user):
        return Q(pk__in=[])
    allowed = Q(pk__in=[])
    for cohort_id, path in cohorts_for(user).values_list("pk", "course__path"):
        member = Enrolment.objects.filter(learner_id=OuterRef("learner_id"), cohort_id=cohort_id)
        allowed |= Q(Exists(member), quiz__path__startswith=path)
    return allowed
