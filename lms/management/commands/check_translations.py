"""Fail when an interface string is missing from, untranslated in, or fuzzy in a catalog.

The strings are extracted afresh from the code and templates, then every msgid found must be
present and translated, not fuzzy, in locale/{fr,pt,es}/LC_MESSAGES/django.po.

Django's makemessages writes into the ``locale/`` folder of the directory it runs in, whatever
LOCALE_PATHS says. So it runs in a temporary folder holding a copy of locale/ and links to
the source folders: the committed catalogs are never touched, and the copy it fills is the
one compared with them.
Run ``manage.py makemessages -l fr -l pt -l es`` to add new strings, then translate them.
"""

import os
import shutil
import tempfile
from contextlib import chdir
from io import StringIO
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from lms.i18n import TRANSLATED_LANGUAGES

IGNORED_DIRS = [".venv", "var", "tests", "node_modules", "docs", "scripts", "content"]


class Command(BaseCommand):
    help = "Check that every interface string is translated in fr, pt and es."

    def handle(self, *args, **options):
        committed = Path(settings.BASE_DIR) / "locale"
        problems: list[str] = []
        base = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "locale"
            shutil.copytree(committed, fresh)
            for source in base.iterdir():
                skipped = source.name in {*IGNORED_DIRS, "locale"} or source.name.startswith(".")
                if source.is_dir() and not skipped:
                    os.symlink(source, Path(tmp) / source.name)
            with chdir(tmp), override_settings(LOCALE_PATHS=[fresh]):
                call_command(
                    "makemessages",
                    locale=list(TRANSLATED_LANGUAGES),
                    ignore_patterns=IGNORED_DIRS,
                    no_obsolete=True,
                    symlinks=True,
                    stdout=StringIO(),
                )
            for language in TRANSLATED_LANGUAGES:
                problems += self._compare(
                    committed / language / "LC_MESSAGES" / "django.po",
                    fresh / language / "LC_MESSAGES" / "django.po",
                    language,
                )
        if problems:
            for line in problems[:200]:
                self.stderr.write(line)
            raise CommandError(
                f"{len(problems)} translation problems. Run makemessages -l fr -l pt -l es "
                "and translate the new or changed entries."
            )
        self.stdout.write(
            f"All interface strings are translated in {', '.join(TRANSLATED_LANGUAGES)}."
        )

    @staticmethod
    def _compare(committed_path: Path, fresh_path: Path, language: str) -> list[str]:
        if not committed_path.exists():
            return [f"{language}: {committed_path} is missing"]
        committed = polib.pofile(str(committed_path))
        fresh = polib.pofile(str(fresh_path))
        known = {(e.msgctxt, e.msgid): e for e in committed if not e.obsolete}
        problems = []
        for entry in fresh:
            if entry.obsolete:
                continue
            found = known.get((entry.msgctxt, entry.msgid))
            label = f"{language}: {entry.msgid[:70]!r}"
            if found is None:
                problems.append(f"{label} is not in the committed catalog")
            elif found.fuzzy:
                problems.append(f"{label} is fuzzy")
            elif not found.translated():
                problems.append(f"{label} is untranslated")
        return problems
