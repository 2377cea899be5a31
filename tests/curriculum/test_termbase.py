"""The termbase of each language, and check_content's termbase check (issue 17)."""

import polib
import pytest
import yaml
from django.core.management import CommandError

from curriculum.reader import content_dir, programmes_read
from curriculum.termbase import termbase_path, termbase_read
from tests.curriculum.test_check_content import check, translate_all

TERMBASE = {
    "language": "pt",
    "terms": [
        {
            "id": "hash-value",
            "en": ["hash value", "hash values"],
            "term": "valor de hash",
            "allowed": ["valores de hash", "valor hash"],
            "source": "forensic practice",
        }
    ],
}


def write_termbase(content_dir, data=TERMBASE):
    path = termbase_path(content_dir, data.get("language", "pt"))
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def set_translation(programme_dir, context, msgstr, language="pt"):
    path = programme_dir / f"locale/{language}.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == context)
    entry.msgstr = msgstr
    catalog.save(str(path))
    return entry.msgid


@pytest.fixture
def translated(content_dir, programme_dir):
    translate_all(programme_dir)
    write_termbase(content_dir)
    return programme_dir


def test_a_translation_without_any_allowed_form_fails(content_dir, translated):
    # "A hash shows who made a file." does not say "hash value"; the knowledge check's
    # explanation is edited to say it in English and to depart from the termbase in Portuguese.
    context = "question:q2:text"
    path = translated / "locale/pt.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == context)
    entry.msgid = "<p>A hash value shows who made a file.</p>"
    entry.msgstr = "<p>Uma impressão digital mostra quem fez o ficheiro.</p>"
    catalog.save(str(path))
    from curriculum.checks import termbase_problems
    from curriculum.reader import programme_read

    problems = termbase_problems(programme_read(translated), "pt", polib.pofile(str(path)))
    assert [p.message for p in problems] == [
        "question:q2:text: the English says 'hash value'; the translation should use "
        "'valor de hash' (termbase pt: hash-value)"
    ]


@pytest.mark.parametrize(
    "translation",
    [
        "<p>O VALOR DE HASH mostra-o.</p>",
        "<p>Os valores de hash mostram-no.</p>",
        "<p>Um valor hash.</p>",
    ],
)
def test_any_allowed_form_in_any_case_passes(translated, translation):
    from curriculum.termbase import departures

    entry = polib.POEntry(msgctxt="x", msgid="<p>The hash value shows it.</p>", msgstr=translation)
    assert departures(termbase_read(termbase_path(translated.parent, "pt")), [entry]) == []


def test_terms_match_whole_words_only(translated):
    from curriculum.termbase import departures

    termbase = termbase_read(termbase_path(translated.parent, "pt"))
    inside = polib.POEntry(msgctxt="x", msgid="<p>hash valueless</p>", msgstr="<p>nada</p>")
    partial = polib.POEntry(
        msgctxt="x", msgid="<p>a hash value</p>", msgstr="<p>o valor de hashes</p>"
    )
    assert departures(termbase, [inside]) == []
    assert len(departures(termbase, [partial])) == 1


def test_code_reading_list_titles_and_english_kept_on_purpose_are_not_checked(translated):
    from curriculum.termbase import departures

    termbase = termbase_read(termbase_path(translated.parent, "pt"))
    entries = [
        polib.POEntry(msgctxt="lesson:a/b:body.1.code", msgid="hash value", msgstr="hash value x"),
        polib.POEntry(msgctxt="x", msgid="<p><code>hash value</code> ok</p>", msgstr="<p>ok</p>"),
        polib.POEntry(msgctxt="x", msgid="Hash value", msgstr="Hash value"),
    ]
    assert departures(termbase, entries) == []


def test_the_check_command_fails_on_a_departure(content_dir, programme_dir):
    yaml_path = programme_dir / "quizzes.yaml"
    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    data["questions"][0]["title"] = "What a hash value is"
    yaml_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    translate_all(programme_dir)  # "[pt] What a hash value is": the English term kept
    write_termbase(content_dir)
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)
    set_translation(programme_dir, "question:q1:title", "O que é um valor de hash")
    assert "0 errors" in check(content_dir)


def test_a_broken_termbase_is_reported(content_dir, translated):
    write_termbase(content_dir, {"language": "pt", "terms": [{"id": "x", "en": "hash"}]})
    with pytest.raises(CommandError):
        check(content_dir)


def test_the_termbase_folder_is_not_a_programme(content_dir, translated):
    assert [p.slug for p in programmes_read(content_dir)] == ["pilot-course"]


@pytest.fixture(scope="module")
def shipped_catalogs() -> dict[tuple[str, str], polib.POFile]:
    """Every shipped programme's fr, pt and es catalogs, read once for the tests below (the
    eleven of them read the same files again and again: about 1.5 s each)."""
    return {
        (programme.slug, language): polib.pofile(
            str(programme.directory / f"locale/{language}.po")
        )
        for programme in programmes_read()
        for language in ("fr", "pt", "es")
    }


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_each_shipped_termbase_has_at_least_80_terms_the_programmes_use(
    language, shipped_catalogs
):
    termbase = termbase_read(termbase_path(content_dir(), language))
    assert termbase.problems == ()
    english = " ".join(
        entry.msgid
        for (_, catalog_language), catalog in shipped_catalogs.items()
        if catalog_language == language
        for entry in catalog
    )
    used = [term for term in termbase.terms if term.english.search(english)]
    assert len(used) >= 80


@pytest.mark.parametrize(
    "acronym", ["EASE", "MASE", "PFVE", "EASCL", "MASC", "AJM", "ESIL", "AJR"]
)
def test_no_coined_acronym_is_left_in_the_translations(acronym, shipped_catalogs):
    import re

    pattern = re.compile(rf"(?<!\w){acronym}(?!\w)")
    for catalog in shipped_catalogs.values():
        assert not [e.msgctxt for e in catalog if pattern.search(e.msgstr)]


def test_the_terminology_exercise_has_items_in_every_language():
    """Exercise A2 pairs a statutory term with the preferred one in English, Spanish, French
    and Portuguese, and each learner sees the pairs of the other languages as written."""
    [diploma] = programmes_read(slugs=["diploma-ocsea"])
    [sorter] = [q for q in diploma.questions if q.key == "a1-q2"]
    prompts = {a.value["prompt"]: a.value["answer"] for a in sorter.answers if a.value["prompt"]}
    assert prompts["Child pornography"] == "Child sexual abuse material"
    assert prompts["Pornografía infantil"] == "Material de abuso sexual infantil"
    assert prompts["Images pédopornographiques"] == "Images d'abus sexuels sur enfants"
    assert prompts["Prostituição infantil"] == "Exploração de crianças na prostituição"
    for language in ("fr", "pt", "es"):
        catalog = polib.pofile(str(diploma.directory / f"locale/{language}.po"))
        kept = {e.msgid: e.msgstr for e in catalog if e.msgctxt.startswith("question:a1-q2:")}
        for item in ("Images pédopornographiques", "Prostituição infantil"):
            assert kept[item] == item
