"""Start each test process's database from one migrated template instead of migrating it.

Migrating an empty database takes about 20 s of one core, and scripts/test used to do it six
times (two xdist workers in each of the SQLite, browser and PostgreSQL stages). The script now
migrates once per engine, while the single-threaded checks run on the other core, and names
the result in the environment:

- ``LMS_TEST_DB_TEMPLATE_SQLITE``: a migrated SQLite file. Its pages are copied into the
  test process's in-memory database just before Django runs ``migrate``, which then finds
  every migration applied and only sends ``post_migrate``.
- ``LMS_TEST_DB_TEMPLATE_PG``: the name of a migrated PostgreSQL database on the same server.
  Django creates each test database with ``CREATE DATABASE … TEMPLATE`` (``TEST['TEMPLATE']``).

Without these variables (a plain ``pytest`` run) nothing changes. A template whose applied
migrations differ from the migration files on disk is ignored, so a stale one costs time, not
correctness.
"""

import os
import sqlite3
from contextlib import closing

from django.conf import settings
from django.core.management.commands import migrate

SQLITE_VARIABLE = "LMS_TEST_DB_TEMPLATE_SQLITE"
PG_VARIABLE = "LMS_TEST_DB_TEMPLATE_PG"


def use_template() -> str | None:
    """Arrange for the test database to start from the template; return which one, if any."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.postgresql" and os.environ.get(PG_VARIABLE):
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = os.environ[PG_VARIABLE]
        return os.environ[PG_VARIABLE]
    path = os.environ.get(SQLITE_VARIABLE)
    if engine == "django.db.backends.sqlite3" and path and os.path.exists(path):
        _copy_before_first_migrate(path)
        return path
    return None


def applied_migrations(path: str) -> set[tuple[str, str]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as template:
        return set(template.execute("SELECT app, name FROM django_migrations"))


def migrations_on_disk() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _copy_before_first_migrate(path: str) -> None:
    original = migrate.Command.handle

    def handle(self, *args, **options):
        migrate.Command.handle = original  # once: later calls (none expected) migrate as usual
        from django.db import connections

        connection = connections[options.get("database") or "default"]
        if applied_migrations(path) == migrations_on_disk():
            connection.ensure_connection()
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as template:
                template.backup(connection.connection)
        return original(self, *args, **options)

    migrate.Command.handle = handle
