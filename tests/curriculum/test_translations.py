"""PO export from the files, import through wagtail-localize, and what is left untranslated."""

import polib
import pytest
from wagtail.models import Page, Revision

from assessments.models import Question, QuestionCategory
from courses.models import LessonPage
from curriculum.build import programme_objects
from curriculum.po import (
    markup_warnings_quiet,
    object_entries,
    po_export,
    po_path,
    programme_entries,
)
from curriculum.reader import programme_read
from tests.curriculum.conftest import po_fill, yaml_edit

pytestmark = pytest.mark.django_db


def export(programme_dir, language="fr"):
    programme = programme_read(programme_dir)
    po_export(programme, programme_entries(programme_objects(programme)), language)
    return po_path(programme, language)


def entries(path) -> dict[str, polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete}


def translated(english_page, language="fr"):
    return Page.objects.get(
        translation_key=english_page.translation_key, locale__language_code=language
    ).specific


@pytest.mark.django_db(False)
def test_export_names_each_string_by_object_and_place(programme_dir):
    catalog = entries(export(programme_dir))
    contexts = {context for context, _msgid in catalog}
    assert ("course:title", "Pilot Course") in catalog
    assert "lesson:first-steps/every-block:body.5.terms.0.definition" in contexts
    assert "lesson:first-steps/every-block:body.3" in contexts  # inside a sensitive section
    assert "question:q1:answers.1.text" in contexts
    assert "category:Pilot – Module 1:name" in contexts
    assert not any(context.endswith(":slug") for context in contexts)
    assert all(not entry.msgstr for entry in catalog.values())


@pytest.mark.django_db(False)
def test_export_keeps_translations_of_strings_still_there(programme_dir):
    path = export(programme_dir)
    po_fill(path)

    def change(data):
        data["title"] = "A shorter lesson"
        data["body"].insert(0, {"heading": {"text": "New heading"}})

    yaml_edit(programme_dir / "lessons/first-steps/02-short-lesson.yaml", change)
    export(programme_dir)
    catalog = polib.pofile(str(path))
    found = {(e.msgctxt, e.msgid): e.msgstr for e in catalog if not e.obsolete}
    prefix = "lesson:first-steps/short-lesson"
    # The paragraph moved from body.0 to body.1: its translation follows it.
    paragraph = "Plain text becomes one paragraph."
    assert found[(f"{prefix}:body.1", paragraph)] == f"[fr] {paragraph}"
    assert found[(f"{prefix}:title", "A shorter lesson")] == ""
    assert found[(f"{prefix}:body.0.text", "New heading")] == ""
    obsolete = [e for e in catalog if e.obsolete]
    assert [e.msgid for e in obsolete] == ["A short lesson"]


def test_the_segments_exported_are_wagtail_localizes_own(load, programme_dir):
    from wagtail_localize.models import StringSegment, TranslationSource

    loaded = load()
    for obj in loaded.objects:
        instance = type(loaded.instances[obj.key]).objects.get(pk=loaded.instances[obj.key].pk)
        with markup_warnings_quiet():
            source, _created = TranslationSource.get_or_create_from_instance(instance)
        stored = {
            (segment.context.path, segment.string.data)
            for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            )
        }
        exported = {(entry.path, entry.msgid) for entry in object_entries(obj)}
        assert exported == {pair for pair in stored if pair[0] != "slug"}, obj.key


def test_a_translated_programme_is_published_in_the_language(load, programme_dir):
    po_fill(export(programme_dir))
    loaded = load(languages=["fr"])
    assert loaded.outcomes["fr"].incomplete == []
    lesson = translated(loaded.instances["lesson:first-steps/every-block"])
    assert lesson.live and not lesson.has_unpublished_changes
    assert lesson.title == "[fr] Every block"
    assert lesson.slug == "fr-every-block"
    assert "[fr] The first paragraph of the lesson" in str(lesson.body[0].value)
    course = translated(loaded.course)
    assert course.wellbeing_reminder == "[fr] Take a break whenever you need one."
    assert course.get_children().live().count() == 2
    question = Question.objects.get(
        translation_key=loaded.instances["question:q1"].translation_key,
        locale__language_code="fr",
    )
    assert question.answers[0].value["text"] == "[fr] A fingerprint"
    assert question.answers[0].id == loaded.instances["question:q1"].answers[0].id
    assert question.category.locale.language_code == "fr"


def test_translating_again_changes_nothing(load, programme_dir):
    po_fill(export(programme_dir))
    load(languages=["fr"])
    revisions = Revision.objects.count()
    loaded = load(languages=["fr"])
    assert Revision.objects.count() == revisions
    assert loaded.outcomes["fr"].published == []


def test_a_changed_translation_is_published_again(load, programme_dir):
    path = export(programme_dir)
    po_fill(path)
    loaded = load(languages=["fr"])
    po_fill(path, lambda text: f"[FR] {text}")
    load(languages=["fr"])
    assert translated(loaded.instances["module:first-steps"]).title == "[FR] First steps"


@pytest.mark.parametrize("flaw", ["untranslated", "fuzzy", "markup"])
def test_an_object_not_completely_translated_stays_in_english(load, programme_dir, flaw):
    path = export(programme_dir)
    po_fill(path)
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == "lesson:first-steps/every-block:body.0")
    if flaw == "untranslated":
        entry.msgstr = ""
    elif flaw == "fuzzy":
        entry.flags.append("fuzzy")
    else:
        entry.msgstr = "<b>[fr]</b> " + entry.msgid
    catalog.save(str(path))
    loaded = load(languages=["fr"])
    outcome = loaded.outcomes["fr"]
    assert outcome.incomplete == ["lesson:first-steps/every-block"]
    english = loaded.instances["lesson:first-steps/every-block"]
    assert not LessonPage.objects.filter(
        translation_key=english.translation_key, locale__language_code="fr"
    ).exists()
    assert translated(loaded.instances["lesson:first-steps/short-lesson"]).live
    assert any("incomplete in locale/fr.po" in line for line in loaded.report)


def test_a_question_waits_for_its_category(load, programme_dir):
    po_fill(
        export(programme_dir), keep=lambda entry: entry.msgctxt != "category:Pilot – Final:name"
    )
    outcome = load(languages=["fr"]).outcomes["fr"]
    assert outcome.incomplete == ["category:Pilot – Final"]
    assert outcome.blocked == ["question:q4", "question:q5"]
    assert not QuestionCategory.objects.filter(
        name="[fr] Pilot – Final", locale__language_code="fr"
    ).exists()


def test_without_a_po_file_the_programme_stays_in_english(load):
    loaded = load(languages=["pt"])
    assert loaded.outcomes["pt"].po_file == "missing"
    assert not loaded.course.get_translations().exists()
