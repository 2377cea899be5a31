"""E-mail each mentor the new questions in the courses they mentor (run it daily)."""

from django.core.management.base import BaseCommand

from mentoring.digests import digests_send


class Command(BaseCommand):
    help = (
        "Send each mentor one e-mail listing the questions learners asked in their courses "
        "since their last digest. Running it again sends nothing new."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"{sent} mentor digest(s) sent.")
