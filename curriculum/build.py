"""The field values of every page and question a programme becomes, without the database.

Each object gets a key that names it in translation files ("lesson:acquisition/tool-levels")
and block ids derived from that key and the block's place in the file, so that loading the same
files again gives the same values (nothing to update) and the same wagtail-localize segment
paths (translations stay attached). Files and diagrams are referred to through two functions
that return a document or image id; the checks and the PO export pass functions that return
None, since text is all they need.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue

from assessments.models import Question, QuestionCategory, QuizPage
from courses.models import CoursePage, LessonPage, ModulePage
from curriculum.reader import CHOOSER_KEYS, BodyItem, Programme
from discussions.models import DiscussionPage
from lms.sanitize import sanitize_stored_rich_text

# Block ids and translation keys are uuid5 names in this namespace.
NAMESPACE = uuid.UUID("6f1c3a52-2b7e-4f0e-9d55-3c2f8d7e9a10")

IdFor = Callable[[str], int | None]


def stable_uuid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def no_id(_name: str) -> None:
    return None


@dataclass
class ContentObject:
    """One page, question category or question made from a programme's files.

    ``fields`` are model field values; ``links`` name other objects or files by key (parent,
    prerequisite, category, quiz questions, evidence file), resolved by the loader; ``labels``
    turn the block ids in a wagtail-localize segment path into positions in the file (None
    drops a wrapper that the file does not have, the sensitive section).
    """

    key: str
    kind: str  # course, module, lesson, quiz, discussion, category, question
    model: type
    fields: dict[str, Any]
    file: str
    parent: str | None = None
    links: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str | None] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.fields.get("slug", "")


def programme_objects(
    programme: Programme, *, image_id: IdFor = no_id, document_id: IdFor = no_id
) -> list[ContentObject]:
    """Every object of the programme, parents before children, questions last.

    Block defaults that are translated strings ("Key terms") are taken in the source
    language, whatever language is active.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _programme_objects(programme, image_id, document_id)


def digests_asked(programme: Programme) -> dict[str, str]:
    """The files whose SHA-256 an evidence question asks for, each with that question's key.

    ``sha256:<file>`` names the file; ``sha256:<64 hex>`` is the digest of the question's
    own evidence file (the reader checks that they agree).
    """
    asked = {}
    for question in programme.questions:
        if question.type != "evidence" or not question.expected.startswith("sha256:"):
            continue
        target = question.expected.removeprefix("sha256:")
        name = target if target in programme.files else question.evidence_file
        if name in programme.files:
            asked.setdefault(name, question.key)
    return asked


def _digests_kept_back(items: list[BodyItem], asked: dict[str, str]) -> list[BodyItem]:
    """Evidence files whose SHA-256 a question asks for are offered without their digest."""
    return [
        replace(item, value={**item.value, "show_digest": False})
        if item.block_type == "evidence_file"
        and isinstance(item.value, dict)
        and item.value.get("file") in asked
        else item
        for item in items
    ]


