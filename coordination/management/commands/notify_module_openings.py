"""Notify cohort members of the modules that opened today (run it once a day)."""

from django.core.management.base import BaseCommand

from coordination.openings import module_openings_notify


class Command(BaseCommand):
    help = "Notify the members of cohort-paced courses' cohorts of newly opened modules."

    def handle(self, *args, **options):
        told = module_openings_notify()
        self.stdout.write(f"{told} notifications of opened modules.")
