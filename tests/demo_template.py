"""Seed the browser tests' demo once per run, in a file the test processes copy.

Seeding the demo takes about 40 s of a core, and the browser stage used to do it in each of
its two workers. scripts/test now seeds it once, while the single-threaded checks run, with
this module::

    LMS_TEST_DB_TEMPLATE_SQLITE=<migrated file> python -m tests.demo_template <folder>

It writes ``<folder>/demo.sqlite3`` (the database after ``seed_demo``) and copies the files
the seed uploaded into ``<folder>/media`` and ``<folder>/private``. scripts/test then names
the folder in ``LMS_TEST_DEMO_SQLITE``, and the ``demo_copy`` fixture of tests/e2e reads it
instead of seeding (``load``). Without the variable, or when the folder was seeded from other
migrations than the ones on disk, the fixture seeds as before: a stale folder costs time, not
correctness.
"""

import os
import shutil
import sqlite3
import sys
from contextlib import closing
from io import StringIO
from pathlib import Path

VARIABLE = "LMS_TEST_DEMO_SQLITE"
DATABASE = "demo.sqlite3"
# What the browser tests study: three programmes, English only (their journeys switch
# language through the interface and the wagtail-localize screens, not seeded translations).
SEED_ARGUMENTS = (
    "--i-know-this-is-not-production",
    "--programme=mobile-forensics",
    "--programme=diploma-ocsea",
    "--programme=darknet-investigations",
    "--english-only",
    "--quiet",
)


def seed(call_command) -> None:
    """Seed the demo into the current database (the test process's or this module's file)."""
    call_command("seed_demo", *SEED_ARGUMENTS, stdout=StringIO())


def folder() -> Path | None:
    """The pre-seeded folder named by scripts/test, if it is usable for these migrations."""
    from tests.db_template import applied_migrations, migrations_on_disk

    name = os.environ.get(VARIABLE)
    if not name or not (Path(name) / DATABASE).exists():
        return None
    if applied_migrations(str(Path(name) / DATABASE)) != migrations_on_disk():
        return None
    return Path(name)


def load(source: Path) -> sqlite3.Connection:
    """An in-memory copy of the pre-seeded database; its uploaded files are put in place."""
    from django.conf import settings

    copy = sqlite3.connect(":memory:", check_same_thread=False)
    with closing(sqlite3.connect(f"file:{source / DATABASE}?mode=ro", uri=True)) as seeded:
        seeded.backup(copy)
    shutil.copytree(source / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    shutil.copytree(source / "private", private, dirs_exist_ok=True)
    return copy


def main(target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    template = os.environ["LMS_TEST_DB_TEMPLATE_SQLITE"]
    shutil.copyfile(template, out / DATABASE)
    os.environ["DATABASE_URL"] = f"sqlite:///{out / DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from curriculum.demo.home import home_pages_ensure

    # What a test process does before its first test: migrate (already applied: only the
    # post_migrate signal runs) and make the translated home pages (tests/conftest.py).
    call_command("migrate", verbosity=0)
    home_pages_ensure()
    seed(call_command)
    shutil.copytree(settings.MEDIA_ROOT, out / "media", dirs_exist_ok=True)
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    shutil.copytree(private, out / "private", dirs_exist_ok=True)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(private, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