def _programme_objects(programme: Programme, image_id: IdFor, document_id: IdFor):
    asked = digests_asked(programme)
    course = dict(programme.course)
    topics = course.pop("topics")
    for name in ("description", "content_note"):
        course[name] = sanitize_stored_rich_text(course[name])
    objects = [
        ContentObject(
            "course", "course", CoursePage, course, "course.yaml", links={"topics": topics}
        )
    ]
    for module in programme.modules:
        module_key = f"module:{module.slug}"
        module_labels: dict[str, str | None] = {}
        objects.append(
            ContentObject(
                module_key,
                "module",
                ModulePage,
                {
                    "title": module.title,
                    "slug": module.slug,
                    "summary": module.summary,
                    "release_offset_days": ((module.week or 1) - 1) * 7,
                    # A week's module is due on the last day of that week.
                    "due_offset_days": module.week * 7 - 1 if module.week else None,
                    "outcomes": _outcomes(programme, module_key, module.outcomes, module_labels),
                },
                "course.yaml",
                parent="course",
                links={"prerequisite": module.prerequisite and f"module:{module.prerequisite}"},
                labels=module_labels,
            )
        )
        for lesson in module.lessons:
            key = f"lesson:{module.slug}/{lesson.slug}"
            labels: dict[str, str | None] = {}
            body = lesson_body(
                _digests_kept_back(lesson.body, asked),
                owner=f"{programme.slug}/{key}",
                labels=labels,
                ids=(image_id, document_id),
            )
            fields = {
                "title": lesson.title,
                "slug": lesson.slug,
                "summary": lesson.summary,
                "estimated_minutes": lesson.estimated_minutes,
                "free_preview": lesson.free_preview,
                "required": lesson.required,
                "body": body,
            }
            objects.append(
                ContentObject(
                    key, "lesson", LessonPage, fields, lesson.file, module_key, {}, labels
                )
            )
        for quiz in programme.quizzes:
            if quiz.module != module.slug:
                continue
            fields = {
                "title": quiz.title,
                "slug": quiz.slug,
                "intro": sanitize_stored_rich_text(quiz.intro),
                **quiz.settings,
            }
            links = {"questions": [f"question:{key}" for key in quiz.questions]}
            objects.append(
                ContentObject(
                    f"quiz:{module.slug}/{quiz.slug}", "quiz", QuizPage, fields, quiz.file,
                    module_key, links,
                )
            )  # fmt: skip
        for discussion in programme.discussions:
            if discussion.module == module.slug:
                objects.append(_discussion_object(programme, discussion, module_key))
    categories = dict.fromkeys(question.category for question in programme.questions)
    for name in categories:
        objects.append(
            ContentObject(
                f"category:{name}", "category", QuestionCategory, {"name": name}, "quizzes.yaml"
            )
        )
    for question in programme.questions:
        key = f"question:{question.key}"
        labels = {}
        answers = stream_value(
            Question._meta.get_field("answers").stream_block,
            question.answers,
            owner=f"{programme.slug}/{key}",
            prefix="answers",
            labels=labels,
            ids=(image_id, document_id),
        )
        fields = {
            "type": question.type,
            "title": question.title,
            "text": sanitize_stored_rich_text(question.text),
            "points": question.points,
            "answers": answers,
            "general_feedback": sanitize_stored_rich_text(question.general_feedback),
            "correct_is_true": question.correct_is_true,
            "case_sensitive": question.case_sensitive,
            "ignore_accents": question.ignore_accents,
            "ignore_spaces": question.ignore_spaces,
            "word_limit": question.word_limit,
            "model_answer": sanitize_stored_rich_text(question.model_answer),
            "accepts_file": question.accepts_file,
        }
        links = {
            "category": f"category:{question.category}",
            "evidence_file": question.evidence_file or None,
            "expected": question.expected,
        }
        objects.append(
            ContentObject(key, "question", Question, fields, question.file, None, links, labels)
        )
    return objects


def _outcomes(programme: Programme, module_key: str, outcomes, labels: dict) -> list[dict]:
    """A module's learning outcomes as stored: one block per outcome, its id made from the
    outcome's id, so its translation (``module:<slug>:outcomes.<id>``) follows it when the
    outcomes are reordered."""
    stream = ModulePage._meta.get_field("outcomes").stream_block
    raw = []
    for outcome in outcomes:
        block_id = str(stable_uuid(programme.slug, module_key, "outcomes", outcome["id"]))
        labels[block_id] = outcome["id"]
        raw.append({"type": "outcome", "value": outcome["text"], "id": block_id})
    return canonical_stream(stream, raw)


def _discussion_object(programme: Programme, discussion, module_key: str) -> ContentObject:
    """A module's discussion case: the last page of its module."""
    key = f"discussion:{discussion.module}/{discussion.slug}"
    labels: dict[str, str | None] = {}
    questions = stream_value(
        DiscussionPage._meta.get_field("questions").stream_block,
        [BodyItem("question", text) for text in discussion.questions],
        owner=f"{programme.slug}/{key}",
        prefix="questions",
        labels=labels,
        ids=(no_id, no_id),
    )
    fields = {
        "title": discussion.title,
        "slug": discussion.slug,
        "scenario": sanitize_stored_rich_text(discussion.scenario),
        "questions": questions,
        "required": discussion.counts_for_completion,
    }
    return ContentObject(
        key, "discussion", DiscussionPage, fields, discussion.file, module_key, {}, labels
    )


