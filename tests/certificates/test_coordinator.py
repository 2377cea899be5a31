"""Coordinators: eligible learners, bulk issue as a task, revocation, protected courses."""

import pytest

from certificates.models import Certificate, IssueRun
from lms import roles
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def coordinator_client(client):
    """A programme manager: the coordinator's screens over every cohort (scope is tested in
    tests/coordination and below)."""
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


@pytest.mark.engine_sensitive
def test_coordinator_sees_who_has_earned_the_certificate(coordinator_client, course):
    done, pending = factories.make_learner(), factories.make_learner()
    complete(done, course)
    factories.make_enrolment(learner=pending, course=course)
    html = coordinator_client.get(f"/admin/certificates/course/{course.pk}/").content.decode()
    assert "1 learner has earned the certificate" in html
    assert done.email in html and pending.email not in html


@pytest.mark.engine_sensitive
def test_bulk_issue_runs_as_a_task_and_can_run_again_safely(
    coordinator_client, course, django_capture_on_commit_callbacks
):
    learners = [factories.make_learner() for _ in range(3)]
    for learner in learners:
        complete(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/admin/certificates/course/{course.pk}/")
    run = IssueRun.objects.get()
    assert response["Location"] == f"/admin/certificates/run/{run.pk}/"
    assert (run.state, run.total, run.issued) == ("done", 3, 3)
    assert (
        "3 of 3 certificates issued"
        in coordinator_client.get(response["Location"]).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/admin/certificates/course/{course.pk}/")
    assert Certificate.objects.count() == 3


def test_coordinator_revokes_with_a_reason(coordinator_client, course, learner):
    complete(learner, course)
    from certificates import services

    certificate = services.certificate_issue(learner=learner, course=course)
    response = coordinator_client.post(
        f"/admin/certificates/{certificate.code}/revoke/", {"reason": "error", "note": "Typo"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "error" and certificate.revoked_at


def test_revoking_without_a_valid_reason_changes_nothing(coordinator_client, course, learner):
    complete(learner, course)
    from certificates import services

    certificate = services.certificate_issue(learner=learner, course=course)
    response = coordinator_client.post(
        f"/admin/certificates/{certificate.code}/revoke/", {"reason": "whim"}
    )
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_learners_and_trainers_cannot_reach_the_certificate_screens(client, course):
    for user in (
        factories.make_learner(),
        factories.make_staff(role=roles.TRAINER, with_totp=True),
    ):
        client.force_login(user)
        for url in ("/admin/certificates/", f"/admin/certificates/course/{course.pk}/"):
            assert client.get(url).status_code in (302, 403), (user, url)


def test_a_course_with_certificates_cannot_be_deleted_in_the_admin(client, course, learner):
    complete(learner, course)
    from certificates import services

    services.certificate_issue(learner=learner, course=course)
    admin = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(f"/admin/pages/{course.pk}/delete/")
    assert response.status_code == 302
    from courses.models import CoursePage

    assert CoursePage.objects.filter(pk=course.pk).exists()


def test_coordinator_records_an_in_person_award(coordinator_client, course):
    response = coordinator_client.post(
        f"/admin/certificates/course/{course.pk}/in-person/",
        {"name_as_printed": "Nuno Gonçalves", "event_name": "Maputo workshop",
         "event_date": "2026-05-12", "language": "pt"},
    )  # fmt: skip
    assert response.status_code == 302
    award = Certificate.objects.get()
    assert (award.learner, award.event_name, award.language) == (None, "Maputo workshop", "pt")


def test_an_incomplete_in_person_award_is_refused(coordinator_client, course):
    response = coordinator_client.post(
        f"/admin/certificates/course/{course.pk}/in-person/", {"name_as_printed": "X"}
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


@pytest.mark.engine_sensitive
def test_a_coordinator_works_only_with_their_own_cohorts(client, course):
    from courses.models import Cohort

    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    mine = Cohort.objects.create(course=course, name="Mine", start_date="2026-01-05")
    mine.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    theirs = Cohort.objects.create(course=course, name="Theirs", start_date="2026-01-05")
    member, stranger = factories.make_learner(), factories.make_learner()
    factories.make_enrolment(learner=member, course=course, cohort=mine)
    factories.make_enrolment(learner=stranger, course=course, cohort=theirs)
    complete(member, course)
    complete(stranger, course)
    client.force_login(coordinator)
    html = client.get(f"/admin/certificates/course/{course.pk}/").content.decode()
    assert member.email in html and stranger.email not in html
    assert "Theirs" not in html and "All learners" not in html
    html = client.get(f"/admin/certificates/course/{course.pk}/?cohort={theirs.pk}").content
    assert stranger.email.encode() not in html
    from certificates import services

    certificate = services.certificate_issue(learner=stranger, course=course)
    response = client.get(f"/admin/certificates/{certificate.code}/revoke/", follow=True)
    assert response.status_code == 404
    other_course = factories.make_course(index=course.get_parent(), modules=1, lessons=1)
    response = client.get(f"/admin/certificates/course/{other_course.pk}/", follow=True)
    assert response.status_code == 404


def test_the_template_choosers_create_url_is_a_404_not_a_500(client):
    from lms import roles
    from tests import factories

    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    client.raise_request_exception = False
    url = "/admin/snippets/choose/certificates/certificatetemplate/create/"
    assert client.post(url, follow=True).status_code == 404
