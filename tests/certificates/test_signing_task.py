"""Completing a course stores the certificate in the learner's request; signing its credential
and the e-mail that announces it run in a task queued on commit."""

import pytest
from django.core import mail
from django.db import transaction

from certificates import services, verification
from certificates.models import Certificate
from courses import services as course_services
from courses.models import LessonPage
from tests import factories

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


def test_completing_a_course_queues_the_signing_and_the_mail_after_the_request(
    course, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner(preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)  # stored in the request
    assert certificate.credential is None and mail.outbox == []
    (signing,) = queued(recording_backend, "credential_sign_task")
    assert signing.args == [certificate.pk]
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()
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
    certificate = services.certificate_pdf_ensure(certificate=certificate)
    assert certificate.pdf and verification.credential_is_authentic(certificate)
    # The task still tells the learner, and signs nothing again.
    signed = certificate.credential
    (signing,) = queued(recording_backend, "credential_sign_task")
    with django_capture_on_commit_callbacks(execute=True):
        signing.task.call(*signing.args, **signing.kwargs)
    certificate.refresh_from_db()
    assert certificate.credential == signed
    assert len(queued(recording_backend, "mail_send_task")) == 1
