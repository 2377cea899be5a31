"""Completing a course stores the certificate in the learner's request; signing its credential
and the e-mail that announces it run in a task queued on commit."""

import pytest
from django.core import mail
from django.db import transaction

from certificates import services, verification
from certificates.models import Certificate
from courses import services as course_services
from courses.models import LessonPage
from lms import roles
from lms.models import Notification
from tests import factories
from tests.certificates.signing import signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording_backend(settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="automatic", estimated_hours=8
    )


def complete(learner, course):
    course_services.enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        course_services.lesson_complete(learner=learner, lesson=lesson)


def queued(backend, name):
    return [result for result in backend.results if result.task.name == name]


def sign_now(certificate, recording_backend, django_capture_on_commit_callbacks) -> None:
    """Run the signing task queued for ``certificate`` (a re-issue's old certificate has its
    own task, left unrun) with its on-commit work, and reload the certificate."""
    (signing,) = [
        result
        for result in queued(recording_backend, "credential_sign_task")
        if result.args == [certificate.pk]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()


def test_completing_a_course_queues_the_signing_and_the_mail_after_the_request(
    course, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner(preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)  # stored in the request
    assert certificate.credential is None and mail.outbox == []
    sign_now(certificate, recording_backend, django_capture_on_commit_callbacks)
    assert certificate.credential["credentialSubject"]["achievement"]["name"]
    assert verification.credential_is_authentic(certificate)
    (mailing,) = queued(recording_backend, "mail_send_task")
    mailing.task.call(*mailing.args, **mailing.kwargs)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "es"


def test_with_the_immediate_backend_the_credential_is_signed_and_announced_on_commit(
    course, django_capture_on_commit_callbacks
):
    learner = factories.make_learner()
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    assert verification.credential_is_authentic(certificate)
    assert len(mail.outbox) == 1 and certificate.code in mail.outbox[0].body


def test_a_rolled_back_completion_queues_nothing(course, recording_backend):
    learner = factories.make_learner()
    with pytest.raises(RuntimeError), transaction.atomic():
        complete(learner, course)
        raise RuntimeError
    assert recording_backend.results == []
    assert not Certificate.objects.exists()


def test_a_certificate_revoked_before_its_task_ran_is_signed_but_not_announced(
    course, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner()
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    services.certificate_revoke(certificate=certificate, reason="error")
    recording_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_credential_sign(certificate_id=certificate.pk)
    assert queued(recording_backend, "mail_send_task") == []
    certificate.refresh_from_db()
    assert certificate.credential is not None


def test_the_verification_page_says_a_credential_is_being_signed(
    client, course, recording_backend, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    learner = factories.make_learner()
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    with django_assert_max_num_queries(3):
        html = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "Valid certificate" in html
    assert "The digital credential is being signed" in html
    assert client.get(f"/en/verify/{certificate.code}/credential.json").status_code == 404
    html = client.get(f"/fr/verify/{certificate.code}/").content.decode()
    assert "en cours de signature" in html


def test_a_pdf_downloaded_before_the_task_ran_carries_a_signed_credential(
    course, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner()
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_pdf_ensure(certificate=certificate)
    assert certificate.pdf and verification.credential_is_authentic(certificate)
    # The download signed it, so the download told the learner; the task, finding the
    # credential signed, neither signs again nor sends a second e-mail.
    assert len(queued(recording_backend, "mail_send_task")) == 1
    signed = certificate.credential
    (signing,) = queued(recording_backend, "credential_sign_task")
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()
    assert certificate.credential == signed
    assert len(queued(recording_backend, "mail_send_task")) == 1


@pytest.fixture
def coordinated(catalog):
    """A course whose certificates a coordinator issues."""
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator", estimated_hours=8
    )


@pytest.fixture
def manager_client(client):
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


def _bulk(client, course):
    learner = factories.make_learner()
    complete(learner, course)
    client.post(f"/admin/certificates/course/{course.pk}/")
    return learner, None


def _in_person(client, course):
    client.post(
        f"/admin/certificates/course/{course.pk}/in-person/",
        {"name_as_printed": "Ana Dias", "event_name": "Workshop, Maputo",
         "event_date": "2026-11-20", "language": "pt"},
    )  # fmt: skip
    return None, "Ana Dias"


def _reissue(client, course):
    learner = factories.make_learner()
    complete(learner, course)
    old = signed(services.certificate_issue, learner=learner, course=course)
    client.force_login(learner)
    client.post(
        f"/en/learn/certificates/{old.code}/correct/",
        {"name_as_printed": "Ana M. Dias", "language": "en"},
    )
    return learner, "Ana M. Dias"


@pytest.mark.parametrize(
    "path", [_bulk, _in_person, _reissue], ids=["bulk", "in_person", "reissue"]
)
def test_every_issue_path_stores_the_certificate_and_signs_it_in_the_task(
    path, coordinated, manager_client, recording_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        learner, name = path(manager_client, coordinated)
    # A bulk issue is itself a task: it runs the way the worker would.
    for run in queued(recording_backend, "issue_run_task"):
        with django_capture_on_commit_callbacks(execute=True):
            run.task.call(*run.args, **run.kwargs)
    certificate = Certificate.objects.get(revoked_at__isnull=True)
    assert name is None or certificate.name_as_printed == name
    # Stored at once and shown as being signed; nothing signed nor sent in the request.
    assert certificate.credential is None
    assert queued(recording_backend, "mail_send_task") == []
    html = manager_client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "The digital credential is being signed" in html
    sign_now(certificate, recording_backend, django_capture_on_commit_callbacks)
    assert verification.credential_is_authentic(certificate)
    # The holder with an account is told once it is signed; an in-person award has no one.
    assert len(queued(recording_backend, "mail_send_task")) == (learner is not None)


def test_the_signing_task_run_twice_signs_and_announces_once(
    coordinated, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner()
    complete(learner, coordinated)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_issue(learner=learner, course=coordinated)
    (signing,) = queued(recording_backend, "credential_sign_task")
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()
    first = certificate.credential
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()
    assert certificate.credential == first
    assert len(queued(recording_backend, "mail_send_task")) == 1
    assert Notification.objects.filter(recipient=learner).count() == 1


def test_a_task_for_a_certificate_that_no_longer_exists_does_nothing(db):
    assert services.certificate_credential_sign(certificate_id=987654) is None


def test_the_dashboard_and_the_coordinators_list_show_a_certificate_being_signed(
    client, coordinated, manager_client, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner(preferred_language="fr")
    complete(learner, coordinated)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_issue(learner=learner, course=coordinated)
    html = manager_client.get(f"/admin/certificates/course/{coordinated.pk}/").content.decode()
    assert certificate.code in html and "credential being signed" in html
    client.force_login(learner)
    html = client.get("/fr/learn/").content.decode()
    assert certificate.code in html
    assert "en cours de signature" in html
    assert f"/verify/{certificate.code}/credential.json" not in html  # no link to a 404
    (signing,) = queued(recording_backend, "credential_sign_task")
    signing.task.call(*signing.args, **signing.kwargs)
    html = client.get("/fr/learn/").content.decode()
    assert f"/verify/{certificate.code}/credential.json" in html
    assert "en cours de signature" not in html
    html = manager_client.get(f"/admin/certificates/course/{coordinated.pk}/").content.decode()
    assert "credential being signed" not in html


def test_the_coordinators_list_costs_the_same_however_many_certificates_are_being_signed(
    coordinated, manager_client, recording_backend, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/admin/certificates/course/{coordinated.pk}/"

    def issue():
        learner = factories.make_learner()
        complete(learner, coordinated)
        with django_capture_on_commit_callbacks(execute=True):
            services.certificate_issue(learner=learner, course=coordinated)

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(url).status_code == 200
        return len(queries.captured_queries)

    issue()
    manager_client.get(url)  # Wagtail's site and locale caches
    one = cost()
    issue()
    issue()
    assert Certificate.objects.filter(credential__isnull=True).count() == 3
    assert cost() == one <= 17
