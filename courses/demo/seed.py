"""Build the demo catalog from the content modules beside this file.

Content lives as plain data (``mobile_forensics.py``) so that it reads like a document and can
be reviewed without running anything; this module turns it into Wagtail pages, images and
documents, through the same services that the admin and commands use. Everything is
idempotent: an existing course (same slug) is left as it is.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses import services
from courses.models import Cohort, CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.services import page_translation_import

CATALOG_TRANSLATIONS = {
    "fr": {"Courses": "Formations", "courses": "formations"},
    "pt": {"Courses": "Cursos", "courses": "cursos"},
    "es": {"Courses": "Cursos", "courses": "cursos"},
}


@transaction.atomic
def catalog_ensure(home) -> CourseIndexPage:
    """The catalog page under the English home page, translated into the other languages."""
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses")
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = set(index.get_translations().values_list("locale__language_code", flat=True))
    for language_code, strings in CATALOG_TRANSLATIONS.items():
        if language_code not in existing:
            page_translation_import(page=index, language_code=language_code, strings=strings)
    services.catalog_review_setup(index=index)
    return index


def _diagram_png(title: str, steps: list[str]) -> bytes:
    """A left-to-right flow diagram: one box per step, arrows between them."""
    box_w, box_h, gap, margin = 210, 84, 46, 24
    width = margin * 2 + len(steps) * box_w + (len(steps) - 1) * gap
    height = 190
    image = PILImage.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=17)
    title_font = ImageFont.load_default(size=20)
    draw.text((margin, 16), title, fill="#12355b", font=title_font)
    top = 70
    for i, step in enumerate(steps):
        left = margin + i * (box_w + gap)
        draw.rounded_rectangle(
            (left, top, left + box_w, top + box_h), radius=10, outline="#12355b", width=3,
            fill="#f3f5f8",
        )  # fmt: skip
        lines = _wrap(step, 20)
        for n, line in enumerate(lines[:3]):
            draw.text((left + 12, top + 12 + n * 22), line, fill="#1b1f24", font=font)
        if i < len(steps) - 1:
            y = top + box_h // 2
            x0, x1 = left + box_w + 6, left + box_w + gap - 6
            draw.line((x0, y, x1, y), fill="#12355b", width=3)
            draw.polygon([(x1, y), (x1 - 10, y - 7), (x1 - 10, y + 7)], fill="#12355b")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _image_for(key: str, diagram: dict):
    Image = get_image_model()
    title = diagram["title"]
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    content = ContentFile(_diagram_png(title, diagram["steps"]), name=f"{key}.png")
    return Image.objects.create(title=title, file=content)


def document_for(filename: str, text: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=filename).first()
    if existing:
        return existing
    return Document.objects.create(
        title=filename, file=ContentFile(text.encode("utf-8"), name=filename)
    )


def _stream_value(body, *, diagrams, evidence_files):
    """Turn the content module's (block_type, value) pairs into StreamField data."""
    stream = []
    for block_type, value in body:
        if block_type == "image":
            image = _image_for(value["diagram"], diagrams[value["diagram"]])
            value = {"image": image.pk, "alt": value["alt"], "caption": value.get("caption", "")}
        elif block_type == "evidence_file":
            document = document_for(value["file"], evidence_files[value["file"]])
            value = {
                "document": document.pk,
                "title": value["title"],
                "description": value.get("description", ""),
            }
        elif block_type == "video":
            value = {
                "title": value["title"],
                "video_file": None,
                "captions_file": None,
                "duration_minutes": value["duration_minutes"],
                "transcript": value["transcript"],
            }
        stream.append({"type": block_type, "value": value})
    return stream


@transaction.atomic
def course_from_content(*, index, content) -> CoursePage:
    """Create a course from a content module (COURSE, MODULES, DIAGRAMS, EVIDENCE_FILES)."""
    data = content.COURSE
    existing = CoursePage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing:
        return existing
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        audience=data["audience"],
        level=data["level"],
        estimated_hours=data["estimated_hours"],
        pacing=data.get("pacing", CoursePage.Pacing.SELF_PACED),
        enrolment=data.get("enrolment", CoursePage.Enrolment.OPEN),
    )
    index.add_child(instance=course)
    course.topics.add(*data["topics"])
    course.save_revision().publish()
    diagrams = getattr(content, "DIAGRAMS", {})
    evidence = getattr(content, "EVIDENCE_FILES", {})
    modules_by_slug = {}
    for module_data in content.MODULES:
        module = ModulePage(
            title=module_data["title"],
            slug=module_data["slug"],
            summary=module_data.get("summary", ""),
            release_offset_days=module_data.get("release_offset_days", 0),
            prerequisite=modules_by_slug.get(module_data.get("prerequisite")),
        )
        modules_by_slug[module.slug] = module
        course.add_child(instance=module)
        module.save_revision().publish()
        for lesson_data in module_data["lessons"]:
            lesson = LessonPage(
                title=lesson_data["title"],
                slug=lesson_data["slug"],
                summary=lesson_data.get("summary", ""),
                estimated_minutes=lesson_data.get("estimated_minutes", 20),
                free_preview=lesson_data.get("free_preview", False),
                body=_stream_value(
                    lesson_data["body"], diagrams=diagrams, evidence_files=evidence
                ),
            )
            module.add_child(instance=lesson)
            lesson.save_revision().publish()
    return course


@transaction.atomic
def cohort_ensure(*, course, name, country, start_date, coordinators=()) -> Cohort:
    cohort, created = Cohort.objects.get_or_create(
        course=course, name=name, defaults={"country": country, "start_date": start_date}
    )
    if created:
        cohort.coordinators.set(coordinators)
    return cohort


def sample_start_date() -> datetime.date:
    """A cohort that started ten days ago, so the demo shows open and locked modules."""
    return datetime.date.today() - datetime.timedelta(days=10)
