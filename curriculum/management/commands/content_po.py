"""Write the translation files of content programmes: content/<slug>/locale/<lang>.po.

    manage.py content_po export mobile-forensics      (or --all)

The strings are those wagtail-localize extracts from the pages and questions that the
programme's files build (no database needed). Translations already in the files are kept; see
curriculum.po.po_export.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curriculum.build import programme_objects
from curriculum.po import po_export, programme_entries
from curriculum.reader import programmes_read
from lms.i18n import TRANSLATED_LANGUAGES


class Command(BaseCommand):
    help = "Write content/<slug>/locale/{fr,pt,es}.po from a programme's files."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument("slugs", nargs="*", help="Programme folders under content/.")
        parser.add_argument("--all", action="store_true", help="Every programme.")
        parser.add_argument(
            "--language", action="append", choices=TRANSLATED_LANGUAGES, help="Only this language."
        )
        parser.add_argument("--content-dir", type=Path, help="Instead of the project's content/.")

    def handle(self, *args, action, slugs, all, language, content_dir, **options):
        if not slugs and not all:
            raise CommandError("Name the programmes to export, or give --all.")
        try:
            programmes = programmes_read(content_dir, slugs)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        refused = []
        for programme in programmes:
            if programme.errors:
                refused.append(programme.slug)
                self.stderr.write(f"{programme.slug}: not exported, its files have errors:")
                for problem in programme.errors:
                    self.stderr.write(f"  {problem}")
                continue
            entries = programme_entries(programme_objects(programme))
            for code in language or TRANSLATED_LANGUAGES:
                result = po_export(programme, entries, code)
                self.stdout.write(
                    f"{programme.slug}: {result.path.name} {result.entries} strings, "
                    f"{result.translated} translated, {result.obsolete} obsolete kept"
                )
        if refused and slugs:
            raise CommandError(f"Not exported: {', '.join(refused)} (run check_content).")
