"""Check a credential file offline: ``manage.py verify_credential credential.json``."""

from django.core.management.base import BaseCommand, CommandError

from certificates import credentials, verification


class Command(BaseCommand):
    help = (
        "Say whether a credential JSON file is authentic, revoked, tampered, not ours, or invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, "rb") as handle:
                document = credentials.parse_document(
                    handle.read(credentials.MAX_DOCUMENT_BYTES + 1)
                )
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        check = verification.credential_check(document)
        line = check.status
        if check.certificate is not None:
            line += f" ({check.certificate.code}, {check.certificate.name_as_printed})"
        self.stdout.write(line)
        if check.status not in ("authentic",):
            raise CommandError(f"The credential is {check.status}.")
