"""Course assignment: coordinators act only through their cohorts on courses a programme
manager assigned them; member search and applications follow the same scope (issue 12)."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from coordination import services
from coordination.models import AuditEvent, CourseAssignment
from courses.models import Cohort, Enrolment
from lms import roles
from tests import factories
from tests.coordination.test_workspace import not_found

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1, title="Ransomware response")


@pytest.fixture
def manager_client(client):
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


def cohort_data(course, **extra):
    return {"course": course.pk, "name": "Accra intake", "start_date": "2026-05-04", **extra}


# Assigning courses -----------------------------------------------------------------------


def test_a_programme_manager_assigns_a_course_and_the_log_says_so(
    manager_client, coordinator, course
):
    response = manager_client.post(
        "/admin/coordination/assignments/", {"coordinator": coordinator.pk, "course": course.pk}
    )
    assert response.status_code == 302
    assignment = CourseAssignment.objects.get()
    assert (assignment.coordinator, assignment.course) == (coordinator, course)
    event = AuditEvent.objects.get(action="assign")
    assert (event.subject, event.course_id) == (coordinator, course.pk)
    html = manager_client.get("/admin/coordination/assignments/").content.decode()
    assert coordinator.email in html and "Digital evidence" in html


def test_only_coordinators_can_be_assigned_and_bad_ids_change_nothing(manager_client, course):
    trainer = factories.make_staff(role=roles.TRAINER, with_totp=True)
    for data in (
        {"coordinator": trainer.pk, "course": course.pk},
        {"coordinator": "999999", "course": course.pk},
        {"coordinator": "x", "course": "999999"},
    ):
        response = manager_client.post("/admin/coordination/assignments/", data)
        assert response.status_code == 200, data
        assert "Select a valid choice" in response.content.decode()
    assert not CourseAssignment.objects.exists()


@pytest.mark.engine_sensitive
def test_removing_an_assignment_takes_the_courses_cohorts_away(
    manager_client, client, coordinator, cohort
):
    assignment = CourseAssignment.objects.get(coordinator=coordinator)
    response = manager_client.post(f"/admin/coordination/assignments/{assignment.pk}/remove/")
    assert response.status_code == 302
    assert not CourseAssignment.objects.exists()
    assert AuditEvent.objects.filter(action="unassign", subject=coordinator).exists()
    client.force_login(coordinator)
    assert not_found(client, f"/admin/coordination/cohorts/{cohort.pk}/members/")
    assert "Maputo 2026" not in client.get("/admin/coordination/cohorts/").content.decode()


def test_coordinators_cannot_assign_courses(coordinator_client, coordinator, other_course):
    for method, url in (
        ("get", "/admin/coordination/assignments/"),
        ("post", "/admin/coordination/assignments/"),
    ):
        response = getattr(coordinator_client, method)(
            url, {"coordinator": coordinator.pk, "course": other_course.pk}
        )
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    assignment = factories.make_course_assignment(coordinator=coordinator, course=other_course)
    response = coordinator_client.post(f"/admin/coordination/assignments/{assignment.pk}/remove/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert CourseAssignment.objects.filter(pk=assignment.pk).exists()
    assert list(CourseAssignment.objects.values_list("course_id", flat=True)) == [other_course.pk]


@pytest.mark.engine_sensitive
def test_the_data_migration_assigns_coordinators_to_their_cohorts_courses(course):
    coordinator = factories.make_staff(role=roles.COORDINATOR)
    Cohort.objects.create(course=course, name="Old", start_date="2025-01-06").coordinators.add(
        coordinator
    )
    migration = importlib.import_module("coordination.migrations.0003_assign_cohort_coordinators")
    migration.assign_cohort_coordinators(apps, None)
    migration.assign_cohort_coordinators(apps, None)  # running twice adds nothing
    assert list(CourseAssignment.objects.values_list("coordinator", "course")) == [
        (coordinator.pk, course.pk)
    ]


# The cohort form ---------------------------------------------------------------------------


def test_the_cohort_form_offers_only_assigned_courses(
    coordinator_client, cohort, course, other_course
):
    html = coordinator_client.get("/admin/coordination/cohorts/new/").content.decode()
    assert "Digital evidence" in html and "Ransomware response" not in html
    response = coordinator_client.post(
        "/admin/coordination/cohorts/new/", cohort_data(other_course)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Cohort.objects.filter(course=other_course).exists()


def test_a_coordinator_cannot_move_their_cohort_to_an_unassigned_course(
    coordinator_client, cohort, other_course
):
    response = coordinator_client.post(
        f"/admin/coordination/cohorts/edit/{cohort.pk}/",
        cohort_data(other_course, name=cohort.name),
    )
    assert response.status_code == 200
    cohort.refresh_from_db()
    assert cohort.course_id != other_course.pk


def test_a_cohort_with_members_keeps_its_course(
    coordinator_client, coordinator, cohort, course, other_course
):
    factories.make_course_assignment(coordinator=coordinator, course=other_course)
    factories.make_enrolment(learner=factories.make_learner(), course=course, cohort=cohort)
    url = f"/admin/coordination/cohorts/edit/{cohort.pk}/"
    response = coordinator_client.post(url, cohort_data(other_course, name=cohort.name))
    assert response.status_code == 200
    assert "The course cannot change: the cohort has members." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.course_id == course.pk
    # The service refuses as well, whatever calls it.
    cohort.course = other_course
    with pytest.raises(services.CoordinationError):
        services.cohort_save(cohort=cohort, by=coordinator, created=False)
    cohort.refresh_from_db()
    assert cohort.course_id == course.pk


def test_an_empty_cohort_may_move_to_another_assigned_course(
    coordinator_client, coordinator, cohort, other_course
):
    factories.make_course_assignment(coordinator=coordinator, course=other_course)
    response = coordinator_client.post(
        f"/admin/coordination/cohorts/edit/{cohort.pk}/",
        cohort_data(other_course, name=cohort.name),
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.course_id == other_course.pk


def test_cohort_history_and_usage_are_scoped(coordinator_client, cohort, course):
    other = Cohort.objects.create(course=course, name="Lima 2026", start_date="2026-03-02")
    for view in ("history", "history-results", "usage", "delete"):
        assert not_found(coordinator_client, f"/admin/coordination/cohorts/{view}/{other.pk}/")
    for view in ("history", "history-results", "usage"):
        url = f"/admin/coordination/cohorts/{view}/{cohort.pk}/"
        assert coordinator_client.get(url).status_code == 200, url


# Members -----------------------------------------------------------------------------------


def search(client, cohort, q) -> str:
    """The page's "add" buttons: one hidden e-mail field per person found."""
    html = client.get(f"/admin/coordination/cohorts/{cohort.pk}/members/", {"q": q})
    return " ".join(re.findall(r'name="email" value="([^"]*)"', html.content.decode()))


