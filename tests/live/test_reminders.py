"""Reminders a day and an hour before, each sent once, from a management command."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from live import services
from live.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(enrolled, course_session):
    return services.registration_create(session=course_session, user=enrolled)


def _run(clock, moment, django_capture_on_commit_callbacks):
    clock(moment)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_live_reminders", stdout=io.StringIO())


def test_a_day_before_then_an_hour_before_each_once(
    registration, course_session, clock, django_capture_on_commit_callbacks
):
    start = course_session.starts_at
    mail.outbox.clear()
    _run(clock, start - datetime.timedelta(hours=30), django_capture_on_commit_callbacks)
    assert mail.outbox == []

    _run(clock, start - datetime.timedelta(hours=23), django_capture_on_commit_callbacks)
    _run(clock, start - datetime.timedelta(hours=22), django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == [f"Tomorrow: {course_session.title}"]

    _run(clock, start - datetime.timedelta(minutes=50), django_capture_on_commit_callbacks)
    _run(clock, start - datetime.timedelta(minutes=40), django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox][1:] == [f"In one hour: {course_session.title}"]
    registration.refresh_from_db()
    assert registration.reminded_day_at and registration.reminded_hour_at


def test_someone_registering_within_the_hour_gets_only_the_hours_reminder(
    registration, course_session, clock, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _run(
        clock,
        course_session.starts_at - datetime.timedelta(minutes=30),
        django_capture_on_commit_callbacks,
    )
    _run(
        clock,
        course_session.starts_at - datetime.timedelta(minutes=20),
        django_capture_on_commit_callbacks,
    )
    assert [m.subject for m in mail.outbox] == [f"In one hour: {course_session.title}"]


def test_waitlisted_and_cancelled_people_get_no_reminder(
    course, registration, course_session, clock, django_capture_on_commit_callbacks
):
    from tests import factories

    waiting_person = factories.make_learner()
    factories.make_enrolment(learner=waiting_person, course=course)
    waiting = services.registration_create(session=course_session, user=waiting_person)
    assert waiting.status == Registration.Status.WAITLISTED
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    mail.outbox.clear()
    _run(
        clock,
        course_session.starts_at - datetime.timedelta(hours=2),
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []


def test_the_reminder_is_in_the_recipients_language_and_zone(
    enrolled, course_session, clock, django_capture_on_commit_callbacks
):
    enrolled.profile.preferred_language = "fr"
    enrolled.profile.time_zone = "Africa/Dakar"
    enrolled.profile.save()
    services.registration_create(session=course_session, user=enrolled)
    mail.outbox.clear()
    _run(
        clock,
        course_session.starts_at - datetime.timedelta(hours=5),
        django_capture_on_commit_callbacks,
    )
    (message,) = mail.outbox
    assert message.subject == f"Demain : {course_session.title}"
    assert "(Africa/Dakar)" in message.body
    assert timezone.now() is not None
