"""Live-session e-mails leave through lms.notify.mail_enqueue: queued on commit, rendered in a
background task in the registrant's language and zone, with the session's calendar file."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from live import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording_backend(settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def _run_queued(backend):
    for result in backend.results:
        result.task.call(*result.args, **result.kwargs)


def _register_public(session, **overrides):
    details = {
        "name": "Amina Diallo",
        "email": "amina@example.org",
        "country": "SN",
        "affiliation_type": "other",
        "consent": True,
        "language": "es",
        "time_zone": "America/Bogota",
    }
    details.update(overrides)
    return services.public_registration_create(session=session, **details)


def test_a_public_registrants_mail_is_queued_and_written_in_their_language_and_zone(
    public_session, recording_backend, django_capture_on_commit_callbacks
):
    with translation.override("fr"), django_capture_on_commit_callbacks() as callbacks:
        registration = _register_public(public_session)
        assert recording_backend.results == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [result.task.name for result in recording_backend.results] == ["mail_send_task"]
    assert mail.outbox == []  # the request does not wait for the mail server
    with translation.override("pt"):
        _run_queued(recording_backend)
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert message.subject.startswith("Está inscrito:")
    assert f"/es/live/access/{registration.token}/" in message.body
    assert message.extra_headers["Content-Language"] == "es"
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("session.ics", "text/calendar")
    assert public_session.title in content


def test_a_signed_in_registrants_mail_follows_their_profile_language(
    course, course_session, django_capture_on_commit_callbacks
):
    person = factories.make_learner(preferred_language="pt")
    factories.make_enrolment(learner=person, course=course)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=course_session, user=person)
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.extra_headers["Content-Language"] == "pt"
    assert message.attachments[0][2] == "text/calendar"


def test_a_registration_rolled_back_queues_no_mail(public_session, recording_backend):
    with pytest.raises(RuntimeError), transaction.atomic():
        _register_public(public_session)
        raise RuntimeError
    assert recording_backend.results == []
