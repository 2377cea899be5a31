"""Reminders to a cohort's at-risk learners: recorded at once, e-mailed by a background task.

``reminder_batch_create`` (the coordinator's request) stores who is at risk at that moment and
queues ``coordination.tasks.reminder_batch_send_task``; the task calls ``reminder_batch_send``,
which e-mails each recipient in their preferred language (``lms.notify.mail_send``), counts
what went out and writes the audit event. A batch is sent once, however many times its task runs.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordination.audit import audit_record
from coordination.models import AuditEvent, ReminderBatch
from coordination.selectors import at_risk_learners
from courses.models import Cohort
from lms.notify import link, mail_send

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = ReminderBatch._meta.get_field("message").max_length


class ReminderRefused(ValidationError):
    """No reminder can be sent (the message says why, translated)."""


@transaction.atomic
def reminder_batch_create(*, cohort: Cohort, sent_by, message: str = "") -> ReminderBatch:
    """Record a reminder to the cohort's learners at risk now, and queue its sending."""
    from coordination.tasks import reminder_batch_send_task

    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ReminderRefused(
            _("The message is too long (%(max)d characters at most).")
            % {"max": MESSAGE_MAX_LENGTH}
        )
    recipients = [learner for learner in at_risk_learners(cohort=cohort) if learner.email]
    if not recipients:
        raise ReminderRefused(_("No learner of this cohort is at risk: no reminder was sent."))
    batch = ReminderBatch.objects.create(cohort=cohort, sent_by=sent_by, message=message)
    batch.recipients.set(recipients)
    transaction.on_commit(lambda: reminder_batch_send_task.enqueue(batch.pk))
    return batch


def reminder_batch_send(*, batch_id: int) -> int:
    """E-mail every recipient of the batch, each in their language; return how many went out.

    The batch is claimed by setting ``sent_at`` first, so a task that runs twice (a retry, two
    workers) sends nothing the second time.
    """
    claimed = ReminderBatch.objects.filter(pk=batch_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    batch = ReminderBatch.objects.select_related("cohort__course", "sent_by").get(pk=batch_id)
    cohort = batch.cohort
    sent = 0
    with get_connection() as connection:
        for learner in batch.recipients.select_related("profile").order_by("pk"):
            try:
                mail_send(
                    recipient=learner,
                    template_prefix="coordination/email/reminder",
                    context={
                        "name": _name_of(learner),
                        "course": cohort.course,
                        "cohort": cohort,
                        "message": batch.message,
                        "dashboard_url": link("courses:dashboard"),
                    },
                    connection=connection,
                )
            except Exception:
                logger.exception("Reminder %s to user %s was not sent", batch.pk, learner.pk)
            else:
                sent += 1
    with transaction.atomic():
        ReminderBatch.objects.filter(pk=batch_id).update(sent_count=sent, sent_at=timezone.now())
        with translation.override(settings.LANGUAGE_CODE):
            summary = ngettext(
                "Reminder sent to %(count)d at-risk learner of %(cohort)s",
                "Reminder sent to %(count)d at-risk learners of %(cohort)s",
                sent,
            ) % {"count": sent, "cohort": cohort.name}
        audit_record(
            actor=batch.sent_by, action=AuditEvent.Action.REMIND, cohort=cohort, summary=summary
        )
    return sent


def _name_of(learner) -> str:
    profile = getattr(learner, "profile", None)
    return profile.display_name if profile else learner.email
