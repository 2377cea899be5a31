"""Background work of live sessions (django-tasks)."""

from django_tasks import task


@task()
def live_reminders_send_task() -> int:
    from live import services

    return services.reminders_send()
