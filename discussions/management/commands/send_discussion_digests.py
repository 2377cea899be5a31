"""E-mail each cohort member the new replies in their discussion threads (run it daily)."""

from django.core.management.base import BaseCommand

from discussions.digests import digests_send


class Command(BaseCommand):
    help = (
        "Send each cohort member one e-mail listing the new replies in their cohort's "
        "discussion threads since their last digest. Running it again sends nothing new."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"{sent} discussion digest(s) sent.")
