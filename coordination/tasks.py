"""Background work of the coordinators' workspace (django-tasks)."""

from django_tasks import task


@task()
def reminder_batch_send_task(batch_id: int) -> None:
    from coordination import reminders

    reminders.reminder_batch_send(batch_id=batch_id)
