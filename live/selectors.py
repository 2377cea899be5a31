"""Reads for live sessions: who may register, what a viewer sees, the trainer's lists."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags

from courses.models import CoursePage, Enrolment, ModulePage
from courses.translation import source_page
from live.models import LiveSessionPage, Registration
from lms import timezones

ACTIVE = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


def course_of(session: LiveSessionPage) -> CoursePage | None:
    """The course whose learners the session is for: the one chosen, else the module's."""
    if session.course_id:
        return session.course
    parent = session.get_parent().specific
    if isinstance(parent, ModulePage):
        return source_page(parent.get_parent().specific)
    return None


def may_register(*, session: LiveSessionPage, user) -> bool:
    """Whether ``user`` (signed in) belongs to the session's audience."""
    if not user.is_authenticated:
        return False
    audience = session.audience
    if audience == LiveSessionPage.Audience.PUBLIC:
        return True
    active = Enrolment.objects.filter(
        learner=user, status__in=[Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED]
    )
    if audience == LiveSessionPage.Audience.COHORT:
        cohort = session.cohort_id
        return cohort is not None and active.filter(cohort_id=cohort).exists()
    course = course_of(session)
    return course is not None and active.filter(course=course).exists()


def registration_of(*, session: LiveSessionPage, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(session=session, user=user, status__in=ACTIVE)
        .order_by("-pk")
        .first()
    )


def join_is_open(*, session: LiveSessionPage, now: datetime.datetime) -> bool:
    """From ``join_opens_minutes`` before the start until the end."""
    return session.join_opens_at <= now < session.ends_at


@dataclass(frozen=True)
class Times:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reference_zone: str
    reference_start: str
    reference_end: str


def times_for(session: LiveSessionPage) -> Times:
    """The start and end written in the session's reference zone (the viewer's own zone is
    the active one, used by the ``local_datetime`` filter)."""
    zone = timezones.valid_zone(session.reference_time_zone) or "UTC"
    with timezone.override(zone):
        start = timezones.local_datetime(session.starts_at)[1]
        end = timezones.local_datetime(session.ends_at)[1]
    return Times(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        reference_zone=zone,
        reference_start=start,
        reference_end=end,
    )


@dataclass(frozen=True)
class SessionView:
    session: LiveSessionPage  # the default-language page: registrations point at it
    times: Times
    registration: Registration | None
    may_register: bool
    is_public: bool
    places_left: int
    join_open: bool
    has_ended: bool

    @property
    def can_join(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status == Registration.Status.REGISTERED
            and self.join_open
        )


def session_view_for(*, session: LiveSessionPage, user, now: datetime.datetime) -> SessionView:
    """What one viewer sees on a session's page, in a fixed number of queries."""
    source = source_page(session)
    taken = Registration.objects.filter(
        session=source, status=Registration.Status.REGISTERED
    ).count()
    return SessionView(
        session=source,
        times=times_for(source),
        registration=registration_of(session=source, user=user),
        may_register=may_register(session=source, user=user),
        is_public=source.audience == LiveSessionPage.Audience.PUBLIC,
        places_left=max(0, source.capacity - taken),
        join_open=join_is_open(session=source, now=now),
        has_ended=now >= source.ends_at,
    )


def plain_description(session: LiveSessionPage) -> str:
    return " ".join(strip_tags(session.description or "").split())


def registrations_for(*, session: LiveSessionPage):
    """Everyone registered or waiting, oldest first, for the trainer's attendance list."""
    return (
        Registration.objects.filter(session=session, status__in=ACTIVE)
        .select_related("user__profile")
        .order_by("status", "created_at", "pk")
    )


def may_take_attendance(*, user, session: LiveSessionPage) -> bool:
    """Trainers who may edit the session's page (those of its course), the coordinators of its
    cohort or of its course, and programme managers."""
    from coordination import scope
    from lms import roles

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or roles.is_programme_manager(user):
        return True
    if session.permissions_for_user(user).can_edit():
        return True
    if not roles.is_coordinator(user):
        return False
    if session.cohort_id and scope.cohorts_for(user).filter(pk=session.cohort_id).exists():
        return True
    course = course_of(session)
    return course is not None and scope.assigned_courses_for(user).filter(pk=course.pk).exists()


def may_attach_recording(*, user, session: LiveSessionPage) -> bool:
    """Those who may add a lesson to the session's module: its course's trainers, lead
    trainers and programme managers (coordinators take attendance but write no lessons)."""
    from lms import roles

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or roles.is_programme_manager(user):
        return True
    parent = session.get_parent()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


def recording_lesson_for(session: LiveSessionPage):
    """The published lesson holding the session's recording, in the language being read (it
    sits beside the session in its module), or None. One query."""
    from courses.models import LessonPage
    from live.services import recording_lesson_slug

    source = source_page(session)
    return (
        LessonPage.objects.live()
        .sibling_of(session, inclusive=False)
        .filter(slug=recording_lesson_slug(source))
        .first()
    )
