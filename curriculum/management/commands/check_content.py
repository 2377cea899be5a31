"""Check the curriculum files in content/ against their format (content/README.md).

Fails on errors: the schema, duplicate slugs or keys, quizzes without a pass mark or with
fewer than three questions, ``sha256:`` expectations that do not match their file, and, in
each PO file that translators have started, strings untranslated, fuzzy or with changed
markup. Warns about the rest: PO files missing or not started yet (errors with --strict),
lessons outside 300-900 words, files and diagrams that nothing uses, item-writing faults in
choice questions and knowledge checks (assessments.item_checks), and quizzes that count
towards completion but allow unlimited attempts or show answers after every attempt. Lists
every dated status note with its age (curriculum.status_notes); ``--stale-months N`` makes the
notes older than N months errors. Needs no database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from curriculum.checks import programme_problems
from curriculum.hours import programme_hours
from curriculum.reader import programmes_read
from curriculum.status_notes import status_notes


class Command(BaseCommand):
    help = "Check the curriculum content files (schema, keys, quizzes, hashes, translations)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Programme folders (default: all).")
        parser.add_argument("--content-dir", type=Path, help="Instead of the project's content/.")
        parser.add_argument(
            "--strict", action="store_true", help="Missing or unstarted PO files are errors."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not list warnings.")
        parser.add_argument(
            "--stale-months",
            type=int,
            metavar="N",
            help="Status notes ('Status as of <Month> <Year>') older than N months are errors "
            "(before a delivery). Without it they are listed with their age.",
        )

    def handle(self, *args, slugs, content_dir, strict, quiet, stale_months=None, **options):
        try:
            programmes = programmes_read(content_dir, slugs)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        errors = warnings = 0
        for programme in programmes:
            problems = programme_problems(programme, strict=strict)
            found_errors = sum(1 for problem in problems if problem.is_error)
            errors += found_errors
            warnings += len(problems) - found_errors
            self.stdout.write(
                f"{programme.slug}: {found_errors} errors, {len(problems) - found_errors} warnings"
            )
            if programme.course:
                self.stdout.write(f"  {hours_summary(programme)}")
            stale = stale_notes(programme, stale_months)
            errors += len(stale)
            for line in status_lines(programme, stale_months):
                self.stdout.write(f"  {line}")
            for problem in problems:
                if problem.is_error:
                    self.stderr.write(f"  {problem}")
                elif not quiet:
                    self.stdout.write(f"  {problem}")
        summary = f"{len(programmes)} programmes: {errors} errors, {warnings} warnings."
        if errors:
            raise CommandError(summary)
        self.stdout.write(f"Content checked: {summary}")


def stale_notes(programme, months) -> list:
    """The status notes older than ``months`` (none when no limit is given)."""
    if months is None:
        return []
    today = timezone.localdate()
    return [n for n in status_notes(programme.directory) if n.months_old(today) > months]


def status_lines(programme, months) -> list[str]:
    """One line per status note: where it is, its date and its age; an error when stale."""
    today = timezone.localdate()
    stale = set(stale_notes(programme, months))
    return [
        f"{'error' if note in stale else 'status note'}: {note.file}: as of "
        f"{note.as_of:%B %Y}, {note.months_old(today)} months ago: check it before delivery"
        for note in status_notes(programme.directory)
    ]


def hours_summary(programme) -> str:
    """The computed hours beside the declared ones, and the difference."""
    computed = programme_hours(programme)
    line = (
        f"hours: {computed.hours} computed ({computed.reading_minutes} minutes of reading, "
        f"{computed.activity_minutes} of activities)"
    )
    declared = programme.declared_hours
    if declared is None:
        return f"{line}; used as estimated_hours"
    return f"{line}; {declared} declared ({declared - computed.hours:+d})"
