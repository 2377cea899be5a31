"""Queue the live sessions' reminders (run it every few minutes from cron or a timer)."""

from django.core.management.base import BaseCommand

from live.tasks import live_reminders_send_task


class Command(BaseCommand):
    help = "Send the reminders due a day and an hour before live sessions (each once)."

    def handle(self, *args, **options):
        result = live_reminders_send_task.enqueue()
        self.stdout.write(f"Queued {result.id}")
