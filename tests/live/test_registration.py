"""Registration for signed-in people: audience, capacity, waitlist, promotion, e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from live import services
from live.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def _enrolled(course, **kwargs):
    person = factories.make_learner(**kwargs)
    factories.make_enrolment(learner=person, course=course)
    return person


def test_an_enrolled_learner_registers_and_gets_a_confirmation_with_the_ics(
    learner_client, enrolled, course_session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.post(reverse("live:register", args=[course_session.pk]))
    assert response.status_code == 302
    registration = Registration.objects.get(session=course_session, user=enrolled)
    assert registration.status == Registration.Status.REGISTERED
    (message,) = mail.outbox
    assert message.to == [enrolled.email]
    assert course_session.title in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content


def test_someone_outside_the_audience_is_refused(client, course_session):
    stranger = factories.make_learner()
    client.force_login(stranger)
    response = client.post(reverse("live:register", args=[course_session.pk]))
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_cohort_session_takes_only_that_cohorts_members(catalog, course):
    import datetime

    from django.utils import timezone

    from courses.models import Cohort
    from tests.live.factories import make_live_session

    cohort = Cohort.objects.create(course=course, name="Dakar", start_date=timezone.localdate())
    other = Cohort.objects.create(
        course=course, name="Praia", start_date=timezone.localdate() + datetime.timedelta(1)
    )
    session = make_live_session(parent=catalog, audience="cohort", cohort=cohort)
    member, outsider = factories.make_learner(), factories.make_learner()
    factories.make_enrolment(learner=member, course=course, cohort=cohort)
    factories.make_enrolment(learner=outsider, course=course, cohort=other)
    services.registration_create(session=session, user=member)
    with pytest.raises(services.RegistrationRefused):
        services.registration_create(session=session, user=outsider)


def test_a_full_session_puts_the_next_person_on_the_waitlist_and_cancelling_promotes_them(
    course, course_session, django_capture_on_commit_callbacks
):
    first, second, third = (_enrolled(course) for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        place = services.registration_create(session=course_session, user=first)
        waiting = services.registration_create(session=course_session, user=second)
        later = services.registration_create(session=course_session, user=third)
    assert place.status == Registration.Status.REGISTERED
    assert waiting.status == later.status == Registration.Status.WAITLISTED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=place)
    assert promoted == waiting
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert later.status == Registration.Status.WAITLISTED
    (message,) = mail.outbox
    assert message.to == [second.email]


def test_cancelling_a_waitlisted_place_promotes_nobody(course, course_session):
    first, second, third = (_enrolled(course) for _ in range(3))
    services.registration_create(session=course_session, user=first)
    waiting = services.registration_create(session=course_session, user=second)
    later = services.registration_create(session=course_session, user=third)
    assert services.registration_cancel(registration=waiting) is None
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED


def test_registering_twice_is_refused_politely(learner_client, enrolled, course_session):
    services.registration_create(session=course_session, user=enrolled)
    response = learner_client.post(reverse("live:register", args=[course_session.pk]), follow=True)
    assert "You are already registered for this session." in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_learner_who_cancelled_may_register_again(enrolled, course_session):
    first = services.registration_create(session=course_session, user=enrolled)
    services.registration_cancel(registration=first)
    again = services.registration_create(session=course_session, user=enrolled)
    assert again.status == Registration.Status.REGISTERED


def test_the_confirmation_is_in_the_learners_language(
    course, course_session, django_capture_on_commit_callbacks
):
    person = _enrolled(course)
    person.profile.preferred_language = "pt"
    person.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=course_session, user=person)
    (message,) = mail.outbox
    assert message.subject.startswith("Está inscrito:")
    assert message.extra_headers["Content-Language"] == "pt"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_place_at_once_leave_one_waiting(catalog):
    import threading

    from django.db import connection

    from tests.live.factories import make_live_session

    session = make_live_session(parent=catalog, capacity=1)
    people = [factories.make_learner() for _ in range(2)]
    barrier = threading.Barrier(2)

    def take(person):
        barrier.wait()
        try:
            services.registration_create(session=session, user=person)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["registered", "waitlisted"]


def test_a_learners_registration_carries_the_gender_of_their_profile(enrolled, course_session):
    enrolled.profile.gender = "declined"
    enrolled.profile.save()
    registration = services.registration_create(session=course_session, user=enrolled)
    assert registration.gender == "declined"
