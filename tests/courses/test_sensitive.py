"""Sensitive sections: collapsed until opened, translated like the rest, checks still work."""

import re

import pytest
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from courses.blocks import LessonStreamBlock
from lms.services import page_translation_import
from tests import factories

pytestmark = pytest.mark.django_db

CHECK = {
    "question": "Who decides when to stop viewing the material?",
    "choices": [
        {"text": "The reviewer", "correct": True, "feedback": "Yes: you may pause at any time."},
        {"text": "The case deadline", "correct": False, "feedback": "No: welfare comes first."},
    ],
    "explanation": "Exposure limits protect reviewers.",
}


@pytest.fixture
def lesson(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=0)
    return factories.make_lesson(
        module=course.get_children().first(),
        free_preview=True,
        body=[
            ("rich_text", "<p>Before the section.</p>"),
            (
                "sensitive",
                {
                    "note": "",
                    "content": [
                        ("rich_text", "<p>The account of a victim, in her own words.</p>"),
                        ("knowledge_check", CHECK),
                    ],
                },
            ),
            (
                "sensitive",
                {
                    "note": "Describes the abuse of a child.",
                    "content": [("heading", {"text": "Case study", "level": "h2"})],
                },
            ),
        ],
    )


def _details(html: str) -> list[str]:
    return re.findall(r"<details[^>]*>.*?</details>", html, flags=re.S)


def _inner_check_id(lesson) -> str:
    section = next(block for block in lesson.body if block.block_type == "sensitive")
    return next(
        child.id for child in section.value["content"] if child.block_type == "knowledge_check"
    )


def test_a_sensitive_section_is_collapsed_with_its_content_inside(client, lesson):
    html = client.get(lesson.url).content.decode()
    first, second = _details(html)
    assert first.startswith('<details class="sensitive">')  # no "open": collapsed
    assert "<summary>" in first and "in her own words." in first
    assert CHECK["question"] in first
    assert "Case study" in second and "Before the section." not in first + second


def test_an_empty_note_shows_the_standard_warning_and_a_note_replaces_it(client, lesson):
    first, second = _details(client.get(lesson.url).content.decode())
    assert "This section discusses a distressing subject. Open it when you are ready." in first
    assert "Describes the abuse of a child." in second
    assert "distressing subject" not in second


def test_a_knowledge_check_inside_gives_feedback_and_keeps_the_section_open(client, lesson):
    check_id = _inner_check_id(lesson)
    right = client.get(f"{lesson.url}?check={check_id}&answer=0").content.decode()
    first, second = _details(right)
    assert first.startswith('<details class="sensitive" open>')
    assert "Correct." in first and "Exposure limits protect reviewers." in first
    assert second.startswith('<details class="sensitive">')
    wrong = client.get(f"{lesson.url}?check={check_id}&answer=1").content.decode()
    assert "Not quite." in wrong and "welfare comes first." in wrong


def test_a_sensitive_section_cannot_hold_another():
    content = LessonStreamBlock().child_blocks["sensitive"].child_blocks["content"]
    assert "sensitive" not in content.child_blocks
    assert set(content.child_blocks) == set(LessonStreamBlock.base_blocks) - {"sensitive"}


def test_a_sensitive_section_needs_content():
    block = LessonStreamBlock().child_blocks["sensitive"]
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError)):
        block.clean(block.to_python({"note": "", "content": []}))


def test_the_nested_strings_are_offered_for_translation(lesson):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    french = Locale.objects.get(language_code="fr")
    TranslationCreator(None, [french]).create_translations(lesson)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=lesson.translation_key),
        target_locale=french,
    )
    msgids = {entry.msgid for entry in translation.export_po()}
    assert {
        "The account of a victim, in her own words.",
        CHECK["question"],
        "The reviewer",
        "Yes: you may pause at any time.",
        CHECK["explanation"],
        "Describes the abuse of a child.",
        "Case study",
    } <= msgids


def test_a_translated_sensitive_section_shows_the_translation_and_its_check_works(
    client, lesson, django_capture_on_commit_callbacks
):
    strings = {
        "The account of a victim, in her own words.": "Le récit d'une victime, avec ses mots.",
        CHECK["question"]: "Qui décide quand arrêter de regarder le matériel ?",
        "The reviewer": "La personne qui examine",
        "Yes: you may pause at any time.": "Oui : vous pouvez faire une pause à tout moment.",
        "Describes the abuse of a child.": "Décrit la maltraitance d'un enfant.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        factories.translate_tree(lesson.get_parent().get_parent(), "fr")
        french = page_translation_import(page=lesson, language_code="fr", strings=strings)
    html = client.get(french.url).content.decode()
    first, second = _details(html)
    assert "Le récit d'une victime, avec ses mots." in first
    assert "Qui décide quand arrêter de regarder le matériel ?" in first
    assert "Décrit la maltraitance d&#x27;un enfant." in second
    # The interface text of the section is in French too.
    assert "distressing subject" not in first
    check_id = _inner_check_id(french)
    answered = client.get(f"{french.url}?check={check_id}&answer=0").content.decode()
    opened, _closed = _details(answered)
    assert opened.startswith('<details class="sensitive" open>')
    assert "Oui : vous pouvez faire une pause à tout moment." in opened