def translation_key(programme: Programme, obj: ContentObject) -> uuid.UUID:
    """The translation key of a question or category: found again by it on the next load."""
    return stable_uuid(programme.slug, obj.key)


def lesson_body(
    items: list[BodyItem], *, owner: str, labels: dict, ids=(no_id, no_id), stream=None
) -> list[dict]:
    """A lesson body as stored, each run of sensitive blocks in one sensitive section.

    Until the lesson blocks (``stream``, by default the lesson page's) have a sensitive
    section, sensitive blocks stay as they are.
    """

    stream = stream or LessonPage._meta.get_field("body").stream_block
    can_wrap = "sensitive" in stream.child_blocks
    raw: list[dict] = []
    section = None
    for n, item in enumerate(items):
        entry = _stream_child(stream, item, owner, f"body.{n}", labels, ids)
        if not (can_wrap and item.sensitive):
            section = None
            raw.append(entry)
            continue
        if section is None:
            section_id = str(stable_uuid(owner, f"body.{n}.sensitive"))
            labels[section_id] = None
            section = {"type": "sensitive", "value": {"content": []}, "id": section_id}
            raw.append(section)
        section["value"]["content"].append(entry)
    return canonical_stream(stream, raw)


def stream_value(stream, items: list[BodyItem], *, owner, prefix, labels, ids) -> list[dict]:
    raw = [
        _stream_child(stream, item, owner, f"{prefix}.{n}", labels, ids)
        for n, item in enumerate(items)
    ]
    return canonical_stream(stream, raw)


def _stream_child(stream, item: BodyItem, owner, path, labels, ids) -> dict:
    block_id = str(stable_uuid(owner, path))
    labels[block_id] = path.rsplit(".", 1)[1]
    block = stream.child_blocks[item.block_type]
    value = _raw(block, item.value, owner, path, labels, ids)
    return {"type": item.block_type, "value": value, "id": block_id}


def _raw(block, value, owner: str, path: str, labels: dict, ids) -> Any:
    """The stored form of a value read from a file (YAML names), with stable list item ids."""
    image_id, document_id = ids
    if isinstance(block, blocks.StructBlock):
        raw = {}
        for name, child in block.child_blocks.items():
            yaml_name = CHOOSER_KEYS.get((block.name, name), name)
            if isinstance(child, blocks.ChooserBlock):
                target = value.get(yaml_name)
                if yaml_name == "diagram":
                    raw[name] = image_id(target)
                elif yaml_name == "file":
                    raw[name] = document_id(target)
                else:
                    raw[name] = None
            elif yaml_name in value:
                raw[name] = _raw(child, value[yaml_name], owner, f"{path}.{name}", labels, ids)
            elif isinstance(child, blocks.CharBlock | blocks.TextBlock):
                raw[name] = str(child.get_default() or "")  # as the editor stores it
        return raw
    if isinstance(block, blocks.ListBlock):
        items = []
        for n, each in enumerate(value):
            item_id = str(stable_uuid(owner, f"{path}.{n}"))
            labels[item_id] = str(n)
            child = _raw(block.child_block, each, owner, f"{path}.{n}", labels, ids)
            items.append({"type": "item", "value": child, "id": item_id})
        return items
    if isinstance(block, blocks.RichTextBlock):
        return sanitize_stored_rich_text(value)
    return value


def canonical_stream(stream, raw) -> list[dict]:
    """``raw`` as Wagtail writes it back: every field present, in its stored form.

    Both the values built from files and the values read from the database go through this,
    so comparing them tells whether anything changed.
    """
    value = stream.to_python(list(raw))
    _bind(value)
    return json.loads(json.dumps(stream.get_prep_value(value), cls=DjangoJSONEncoder))


def _bind(value) -> None:
    """Turn every nested raw value into block values, so that none is written back as read."""
    if isinstance(value, StreamValue):
        for child in value:
            _bind(child.value)
    elif isinstance(value, ListValue):
        for child in value:
            _bind(child)
    elif isinstance(value, blocks.StructValue):
        for child in value.values():
            _bind(child)
