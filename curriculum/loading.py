"""Load a programme's files into English pages and questions (the source side).

``programme_load`` finds pages by slug under their parent, question categories and questions
by a translation key made from the programme and their key, documents and diagrams by title in
the programme's collection. The collection is the course's (its trainers upload and choose
there), and every category belongs to the course (only its trainers see its questions).
Whatever already matches the files is left alone, so loading twice writes nothing; a changed
object gets a new published revision. ``curriculum.translating`` then makes the other
languages from the programme's PO files.
"""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.utils.file import hash_filelike

from assessments import grading
from assessments.models import Question, QuestionCategory, QuizQuestion
from courses.services import course_collection_link
from curriculum.build import ContentObject, canonical_stream, programme_objects, translation_key
from curriculum.diagrams import diagram_png
from curriculum.reader import ContentProblem, Programme
from mentoring.services import mentoring_policy_set

Report = Callable[[str], None]
STREAM_FIELDS = {"body", "answers", "questions", "outcomes"}


def silent(_line: str) -> None:
    pass


class ContentError(Exception):
    """The programme's files have errors; nothing was loaded."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class LoadedProgramme:
    """A programme and the English objects made from it, by content key."""

    programme: Programme
    objects: list[ContentObject]
    instances: dict[str, Any] = field(default_factory=dict)

    @property
    def course(self):
        return self.instances["course"]


@transaction.atomic
def programme_load(*, index, programme: Programme, report: Report = silent) -> LoadedProgramme:
    """Create or update the English course, modules, lessons, quizzes and question bank."""
    if programme.errors:
        raise ContentError(programme.errors)
    collection = _collection_ensure(name=programme.slug)
    images = {
        key: _image_ensure(collection=collection, title=d.title, png=diagram_png(d.title, d.steps))
        for key, d in programme.diagrams.items()
    }
    documents = {
        name: _document_ensure(collection=collection, title=name, data=programme.file_bytes(name))
        for name in programme.files
    }
    objects = programme_objects(
        programme,
        image_id=lambda key: images[key].pk if key in images else None,
        document_id=lambda name: documents[name].pk if name in documents else None,
    )
    loaded = LoadedProgramme(programme, objects)
    course_object = objects[0]
    course, status = _page_ensure(
        parent=index,
        obj=course_object,
        relations={"topics": sorted(course_object.links["topics"])},
    )
    loaded.instances["course"] = course
    report(f"{programme.slug}: course {status}")
    course_collection_link(course=course, collection=collection)
    if mentoring_policy_set(course=course, questions_enabled=programme.mentoring):
        # The policy is an inline of the course page: publish a revision that holds it, or
        # the next publish from the admin would restore the older revision's setting.
        course = type(course).objects.get(pk=course.pk)
        course.save_revision().publish()
        loaded.instances["course"] = course
        state = "on" if programme.mentoring else "off"
        report(f"{programme.slug}: questions to mentors switched {state}")
    _question_bank_load(loaded, documents, report)
    modules = [obj for obj in objects if obj.kind == "module"]
    for obj in modules:
        prerequisite = obj.links["prerequisite"]
        module, status = _page_ensure(
            parent=course,
            obj=obj,
            relations={
                "prerequisite_id": prerequisite and loaded.instances[prerequisite].pk,
            },
        )
        loaded.instances[obj.key] = module
        statuses = Counter()
        children = [child for child in objects if child.parent == obj.key]
        for child in children:
            relations = {}
            if child.kind == "quiz":
                relations["fixed_questions"] = [
                    loaded.instances[key].pk for key in child.links["questions"]
                ]
            page, child_status = _page_ensure(parent=module, obj=child, relations=relations)
            loaded.instances[child.key] = page
            statuses[child_status] += 1
        retired = _children_arrange(module, [loaded.instances[c.key] for c in children])
        lessons = sum(1 for child in children if child.kind == "lesson")
        quizzes = sum(1 for child in children if child.kind == "quiz")
        cases = sum(1 for child in children if child.kind == "discussion")
        report(
            f"  module {obj.slug}: {status}; {lessons} lesson(s), {quizzes} quiz(zes) and "
            f"{cases} discussion case(s): {_summary(statuses, retired)}"
        )
    retired = _children_arrange(course, [loaded.instances[obj.key] for obj in modules])
    if retired:
        report(f"  {retired} module(s) no longer in the files: unpublished")
    return loaded


def _summary(statuses: Counter, retired: int = 0) -> str:
    parts = [f"{count} {status}" for status, count in sorted(statuses.items())]
    if retired:
        parts.append(f"{retired} unpublished")
    return ", ".join(parts) or "none"


def _collection_ensure(*, name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _image_ensure(*, collection, title: str, png: bytes):
    """The diagram's image in the collection, with its file replaced when the drawing changed."""
    Image = get_image_model()
    image = Image.objects.filter(collection=collection, title=title).first()
    content = ContentFile(png, name=f"{slugify(title)[:80]}.png")
    if image is None:
        return Image.objects.create(collection=collection, title=title, file=content)
    if image.get_file_hash() != hash_filelike(ContentFile(png)):
        image.renditions.all().delete()
        image.file = content
        image._set_image_file_metadata()
        image.save()
    return image


def _document_ensure(*, collection, title: str, data: bytes):
    """The file as a document in the collection, its bytes replaced when the file changed."""
    Document = get_document_model()
    document = Document.objects.filter(collection=collection, title=title).first()
    if document is None:
        return Document.objects.create(
            collection=collection, title=title, file=ContentFile(data, name=title)
        )
    if document.sha256 != hashlib.sha256(data).hexdigest():
        document.file = ContentFile(data, name=title)
        document._set_document_file_metadata()
        document.save()
    return document


