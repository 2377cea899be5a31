"""Certificates of attendance of a live session: issued on the attendance screen to those who
attended, in each attendee's language, with the certificates' machinery (verification,
revocation, signed credential, PDF); a public registrant gets theirs through their link."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from live.models import LiveSessionPage, Registration
from tests import factories
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    from lms import roles

    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


@pytest.fixture
def webinar(catalog):
    """A public session held two days ago: a learner and a public registrant attended, a
    second public registrant did not."""
    session = make_live_session(
        parent=catalog,
        audience=LiveSessionPage.Audience.PUBLIC,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        title="Sextortion: first response",
    )
    learner = factories.make_learner(given_name="Ana", family_name="Lima", preferred_language="pt")
    rows = [
        Registration(session=session, user=learner, email=learner.email, attended=True),
        Registration(
            session=session, name="Somchai <b>P.</b>", email="somchai@example.org",
            language="es", attended=True,
        ),
        Registration(session=session, name="Absent", email="absent@example.org"),
    ]  # fmt: skip
    for row in rows:
        row.status = Registration.Status.REGISTERED
        row.save()
    return session


def _issue(client, session):
    return client.post(reverse("live_attendance_certificates", args=[session.pk]), follow=True)


def test_the_attendees_and_only_they_get_a_certificate_once(
    manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _issue(manager_client, webinar)
    assert "2 certificates of attendance issued." in response.content.decode()
    issued = {
        registration.email: registration.certificate
        for registration in Registration.objects.select_related("certificate")
    }
    assert issued["absent@example.org"] is None
    public = issued["somchai@example.org"]
    assert (public.learner, public.live_session_id, public.course) == (None, webinar.pk, None)
    assert public.name_as_printed == "Somchai <b>P.</b>" and public.language == "es"
    assert public.course_title == "Sextortion: first response"
    learner_certificate = Certificate.objects.get(learner__isnull=False)
    assert learner_certificate.name_as_printed == "Ana Lima"
    assert learner_certificate.language == "pt"
    with django_capture_on_commit_callbacks(execute=True):
        again = _issue(manager_client, webinar)
    assert "0 certificates of attendance issued." in again.content.decode()
    assert Certificate.objects.count() == 2


def test_the_credential_is_signed_with_the_attendance_wording(
    manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    certificate = Certificate.objects.get(learner__isnull=True)
    certificate.refresh_from_db()
    achievement = certificate.credential["credentialSubject"]["achievement"]
    assert achievement["description"].startswith("Certificado de asistencia")
    assert certificate.proof_valid


def test_the_public_registrant_is_mailed_the_verification_and_personal_pdf_links(
    manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    registration = Registration.objects.get(email="somchai@example.org")
    (message,) = [m for m in mail.outbox if m.to == ["somchai@example.org"]]
    assert message.extra_headers["Content-Language"] == "es"
    assert f"/es/verify/{registration.certificate.code}/" in message.body
    assert f"/es/live/access/{registration.token}/certificate.pdf" in message.body
    (learner_mail,) = [m for m in mail.outbox if m.to != ["somchai@example.org"]]
    assert learner_mail.extra_headers["Content-Language"] == "pt"
    assert "/access/" not in learner_mail.body


def test_the_verification_page_names_the_session_attended(
    client, manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    certificate = Certificate.objects.get(learner__isnull=True)
    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Live session attended" in html
    assert "Sextortion: first response" in html


def test_a_revoked_certificate_is_no_longer_handed_out_by_the_personal_link(
    client, manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    registration = Registration.objects.get(email="somchai@example.org")
    url = reverse("live:access_certificate", args=[registration.token])
    certificate_services.certificate_revoke(certificate=registration.certificate, reason="error")
    assert client.get(url).status_code == 404
    assert client.get(reverse("live:access_certificate", args=["not-a-token"])).status_code == 404


def test_coordinators_of_other_courses_and_learners_cannot_issue(client, webinar):
    client.force_login(factories.make_learner())
    response = client.post(reverse("live_attendance_certificates", args=[webinar.pk]))
    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()


def test_issuing_takes_get_requests_for_nothing(manager_client, webinar):
    response = manager_client.get(reverse("live_attendance_certificates", args=[webinar.pk]))
    assert response.status_code == 405
    assert not Certificate.objects.exists()


def test_a_learners_attendance_certificate_can_be_corrected_into_another_language(
    manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    certificate = Certificate.objects.get(learner__isnull=False)
    new = certificate_services.certificate_reissue(certificate=certificate, language="fr")
    assert (new.live_session_id, new.language, new.course) == (webinar.pk, "fr", None)
    assert new.course_title == "Sextortion: first response"


def test_a_programme_manager_revokes_an_attendance_certificate_by_its_code(
    manager_client, webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    certificate = Certificate.objects.get(learner__isnull=True)
    url = reverse("certificates_revoke", args=[certificate.code])
    assert manager_client.get(url).status_code == 200
    response = manager_client.post(url, {"reason": "error", "note": "Wrong session."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_a_public_registrant_downloads_the_pdf_through_their_personal_link(
    client, manager_client, webinar, django_capture_on_commit_callbacks
):
    pytest.importorskip("weasyprint")
    with django_capture_on_commit_callbacks(execute=True):
        _issue(manager_client, webinar)
    registration = Registration.objects.get(email="somchai@example.org")
    response = client.get(reverse("live:access_certificate", args=[registration.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
