"""Attendance: the trainer's list, the CSV import and its report, completion of a module step."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.completion import course_progress_for
from live import services
from live.models import Registration
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, course):
    trainer = factories.make_course_trainer(course=course)
    client.force_login(trainer)
    return client


@pytest.fixture
def registered(course, course_session):
    course_session.capacity = 10
    course_session.save_revision().publish()
    people = []
    for name in ("ana@example.org", "ben@example.org", "chi@example.org"):
        person = factories.make_learner(email=name)
        factories.make_enrolment(learner=person, course=course)
        people.append(services.registration_create(session=course_session, user=person))
    return people


def test_the_trainer_ticks_who_attended(trainer_client, course_session, registered):
    url = reverse("live_attendance", args=[course_session.pk])
    assert trainer_client.get(url).status_code == 200
    trainer_client.post(url, {"attended": [registered[0].pk, registered[2].pk]})
    assert set(Registration.objects.filter(attended=True)) == {registered[0], registered[2]}
    trainer_client.post(url, {"attended": [registered[1].pk]})
    assert set(Registration.objects.filter(attended=True)) == {registered[1]}


def test_the_attendance_list_costs_a_fixed_number_of_queries(
    trainer_client, course_session, registered, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        assert (
            trainer_client.get(reverse("live_attendance", args=[course_session.pk])).status_code
            == 200
        )


def test_another_courses_trainer_and_a_learner_are_refused(client, course_session):
    other_course = factories.make_course(modules=1, lessons=1)
    client.force_login(factories.make_course_trainer(course=other_course))
    assert client.get(reverse("live_attendance", args=[course_session.pk])).status_code in (
        302,
        403,
    )
    client.force_login(factories.make_learner())
    assert client.get(reverse("live_attendance", args=[course_session.pk])).status_code in (
        302,
        403,
    )


ZOOM = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
    "Ana,ANA@example.org,03/01/2027 10:00,03/01/2027 11:00,60\n"
    "Ana,ana@example.org,03/01/2027 11:05,03/01/2027 11:30,25\n"
    "Chi,chi@example.org,03/01/2027 10:02,03/01/2027 11:00,58\n"
    "Guest,guest@example.org,03/01/2027 10:03,03/01/2027 10:30,27\n"
    "Phone,,03/01/2027 10:03,03/01/2027 10:30,27\n"
)


def _upload(client, session, text, name="attendance.csv"):
    return client.post(
        reverse("live_attendance_import", args=[session.pk]),
        {"file": SimpleUploadedFile(name, text.encode("utf-8-sig"), "text/csv")},
    )


def test_importing_a_zoom_report_marks_matched_registrants_and_lists_the_rest(
    trainer_client, course_session, registered
):
    response = _upload(trainer_client, course_session, ZOOM)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.matched == ["ana@example.org", "chi@example.org"]
    assert report.unmatched == ["guest@example.org"]
    assert set(Registration.objects.filter(attended=True).values_list("email", flat=True)) == {
        "ana@example.org",
        "chi@example.org",
    }


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Name;Minutes\nAna;60\n", "no e-mail column"),
        ("Email\nana@example.org\nnot an address\n", "Line 3"),
    ],
)
def test_a_file_with_errors_changes_nothing(
    trainer_client, course_session, registered, text, error
):
    response = _upload(trainer_client, course_session, text)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Registration.objects.filter(attended=True).exists()


def test_a_file_that_is_not_utf8_is_refused(trainer_client, course_session, registered):
    response = trainer_client.post(
        reverse("live_attendance_import", args=[course_session.pk]),
        {"file": SimpleUploadedFile("a.csv", "Email\né@x.org\n".encode("utf-16"), "text/csv")},
    )
    assert response.status_code == 400
    assert not Registration.objects.filter(attended=True).exists()


def test_a_teams_report_with_semicolons_is_read(course_session, registered):
    report = services.attendance_import(
        session=course_session, data=b"Full Name;Email;Role\nBen;ben@example.org;Attendee\n"
    )
    assert report.ok and report.matched == ["ben@example.org"]


def test_attending_a_module_session_counts_towards_completion(course, course_session, registered):
    learner = registered[0].user
    before = course_progress_for(course=course, learner=learner)
    services.attendance_mark(session=course_session, attended_ids=[registered[0].pk])
    after = course_progress_for(course=course, learner=learner)
    assert after.required_count == before.required_count
    assert after.done_count == before.done_count + 1
    assert after.is_done(course_session.translation_key)


def test_a_coordinator_of_the_course_may_take_attendance(client, course, course_session):
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    client.force_login(coordinator)
    response = client.get(reverse("live_attendance", args=[course_session.pk]))
    assert response.status_code == 200


def test_attendance_completes_the_course_when_it_was_the_last_step(course, course_session):
    from courses import services as course_services
    from courses.models import Enrolment, LessonPage

    person = factories.make_learner(email="dan@example.org")
    enrolment = factories.make_enrolment(learner=person, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        course_services.lesson_complete(learner=person, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    services.registration_create(session=course_session, user=person)
    services.attendance_import(session=course_session, data=b"Email\ndan@example.org\n")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.progress_percent) == (Enrolment.Status.COMPLETED, 100)
