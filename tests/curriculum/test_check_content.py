"""manage.py check_content: what fails the build and what only warns (no database)."""

import polib
import pytest
from django.core.management import CommandError, call_command

from curriculum.build import programme_objects
from curriculum.po import LANGUAGES, po_export, programme_entries
from curriculum.reader import programme_read
from tests.curriculum.conftest import po_fill, yaml_edit


def check(content_dir, *options):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(
        "check_content", "--content-dir", str(content_dir), *options, stdout=out, stderr=err
    )
    return out.getvalue() + err.getvalue()


def translate_all(programme_dir, languages=LANGUAGES):
    programme = programme_read(programme_dir)
    entries = programme_entries(programme_objects(programme))
    for language in languages:
        po_fill(po_export(programme, entries, language).path)


def test_missing_po_files_are_only_warnings(content_dir):
    output = check(content_dir)
    assert "locale/fr.po: missing" in output
    assert "0 errors" in output


def test_strict_makes_missing_po_files_errors(content_dir):
    with pytest.raises(CommandError, match="3 errors"):
        check(content_dir, "--strict")


def test_complete_translations_pass(content_dir, programme_dir):
    translate_all(programme_dir)
    assert "0 errors" in check(content_dir, "--strict")


@pytest.mark.parametrize("flaw", ["untranslated", "fuzzy", "missing"])
def test_a_flawed_entry_in_a_started_po_file_fails(content_dir, programme_dir, flaw):
    translate_all(programme_dir)
    path = programme_dir / "locale/pt.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == "question:q2:title")
    if flaw == "untranslated":
        entry.msgstr = ""
    elif flaw == "fuzzy":
        entry.flags.append("fuzzy")
    else:
        catalog.remove(entry)
    catalog.save(str(path))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)


def test_a_po_file_behind_the_english_fails(content_dir, programme_dir):
    translate_all(programme_dir)
    yaml_edit(
        programme_dir / "quizzes.yaml", lambda data: data["questions"][1].update(title="New")
    )
    with pytest.raises(CommandError, match="3 errors"):
        check(content_dir)


def test_schema_errors_fail(content_dir, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(level="expert"))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)


def test_lessons_outside_the_word_range_are_warnings(content_dir):
    output = check(content_dir)
    assert "words; lessons are meant to be 300 to 900" in output


def _copy_english(programme_dir, language, *, where):
    """Make the translation of the first entry that ``where`` accepts its English source."""
    path = programme_dir / f"locale/{language}.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if where(e))
    entry.msgstr = entry.msgid
    catalog.save(str(path))


def test_a_paragraph_left_in_english_fails(content_dir, programme_dir):
    translate_all(programme_dir)
    _copy_english(programme_dir, "es", where=lambda e: "first paragraph of the lesson" in e.msgid)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("check_content", "--content-dir", str(content_dir), stderr=err, stdout=err)
    assert "es.po: left in English" in err.getvalue()


@pytest.mark.parametrize("kept", [".code", ".links.0.title"])
def test_code_and_cited_titles_may_stay_as_written(content_dir, programme_dir, kept):
    translate_all(programme_dir)
    _copy_english(programme_dir, "fr", where=lambda e: e.msgctxt.endswith(kept))
    assert "0 errors" in check(content_dir, "--strict")


def test_the_shipped_programmes_are_translated_completely():
    """Every programme in content/ passes the strict check: nothing missing, fuzzy, or left in
    English. Translating a whole programme into the database takes 20 to 30 s, so that is
    done for the small pilot (tests/curriculum) and one real programme (tests/lms)."""
    from curriculum.reader import content_dir

    assert "4 programmes: 0 errors" in check(content_dir(), "--strict")
