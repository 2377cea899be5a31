"""Offline classroom, from the command line (docs/operations.md, "Offline classroom").

Central platform::

    manage.py classroom export --cohort 12 --language en --language fr --out room.zip
    manage.py classroom register-node --cohort 12 --fingerprint 1A2B-…
    manage.py classroom import results.zip [--dry-run]
    manage.py classroom revoke-node --fingerprint 1A2B-…

Classroom node (a fresh install, after ``migrate``)::

    manage.py classroom open room.zip --platform-key z6Mk…
    manage.py classroom results --out results.zip
"""

from pathlib import Path

import segno
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from classroom import services
from classroom.models import NodeKey
from courses.models import Cohort

MAX_BUNDLE_BYTES = 4 * 1024 * 1024 * 1024


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"No such file: {path}")
    if file.stat().st_size > MAX_BUNDLE_BYTES:
        raise CommandError(f"{path} is larger than any bundle this platform makes.")
    return file.read_bytes()


def _refusal(error: ValidationError) -> CommandError:
    return CommandError(" ".join(error.messages) + " Nothing was changed.")


class Command(BaseCommand):
    help = "Offline classroom: export a cohort, open it on a node, bring the results back."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="write a cohort's classroom bundle")
        export.add_argument("--cohort", type=int, required=True)
        export.add_argument("--language", action="append", required=True, dest="languages")
        export.add_argument("--out", required=True)
        export.add_argument("--days", type=int, default=services.CLASSROOM_VALID_DAYS)
        export.add_argument("--codes", help="where to write the printable code sheets (HTML)")
        opening = actions.add_parser("open", help="turn this fresh install into a node")
        opening.add_argument("bundle")
        opening.add_argument("--platform-key", required=True)
        opening.add_argument(
            "--trainer-sheet", help="where to write the trainer's sign-in sheet (HTML)"
        )
        results = actions.add_parser("results", help="write this node's results bundle")
        results.add_argument("--out", required=True)
        register = actions.add_parser("register-node", help="accept a node's results")
        register.add_argument("--cohort", type=int, required=True)
        register.add_argument("--fingerprint", required=True)
        register.add_argument("--label", default="")
        revoke = actions.add_parser("revoke-node", help="refuse a lost node's results")
        revoke.add_argument("--fingerprint", required=True)
        importing = actions.add_parser("import", help="merge a node's results bundle")
        importing.add_argument("bundle")
        importing.add_argument("--dry-run", action="store_true")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "handle_" + action.replace("-", "_"))(**options)
        except ValidationError as error:
            raise _refusal(error) from error

    def handle_export(self, *, cohort, languages, out, days, codes=None, **options):
        found = Cohort.objects.select_related("course").filter(pk=cohort).first()
        if found is None:
            raise CommandError(f"No cohort {cohort}.")
        export = services.classroom_export(cohort=found, languages=languages, valid_days=days)
        Path(out).write_bytes(export.data)
        sheet = Path(codes) if codes else Path(out).with_suffix(".codes.html")
        sheet.write_text(
            render_to_string("classroom/code_sheets.html", {"export": export}), encoding="utf-8"
        )
        self.stdout.write(
            f"Wrote {out}: {export.size} bytes ({export.size / 1_048_576:.1f} MB), "
            f"{len(export.codes)} learners, languages {', '.join(export.languages)}, "
            f"valid until {export.expires:%Y-%m-%d}.\n"
            f"Code sheets: {sheet} (print them; they are not stored anywhere else).\n"
            f"Platform key for `classroom open`: {export.platform_key}\n"
            f"Platform key fingerprint: {export.platform_fingerprint}"
        )

    def handle_open(self, *, bundle, platform_key, trainer_sheet=None, **options):
        result = services.classroom_open(data=_read(bundle), platform_key=platform_key)
        trainer = result.trainer
        sheet = Path(trainer_sheet) if trainer_sheet else Path(bundle).with_suffix(".trainer.html")
        sheet.write_text(
            render_to_string(
                "classroom/trainer_sheet.html",
                {"trainer": trainer, "qr": segno.make(trainer.totp_uri).svg_data_uri(scale=4)},
            ),
            encoding="utf-8",
        )
        self.stdout.write(
            f"Classroom node ready: {result.learners} learners, {result.pages} pages.\n"
            f"Trainer account: {trainer.email}\n"
            f"Trainer password (shown once): {trainer.password}\n"
            f"Trainer authenticator secret (shown once): {trainer.totp_secret}\n"
            "Scan this code with the trainer's authenticator app (it needs no network), "
            "or type the secret:"
        )
        segno.make(trainer.totp_uri, error="m").terminal(out=self.stdout, compact=True)
        self.stdout.write(
            f"{trainer.totp_uri}\n"
            f"Recovery codes, each usable once if the phone is lost: "
            f"{' '.join(trainer.recovery_codes)}\n"
            f"Trainer sheet (print it, then delete the file): {sheet}\n"
            f"Node key fingerprint (give it to the coordinator): {result.fingerprint}"
        )

    def handle_results(self, *, out, **options):
        data = services.results_export()
        Path(out).write_bytes(data)
        self.stdout.write(f"Wrote {out}: {len(data)} bytes.")

    def handle_register_node(self, *, cohort, fingerprint, label, **options):
        found = Cohort.objects.filter(pk=cohort).first()
        if found is None:
            raise CommandError(f"No cohort {cohort}.")
        node = services.node_key_register(cohort=found, fingerprint=fingerprint, label=label)
        self.stdout.write(f"Node {node.fingerprint} may send results for cohort {found.pk}.")

    def handle_revoke_node(self, *, fingerprint, **options):
        normal = services._fingerprint_normal(fingerprint)
        node = NodeKey.objects.filter(fingerprint=normal).first()
        if node is None:
            raise CommandError(f"No node with fingerprint {normal}.")
        services.node_key_revoke(node_key=node)
        self.stdout.write(f"Node {normal} revoked: its results bundles are refused.")

    def handle_import(self, *, bundle, dry_run, **options):
        data = _read(bundle)
        if dry_run:
            report = services.results_preview(data=data)
        else:
            report = services.results_import(data=data)
        self.stdout.write(
            f"{'Would import' if dry_run else 'Imported'} results for cohort {report.cohort.pk}: "
            f"{report.learners} learners, {report.attempts_new} new attempts "
            f"({report.attempts_known} already here), {report.completions_new} new lesson "
            f"completions, {report.attendance_new} new attendance days, "
            f"{report.markings_new} new markings, {report.files_new} new attached files."
        )
        for conflict in report.conflicts:
            self.stdout.write(f"  conflict: {conflict}")
