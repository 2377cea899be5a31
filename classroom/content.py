"""What a classroom bundle carries, and how a node loads it.

The central platform serialises the cohort's course (pages in the chosen languages and their
ancestors up to the root, quiz questions and random draws, question categories and questions,
the course's collection with its images and documents) with Django's serialiser, keeping every
primary key. A fresh node loads the rows with the same keys, so a quiz, a lesson or a learner
has the same id on both sides: results come back keyed by those ids.

References the node cannot have are cut on the way out: page revisions and owners, the
course's trainers and certificate template (certificates are issued centrally), tags, the
uploader of images and documents.
"""

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from assessments.models import Question, QuestionCategory, QuizQuestion
from courses.models import CourseCollection, CoursePage

# Fields set to None (foreign keys) or [] (many-to-many) in the exported rows.
CUT_FIELDS = {
    "wagtailcore.page": {"live_revision", "latest_revision", "locked_by", "owner", "alias_of"},
    "courses.coursepage": {"certificate_template", "trainers"},
    "wagtailimages.image": {"uploaded_by_user", "tags"},
    "wagtaildocs.document": {"uploaded_by_user", "tags"},
    "lms.academydocument": {"uploaded_by_user", "tags"},
}
SKIPPED_CHILD_MODELS = {"courses.coursetopic"}


def _label(model) -> str:
    return model._meta.label_lower


def _rows(queryset) -> list[dict]:
    """Rows with their primary keys; content types by name (their ids differ between installs)."""
    from django.contrib.contenttypes.models import ContentType

    rows = serializers.serialize("python", queryset)
    cut = CUT_FIELDS.get(_label(queryset.model), set())
    type_fields = [
        f.name
        for f in queryset.model._meta.local_fields
        if f.is_relation and f.related_model is ContentType
    ]
    for row in rows:
        for name in cut & set(row["fields"]):
            row["fields"][name] = [] if isinstance(row["fields"][name], list) else None
        for name in type_fields:
            if row["fields"].get(name) is not None:
                row["fields"][name] = list(_content_type_label(row["fields"][name]))
    return rows


def course_rows(*, course: CoursePage, languages: list[str]) -> tuple[list[dict], list[str]]:
    """The serialised rows of ``course`` in ``languages``, and the storage names of its files.

    Rows are in load order: a row's foreign keys point to rows before it.
    """
    translations = list(
        course.get_translations(inclusive=True).filter(locale__language_code__in=languages)
    )
    page_ids: set[int] = set()
    for translation in translations:
        page_ids.update(
            Page.objects.filter(path__startswith=translation.path).values_list("id", flat=True)
        )
        page_ids.update(translation.get_ancestors().values_list("id", flat=True))
    pages = Page.objects.filter(id__in=page_ids).order_by("path")
    locale_ids = set(pages.values_list("locale_id", flat=True))

    rows: list[dict] = []
    rows += _rows(Locale.objects.filter(id__in=locale_ids).order_by("id"))

    # Media first: pages, questions and quiz rows may point at them.
    collection_ids = set(
        CourseCollection.objects.filter(course__in=translations).values_list(
            "collection_id", flat=True
        )
    )
    collections = Collection.objects.filter(id__in=collection_ids)
    for collection in list(collections):
        collection_ids.update(
            collection.get_ancestors().filter(depth__gt=1).values_list("id", flat=True)
        )
    rows += _rows(Collection.objects.filter(id__in=collection_ids, depth__gt=1).order_by("path"))
    categories = QuestionCategory.objects.filter(course__in=translations)
    category_keys = set(categories.values_list("translation_key", flat=True))
    categories = QuestionCategory.objects.filter(
        translation_key__in=category_keys, locale_id__in=locale_ids
    )
    fixed_question_ids = set(
        QuizQuestion.objects.filter(quiz_id__in=page_ids).values_list("question_id", flat=True)
    )
    questions = Question.objects.filter(category__in=categories) | Question.objects.filter(
        id__in=fixed_question_ids
    )
    category_ids = set(questions.values_list("category_id", flat=True)) | set(
        categories.values_list("id", flat=True)
    )
    document_model = get_document_model()
    image_model = get_image_model()
    documents = document_model.objects.filter(collection_id__in=collection_ids) | (
        document_model.objects.filter(
            id__in=questions.exclude(evidence_file=None).values("evidence_file")
        )
    )
    images = image_model.objects.filter(collection_id__in=collection_ids)
    extra_collections = (
        set(documents.values_list("collection_id", flat=True))
        | set(images.values_list("collection_id", flat=True))
    ) - collection_ids
    if extra_collections:  # an evidence file kept outside the course's collection
        for collection in Collection.objects.filter(id__in=extra_collections):
            ids = set(collection.get_ancestors().values_list("id", flat=True)) | {collection.id}
            collection_ids |= ids
        rows = [row for row in rows if row["model"] != "wagtailcore.collection"]
        rows[1:1] = _rows(
            Collection.objects.filter(id__in=collection_ids, depth__gt=1).order_by("path")
        )
    rows += _rows(images.distinct().order_by("id"))
    rows += _rows(documents.distinct().order_by("id"))

    # Pages: the base rows in tree order, then each specific table.
    rows += _rows(pages)
    specific_models: dict = {}
    for page_id, content_type in pages.values_list("id", "content_type"):
        model = apps.get_model(*_content_type_label(content_type))
        specific_models.setdefault(model, []).append(page_id)
    rows += _rows(QuestionCategory.objects.filter(id__in=category_ids).order_by("id"))
    rows += _rows(Question.objects.filter(id__in=questions.values("id")).order_by("id"))
    child_rows: list[dict] = []
    for model, ids in sorted(specific_models.items(), key=lambda item: _label(item[0])):
        if model is Page:
            continue
        rows += _specific_rows(model, ids)
        for relation in get_all_child_relations(model):
            child = relation.related_model
            if _label(child) in SKIPPED_CHILD_MODELS:
                continue
            child_rows += _rows(
                child.objects.filter(**{f"{relation.field.name}_id__in": ids}).order_by("pk")
            )
    rows += child_rows
    rows += _rows(CourseCollection.objects.filter(course__in=translations).order_by("pk"))

    files = [item.file.name for item in list(images) + list(documents) if item.file]
    return rows, sorted(set(files))


def _content_type_label(content_type_id: int) -> tuple[str, str]:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_id(content_type_id)
    return content_type.app_label, content_type.model


def _specific_rows(model, ids) -> list[dict]:
    """Only the table the specific model adds (Django serialises MTI children that way)."""
    return _rows(model.objects.filter(pk__in=ids).order_by("pk"))


def rows_dump(rows: list[dict]) -> bytes:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")


def rows_load(raw: bytes) -> list:
    """Deserialised objects, not saved yet."""
    return list(
        serializers.deserialize(
            "python", json.loads(raw.decode("utf-8")), handle_forward_references=True
        )
    )


def media_read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def cohort_learners(cohort) -> list:
    from courses.models import Enrolment

    user_ids = (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    return list(
        get_user_model()
        .objects.filter(id__in=user_ids)
        .select_related("profile")
        .order_by("last_name", "first_name", "id")
    )
