"""The translation check rejects missing, untranslated and fuzzy entries."""

import polib

from lms.management.commands.check_translations import Command


def _catalog(path, entries):
    po = polib.POFile()
    for msgid, msgstr, fuzzy in entries:
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
        if fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    po.save(str(path))
    return path


def test_complete_catalog_has_no_problems(tmp_path):
    committed = _catalog(tmp_path / "a.po", [("Sign in", "Connexion", False)])
    fresh = _catalog(tmp_path / "b.po", [("Sign in", "", False)])
    assert Command._compare(committed, fresh, "fr") == []


def test_untranslated_fuzzy_and_missing_entries_are_reported(tmp_path):
    committed = _catalog(
        tmp_path / "a.po", [("Sign in", "", False), ("Sign out", "Déconnexion", True)]
    )
    fresh = _catalog(
        tmp_path / "b.po",
        [("Sign in", "", False), ("Sign out", "", False), ("Profile", "", False)],
    )
    problems = Command._compare(committed, fresh, "fr")
    assert problems == [
        "fr: 'Sign in' is untranslated",
        "fr: 'Sign out' is fuzzy",
        "fr: 'Profile' is not in the committed catalog",
    ]


def test_committed_catalogs_are_complete():
    """The committed catalogs themselves: every entry translated, nothing fuzzy."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "locale"
    for language in ("fr", "pt", "es"):
        po = polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))
        assert po.percent_translated() == 100
        assert not [e for e in po if e.fuzzy]


def _project(tmp_path, source: str):
    """A tiny project: one module with ``source``, and a catalog per language."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "strings.py").write_text(source, encoding="utf-8")
    for language in ("fr", "pt", "es"):
        folder = tmp_path / "locale" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        _catalog(folder / "django.po", [("Sign in", "Entrar", False)])
    return tmp_path


def test_a_new_string_in_the_code_fails_the_check_and_the_catalogs_stay_as_they_are(
    tmp_path, settings
):
    import hashlib

    import pytest
    from django.core.management import CommandError, call_command

    root = _project(
        tmp_path,
        'from django.utils.translation import gettext as _\n_("Sign in")\n_("A new string")\n',
    )
    settings.BASE_DIR = root
    catalogs = sorted((root / "locale").rglob("django.po"))
    before = [hashlib.sha256(path.read_bytes()).hexdigest() for path in catalogs]
    with pytest.raises(CommandError, match="3 translation problems"):
        call_command("check_translations")
    assert [hashlib.sha256(path.read_bytes()).hexdigest() for path in catalogs] == before
