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