@pytest.mark.engine_sensitive
def test_member_search_finds_no_staff(coordinator_client, cohort):
    staff = factories.make_staff(role=roles.PROGRAMME_MANAGER, family_name="Zanzibar")
    assert staff.email not in search(coordinator_client, cohort, "zanzibar")
    assert staff.email not in search(coordinator_client, cohort, staff.email)


@pytest.mark.engine_sensitive
def test_strangers_are_found_by_exact_email_only(coordinator_client, cohort):
    stranger = factories.make_learner(family_name="Okonkwo")
    assert stranger.email not in search(coordinator_client, cohort, "okonkwo")
    assert stranger.email not in search(coordinator_client, cohort, stranger.email[:-2])
    assert stranger.email in search(coordinator_client, cohort, stranger.email.upper())


@pytest.mark.engine_sensitive
def test_members_of_ones_other_cohorts_are_found_by_name(
    coordinator_client, coordinator, cohort, other_course
):
    factories.make_course_assignment(coordinator=coordinator, course=other_course)
    mine = Cohort.objects.create(course=other_course, name="Mine", start_date="2026-01-05")
    mine.coordinators.add(coordinator)
    member = factories.make_learner(family_name="Mbeki")
    factories.make_enrolment(learner=member, course=other_course, cohort=mine)
    theirs = Cohort.objects.create(course=other_course, name="Theirs", start_date="2026-01-05")
    other_member = factories.make_learner(family_name="Mbeki")
    factories.make_enrolment(learner=other_member, course=other_course, cohort=theirs)
    found = search(coordinator_client, cohort, "mbeki")
    assert member.email in found and other_member.email not in found


