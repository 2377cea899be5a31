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


def _seeded_folder(tmp_path, rows):
    from tests import demo_template

    tmp_path.mkdir(exist_ok=True)
    _template_with(tmp_path / demo_template.DATABASE, rows)
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "seeded.png").write_bytes(b"png")
    (tmp_path / "private").mkdir()
    return tmp_path


def test_the_browser_tests_use_a_pre_seeded_demo_made_from_these_migrations(
    tmp_path, db, monkeypatch, settings
):
    from tests import demo_template

    folder = _seeded_folder(tmp_path / "demo", sorted(db_template.migrations_on_disk()))
    monkeypatch.setenv(demo_template.VARIABLE, str(folder))
    settings.MEDIA_ROOT = tmp_path / "media-of-this-process"
    assert demo_template.folder() == folder
    copy = demo_template.load(folder)
    # The copy is the seeded database, and the files the seed uploaded are where Django looks.
    assert copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0] == len(
        db_template.migrations_on_disk()
    )
    assert (settings.MEDIA_ROOT / "images" / "seeded.png").read_bytes() == b"png"
    copy.close()


def test_a_pre_seeded_demo_from_other_migrations_is_not_used(tmp_path, db, monkeypatch):
    from tests import demo_template

    on_disk = sorted(db_template.migrations_on_disk())
    monkeypatch.setenv(demo_template.VARIABLE, str(_seeded_folder(tmp_path, on_disk[:-1])))
    assert demo_template.folder() is None
    monkeypatch.setenv(demo_template.VARIABLE, str(tmp_path / "missing"))
    assert demo_template.folder() is None
