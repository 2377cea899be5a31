"""The migrated template of scripts/test is used only when it matches the migration files."""

import sqlite3
from contextlib import closing

from tests import db_template

# Reading the migration files imports them, and wagtail-localize's first migration queries
# the database when it is imported: the two tests that read them have the ``db`` fixture.


def _template_with(path, rows):
    with closing(sqlite3.connect(path)) as database:
        database.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
        database.executemany("INSERT INTO django_migrations VALUES (?, ?)", rows)
        database.commit()


def test_a_template_with_every_migration_matches_the_files_on_disk(tmp_path, db):
    path = tmp_path / "migrated.sqlite3"
    _template_with(path, sorted(db_template.migrations_on_disk()))
    assert db_template.applied_migrations(str(path)) == db_template.migrations_on_disk()


def test_a_template_missing_a_new_migration_is_stale(tmp_path, db):
    path = tmp_path / "migrated.sqlite3"
    on_disk = sorted(db_template.migrations_on_disk())
    _template_with(path, on_disk[:-1])
    assert db_template.applied_migrations(str(path)) != db_template.migrations_on_disk()


def test_without_the_variables_the_suite_migrates_as_usual(monkeypatch, settings):
    monkeypatch.delenv(db_template.SQLITE_VARIABLE, raising=False)
    monkeypatch.delenv(db_template.PG_VARIABLE, raising=False)
    assert db_template.use_template() is None