def test_member_add_refuses_staff_and_unknown_people(coordinator_client, cohort):
    staff = factories.make_staff(role=roles.COORDINATOR)
    url = f"/admin/coordination/cohorts/{cohort.pk}/members/add/"
    for data in ({"email": staff.email}, {"email": "nobody@example.org"}, {}):
        response = coordinator_client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "Only a learner can be added, by their exact e-mail address." in (
            response.content.decode()
        )
    assert not Enrolment.objects.exists()


@pytest.mark.engine_sensitive
def test_member_add_takes_an_exact_email(coordinator_client, cohort):
    person = factories.make_learner()
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/members/add/", {"email": person.email.upper()}
    )
    assert Enrolment.objects.get(learner=person).cohort == cohort


# Applications ------------------------------------------------------------------------------


@pytest.fixture
def vetted(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, title="Darknet investigations", enrolment="approval"
    )


@pytest.fixture
def application(vetted):
    letter = SimpleUploadedFile("l.pdf", b"%PDF-1.4 private", content_type="application/pdf")
    return services.application_submit(
        course=vetted, applicant=factories.make_learner(), letter=letter, agency_name="X",
        agency_type="police", job_title="Officer", motivation="Cases.",
    )  # fmt: skip


def test_applications_go_to_the_coordinators_assigned_to_the_course(
    coordinator_client, coordinator, application, vetted
):
    urls = [
        f"/admin/coordination/applications/{application.pk}/",
        f"/admin/coordination/applications/{application.pk}/letter/",
    ]
    # A cohort of one's own on the course is not enough without the assignment.
    Cohort.objects.create(course=vetted, name="Own", start_date="2026-03-02").coordinators.add(
        coordinator
    )
    for url in urls:
        assert not_found(coordinator_client, url), url
    assert b"Darknet" not in coordinator_client.get("/admin/coordination/applications/").content
    factories.make_course_assignment(coordinator=coordinator, course=vetted)
    for url in urls:
        assert coordinator_client.get(url).status_code == 200, url
    assert b"Darknet" in coordinator_client.get("/admin/coordination/applications/").content


def test_an_application_joins_only_a_cohort_one_coordinates(
    coordinator_client, coordinator, application, vetted
):
    factories.make_course_assignment(coordinator=coordinator, course=vetted)
    theirs = Cohort.objects.create(course=vetted, name="Theirs", start_date="2026-03-02")
    response = coordinator_client.post(
        f"/admin/coordination/applications/{application.pk}/",
        {"decision": "approve", "cohort": theirs.pk},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "pending"
    assert not Enrolment.objects.exists()


def test_the_decision_service_itself_refuses_a_cohort_one_does_not_coordinate(
    coordinator, application, vetted
):
    from coordination import services
    from coordination.services import CoordinationError

    factories.make_course_assignment(coordinator=coordinator, course=vetted)
    theirs = Cohort.objects.create(course=vetted, name="Theirs", start_date="2026-03-02")
    with pytest.raises(CoordinationError, match="do not coordinate"):
        services.application_decide(
            application=application, approve=True, by=coordinator, cohort=theirs
        )
    application.refresh_from_db()
    assert application.status == "pending"
    assert not Enrolment.objects.exists()