def _question_bank_load(loaded: LoadedProgramme, documents: dict, report: Report) -> None:
    programme = loaded.programme
    default = Locale.get_default()
    statuses = Counter()
    for model, kind in ((QuestionCategory, "category"), (Question, "question")):
        objects = [obj for obj in loaded.objects if obj.kind == kind]
        keys = {translation_key(programme, obj): obj for obj in objects}
        existing = {
            instance.translation_key: instance
            for instance in model.objects.filter(locale=default, translation_key__in=keys)
        }
        for key, obj in keys.items():
            instance = existing.get(key)
            if kind == "category":
                # The course decides who may see the category (assessments.permissions).
                if instance is None:
                    instance = model.objects.create(
                        translation_key=key, locale=default, course=loaded.course, **obj.fields
                    )
                elif instance.course_id != loaded.course.pk:
                    model.objects.filter(translation_key=key).update(course=loaded.course)
                    instance.course = loaded.course
            else:
                instance, status = _question_ensure(
                    instance=instance,
                    obj=obj,
                    translation_key=key,
                    category=loaded.instances[obj.links["category"]],
                    document=documents.get(obj.links["evidence_file"]),
                    expected=_expected_value(programme, obj.links["expected"]),
                )
                statuses[status] += 1
            loaded.instances[obj.key] = instance
    count = sum(statuses.values())
    report(f"{programme.slug}: question bank {count} questions ({_summary(statuses)})")


def _expected_value(programme: Programme, expected: str) -> str:
    """``sha256:<file>`` is the digest of the file's bytes, so it is never written down."""
    if expected.startswith("sha256:") and expected[7:] in programme.files:
        return hashlib.sha256(programme.file_bytes(expected[7:])).hexdigest()
    return expected.removeprefix("sha256:")


def _question_ensure(*, instance, obj, translation_key, category, document, expected):
    status = "unchanged"
    if instance is None:
        instance = Question(translation_key=translation_key, locale=Locale.get_default())
        status = "created"
    wanted = {
        **obj.fields,
        "category_id": category.pk,
        "evidence_file_id": document and document.pk,
    }
    changed = {name for name, value in wanted.items() if _current(instance, name) != value}
    for name in changed:
        setattr(instance, name, wanted[name])
    options = grading.TextOptions(
        case_sensitive=instance.case_sensitive,
        ignore_accents=instance.ignore_accents,
        remove_spaces=instance.ignore_spaces,
    )
    if instance.type == "evidence":
        digest = grading.evidence_digest(expected, instance.evidence_salt, options)
        if digest != instance.evidence_digest:
            instance.evidence_set(expected)
            changed.add("evidence_digest")
    elif instance.evidence_digest:
        instance.evidence_salt = instance.evidence_digest = ""
        changed.add("evidence_digest")
    if changed:
        instance.full_clean()
        instance.save()
        status = "updated" if status == "unchanged" else status
    return instance, status


def _current(instance, name: str):
    value = getattr(instance, name)
    if name in STREAM_FIELDS:
        return canonical_stream(type(instance)._meta.get_field(name).stream_block, value.raw_data)
    return value


def _page_ensure(*, parent, obj: ContentObject, relations: dict[str, Any]):
    """The page ``obj`` under ``parent`` (by slug), published with the file's values."""
    page = Page.objects.child_of(parent).filter(slug=obj.slug).specific().first()
    if page is not None and not isinstance(page, obj.model):
        raise ContentError(
            [ContentProblem(obj.file, f"{page.url_path} is not a {obj.model.__name__}")]
        )
    if page is None:
        page = obj.model(**obj.fields)
        for name, value in relations.items():
            _relation_set(page, name, value)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, "created"
    changed = [name for name, value in obj.fields.items() if _current(page, name) != value]
    changed += [name for name, value in relations.items() if _relation(page, name) != value]
    if not changed and page.live:
        return page, "unchanged"
    for name in changed:
        if name in relations:
            _relation_set(page, name, relations[name])
        else:
            setattr(page, name, obj.fields[name])
    page.save_revision().publish()
    return page, "updated"


def _relation(page, name: str):
    if name == "topics":
        return sorted(page.topics.names())
    if name == "fixed_questions":
        return [link.question_id for link in page.fixed_questions.all()]
    return getattr(page, name)


def _relation_set(page, name: str, value) -> None:
    if name == "topics":
        page.topics.set(value)
    elif name == "fixed_questions":
        # Without a sort order, the database may return them in any order.
        page.fixed_questions = [
            QuizQuestion(question_id=pk, sort_order=n) for n, pk in enumerate(value)
        ]
    else:
        setattr(page, name, value)


def _children_arrange(parent, pages: list) -> int:
    """Put ``pages`` in this order under ``parent``; unpublish live children not among them.

    Returns how many pages were unpublished (they and their translations, with descendants).
    """
    wanted = [page.pk for page in pages]
    children = list(Page.objects.child_of(parent).values_list("pk", "live", "translation_key"))
    if [pk for pk, _live, _key in children if pk in wanted] != wanted:
        for pk in wanted:
            Page.objects.get(pk=pk).move(Page.objects.get(pk=parent.pk), pos="last-child")
    retired = 0
    for pk, live, key in children:
        if pk in wanted or not live:
            continue
        for page in Page.objects.filter(translation_key=key):
            for each in page.get_descendants(inclusive=True).live():
                each.unpublish()
        retired += 1
    return retired
