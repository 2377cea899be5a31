"""Delete public registrants' names and e-mails a year after their session (run daily)."""

from django.core.management.base import BaseCommand

from live import services


class Command(BaseCommand):
    help = "Remove the names and e-mails of public registrants a year after their session."

    def handle(self, *args, **options):
        count = services.public_registrations_purge()
        self.stdout.write(f"Removed the details of {count} public registrations.")
