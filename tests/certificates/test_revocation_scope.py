"""Who may revoke which certificate, and what the public page tells about a revocation
(issue 12): a coordinator revokes only certificates earned in a cohort they coordinate."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from certificates import services
from certificates.models import Certificate
from courses.models import Cohort
from lms import roles
from tests import factories
from tests.certificates.test_certificates import complete
from tests.coordination.test_workspace import not_found

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def other_course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def cohort(course, coordinator):
    cohort = Cohort.objects.create(course=course, name="Mine", start_date="2026-01-05")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    return cohort


def revoke_url(certificate) -> str:
    return f"/admin/certificates/{certificate.code}/revoke/"


@pytest.mark.engine_sensitive
def test_a_coordinator_revokes_a_certificate_earned_in_their_cohort(
    coordinator_client, cohort, course
):
    member = factories.make_learner()
    factories.make_enrolment(learner=member, course=course, cohort=cohort)
    complete(member, course)
    certificate = services.certificate_issue(learner=member, course=course)
    response = coordinator_client.post(revoke_url(certificate), {"reason": "error"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_valid


def test_a_member_of_ones_cohort_keeps_their_certificate_of_another_course(
    coordinator_client, cohort, course, other_course
):
    member = factories.make_learner()
    factories.make_enrolment(learner=member, course=course, cohort=cohort)
    complete(member, other_course)
    certificate = services.certificate_issue(learner=member, course=other_course)
    assert not_found(coordinator_client, revoke_url(certificate))
    assert not_found(coordinator_client, revoke_url(certificate), "post", {"reason": "error"})
    certificate.refresh_from_db()
    assert certificate.is_valid


@pytest.mark.engine_sensitive
def test_a_certificate_earned_in_another_cohort_of_the_course_cannot_be_revoked(
    coordinator_client, cohort, course
):
    theirs = Cohort.objects.create(course=course, name="Theirs", start_date="2026-01-05")
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course, cohort=theirs)
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    assert not_found(coordinator_client, revoke_url(certificate), "post", {"reason": "error"})
    certificate.refresh_from_db()
    assert certificate.is_valid
    html = coordinator_client.get(f"/admin/certificates/course/{course.pk}/").content.decode()
    assert certificate.code not in html


def test_someone_who_completed_the_course_alone_cannot_be_brought_into_a_cohort(
    coordinator_client, cohort, course
):
    learner = factories.make_learner()
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    response = coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/members/add/",
        {"email": learner.email},
        follow=True,
    )
    assert "Has already completed this course outside a cohort." in response.content.decode()
    assert learner.enrolments.get().cohort is None
    assert not_found(coordinator_client, revoke_url(certificate), "post", {"reason": "error"})
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_an_unassigned_coordinator_revokes_nothing(
    coordinator_client, coordinator, cohort, course
):
    member = factories.make_learner()
    factories.make_enrolment(learner=member, course=course, cohort=cohort)
    complete(member, course)
    certificate = services.certificate_issue(learner=member, course=course)
    coordinator.course_assignments.all().delete()
    assert not_found(coordinator_client, revoke_url(certificate), "post", {"reason": "error"})
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_in_person_awards_are_revoked_by_programme_managers_only(client, coordinator, course):
    award = services.certificate_award_in_person(
        course=course, name_as_printed="Nuno", event_name="Workshop", event_date="2026-05-12",
        language="pt", issued_by=coordinator,
    )  # fmt: skip
    client.force_login(coordinator)
    assert not_found(client, revoke_url(award), "post", {"reason": "error"})
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    assert client.post(revoke_url(award), {"reason": "error"}).status_code == 302
    assert not Certificate.objects.get(pk=award.pk).is_valid


# The public verification page -------------------------------------------------------------


@pytest.fixture
def revoked(course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    return services.certificate_revoke(certificate=certificate, reason="misconduct")


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_the_public_page_gives_the_date_of_a_revocation_but_not_its_reason(
    client, revoked, language
):
    from django.utils import translation

    with translation.override(language):
        reason = str(Certificate.RevocationReason.MISCONDUCT.label)
        date = date_format(timezone.localtime(revoked.revoked_at), "DATE_FORMAT")
    html = client.get(f"/{language}/verify/{revoked.code}/").content.decode()
    assert date in html
    assert reason not in html
    data = client.get(f"/{language}/verify/{revoked.code}.json").json()
    assert data["status"] == "revoked" and data["revoked"]
    assert data["revocation_reason"] is None


def test_the_holder_and_staff_read_the_reason(client, revoked, learner, coordinator):
    for person in (learner, coordinator):
        client.force_login(person)
        html = client.get(f"/en/verify/{revoked.code}/").content.decode()
        assert "academic misconduct" in html, person
        assert client.get(f"/en/verify/{revoked.code}.json").json()["revocation_reason"] == (
            "misconduct"
        )
    client.force_login(factories.make_learner())
    assert "academic misconduct" not in client.get(f"/en/verify/{revoked.code}/").content.decode()
