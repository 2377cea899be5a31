"""Re-check the kept proof results: ``manage.py certificates_check_proofs``.

Run it after changing ``LMS_CREDENTIAL_SIGNING_KEY`` or ``LMS_CREDENTIAL_RETIRED_KEYS`` (and
once after upgrading to the release that started keeping results). Until then verification
pages stay correct but slow: they check the proof on every request for the certificates
whose kept result was made for other keys. It also drops the verification answers kept for
visitors (``certificates.kept``), which still say what the old keys decided.
"""

from django.core.management.base import BaseCommand

from certificates import kept, services


class Command(BaseCommand):
    help = "Check the proof of every certificate whose kept result no longer applies, and keep it."

    def handle(self, *args, **options):
        checked, invalid = services.credential_proofs_recheck()
        kept.drop_kept()
        self.stdout.write(f"{checked} certificates checked, {invalid} with a proof that fails.")
