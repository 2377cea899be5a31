"""Reminders to a cohort's at-risk learners: who gets them, in which language, what is kept."""

import pytest
from django.core import mail

from coordination import reminders
from coordination.models import AuditEvent, ReminderBatch
from coordination.tasks import reminder_batch_send_task
from lms import roles
from tests import factories
from tests.coordination.test_progress import join, make_cohort, set_idle

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return factories.make_staff(
        role=roles.COORDINATOR, with_totp=True, given_name="Cora", family_name="Ordinator"
    )


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def cohort(catalog, coordinator):
    course = factories.make_course(index=catalog, modules=1, lessons=2, title="Digital evidence")
    return make_cohort(course, coordinator=coordinator, name="Dakar 2026")


@pytest.fixture
def people(cohort):
    """Two idle learners (French, Spanish), one active (English), one idle Portuguese."""
    found = {
        "fr": join(cohort, name="Awa Diop", language="fr"),
        "es": join(cohort, name="Lucía Ramos", language="es"),
        "pt": join(cohort, name="João Sousa", language="pt"),
        "en": join(cohort, name="Active Reader", language="en"),
    }
    for language in ("fr", "es", "pt"):
        set_idle(found[language], 20)
    return found


def remind(client, cohort, message="", capture=None):
    url = f"/admin/coordination/cohorts/{cohort.pk}/progress/remind/"
    with capture(execute=True):
        return client.post(url, {"message": message})


def test_reminders_go_only_to_at_risk_learners(
    coordinator_client, cohort, people, django_capture_on_commit_callbacks
):
    response = remind(coordinator_client, cohort, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/coordination/cohorts/{cohort.pk}/progress/"
    recipients = sorted(message.to[0] for message in mail.outbox)
    expected = sorted(people[language].email for language in ("fr", "es", "pt"))
    assert recipients == expected
    assert people["en"].email not in recipients


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("fr", "Un rappel à propos de votre cours « Digital evidence »", "Awa Diop"),
        ("es", "Un recordatorio sobre su curso «Digital evidence»", "Lucía Ramos"),
        ("pt", "Um lembrete sobre o seu curso «Digital evidence»", "João Sousa"),
    ],
)
def test_each_reminder_is_in_the_learners_language(
    coordinator_client,
    cohort,
    people,
    django_capture_on_commit_callbacks,
    language,
    subject,
    greeting,
):
    remind(coordinator_client, cohort, capture=django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if m.to == [people[language].email]]
    assert message.subject == subject
    assert greeting in message.body
    assert f"/{language}/" in message.body  # the learning page in their language
    assert message.extra_headers["Content-Language"] == language


def test_an_english_reminder(coordinator_client, cohort, django_capture_on_commit_callbacks):
    learner = join(cohort, name="Idle Reader", language="en")
    set_idle(learner, 30)
    remind(coordinator_client, cohort, capture=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == "A reminder about your course “Digital evidence”"
    assert "Dear Idle Reader," in message.body
    assert "Dakar 2026" in message.body


def test_the_reminder_is_recorded_with_an_audit_event(
    coordinator, coordinator_client, cohort, people, django_capture_on_commit_callbacks
):
    remind(coordinator_client, cohort, "See you on Monday.", django_capture_on_commit_callbacks)
    batch = ReminderBatch.objects.get()
    assert (batch.cohort, batch.sent_by) == (cohort, coordinator)
    assert batch.message == "See you on Monday."
    assert batch.sent_count == 3 and batch.sent_at is not None
    assert set(batch.recipients.all()) == {people["fr"], people["es"], people["pt"]}
    event = AuditEvent.objects.get(action="remind")
    assert (event.actor, event.cohort, event.course_id) == (coordinator, cohort, cohort.course_id)
    assert event.summary == "Reminder sent to 3 at-risk learners of Dakar 2026"


def test_the_message_is_sent_as_plain_text_and_shown_escaped(
    coordinator_client, cohort, people, django_capture_on_commit_callbacks
):
    typed = "Bring <b>your notes</b> & the 'lab' sheet."
    remind(coordinator_client, cohort, typed, django_capture_on_commit_callbacks)
    assert all(typed in message.body for message in mail.outbox)
    assert all(message.content_subtype == "plain" for message in mail.outbox)
    html = coordinator_client.get(
        f"/admin/coordination/cohorts/{cohort.pk}/progress/"
    ).content.decode()
    assert "<b>your notes</b>" not in html
    assert "&lt;b&gt;your notes&lt;/b&gt;" in html


def test_the_page_lists_past_reminders(
    coordinator_client, cohort, people, django_capture_on_commit_callbacks
):
    remind(coordinator_client, cohort, capture=django_capture_on_commit_callbacks)
    response = coordinator_client.get(f"/admin/coordination/cohorts/{cohort.pk}/progress/")
    html = response.content.decode()
    assert "Cora Ordinator" in html
    assert "<td>3</td>" in html
    assert "A reminder is on its way to 3 at-risk learners." in html


def test_no_reminder_when_nobody_is_at_risk(
    coordinator_client, cohort, django_capture_on_commit_callbacks
):
    join(cohort, name="Busy Bee")
    response = remind(coordinator_client, cohort, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not ReminderBatch.objects.exists() and not mail.outbox
    assert not AuditEvent.objects.filter(action="remind").exists()
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "No learner of this cohort is at risk" in html


def test_a_message_that_is_too_long_is_refused(
    coordinator_client, cohort, people, django_capture_on_commit_callbacks
):
    remind(coordinator_client, cohort, "x" * 2001, django_capture_on_commit_callbacks)
    assert not ReminderBatch.objects.exists() and not mail.outbox


def test_reminding_needs_a_post(coordinator_client, cohort, people):
    response = coordinator_client.get(f"/admin/coordination/cohorts/{cohort.pk}/progress/remind/")
    assert response.status_code == 405
    assert not ReminderBatch.objects.exists()


def test_another_coordinator_cannot_remind_this_cohort(
    client, cohort, people, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_staff(role=roles.COORDINATOR, with_totp=True))
    remind(client, cohort, capture=django_capture_on_commit_callbacks)
    assert not ReminderBatch.objects.exists() and not mail.outbox


def test_a_trainer_cannot_remind(client, cohort, people, django_capture_on_commit_callbacks):
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    response = remind(client, cohort, capture=django_capture_on_commit_callbacks)
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert not ReminderBatch.objects.exists()


def test_the_task_sends_a_batch_once(
    coordinator, cohort, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = reminders.reminder_batch_create(cohort=cohort, sent_by=coordinator)
    assert len(mail.outbox) == 3
    reminder_batch_send_task.enqueue(batch.pk)
    assert reminders.reminder_batch_send(batch_id=batch.pk) == 0
    assert len(mail.outbox) == 3
    assert AuditEvent.objects.filter(action="remind").count() == 1


def test_recipients_are_those_at_risk_when_the_coordinator_asked(
    coordinator, cohort, people, django_capture_on_commit_callbacks
):
    """The task sends to the batch's recipients, not to whoever is at risk when it runs."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = reminders.reminder_batch_create(cohort=cohort, sent_by=coordinator)
    late = join(cohort, name="Late Comer")
    set_idle(late, 40)
    for callback in callbacks:
        callback()
    assert late.email not in [message.to[0] for message in mail.outbox]
    assert ReminderBatch.objects.get(pk=batch.pk).sent_count == 3
