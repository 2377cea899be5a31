"""Compile the project's .po catalogs and build the Portuguese aliases, without GNU gettext.

Two jobs, both run by the install step (scripts/lib.sh):

1. ``locale/<lang>/LC_MESSAGES/django.po`` -> ``django.mo`` with polib, so a fresh machine
   needs no gettext tools.
2. Several of our dependencies (allauth, Wagtail, django-countries) ship Portuguese only as
   ``pt_PT`` and ``pt_BR``; gettext does not fall back from ``pt`` to either, so a page in
   ``pt`` would show their strings in English. For every installed app that has ``pt_PT`` but no
   ``pt``, its ``pt_PT`` entries are merged into ``var/locale/pt/LC_MESSAGES/django.mo``, which
   settings.LOCALE_PATHS lists after our own catalogs (ours win on any shared msgid).
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

ALIASES = {"pt": "pt_PT"}


class Command(BaseCommand):
    help = "Compile locale/*.po to .mo and build var/locale aliases for pt."

    def handle(self, *args, **options):
        project_locale = Path(settings.BASE_DIR) / "locale"
        for po_path in sorted(project_locale.glob("*/LC_MESSAGES/*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
        alias_root = Path(settings.VAR_DIR) / "locale"
        for language, source in ALIASES.items():
            merged = self._merge_app_catalogs(language, source)
            target = alias_root / language / "LC_MESSAGES" / "django.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            merged.save_as_mofile(str(target))
            self.stdout.write(f"built {language} alias from {source}: {len(merged)} entries")

    def _merge_app_catalogs(self, language: str, source: str) -> polib.POFile:
        merged = polib.POFile()
        merged.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": language,
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
        seen: set[tuple[str | None, str]] = set()
        for app_config in apps.get_app_configs():
            locale_dir = Path(app_config.path) / "locale"
            if (locale_dir / language).is_dir():
                continue  # the app has its own catalog for this language
            po_path = locale_dir / source / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                continue
            for entry in polib.pofile(str(po_path)):
                key = (entry.msgctxt, entry.msgid)
                if key in seen or not entry.translated() or entry.obsolete:
                    continue
                seen.add(key)
                merged.append(entry)
        return merged
