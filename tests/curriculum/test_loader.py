"""Loading a programme's files into English pages and questions."""

import hashlib

import pytest
from wagtail import blocks
from wagtail.models import Revision

from assessments import grading
from assessments.models import Question, QuestionCategory, QuizPage
from courses.blocks import LessonStreamBlock
from courses.models import CoursePage, LessonPage, ModulePage
from curriculum.build import lesson_body
from curriculum.loading import ContentError, programme_load
from curriculum.reader import programme_read
from tests.curriculum.conftest import EXHIBIT, yaml_edit

pytestmark = pytest.mark.django_db


def lesson(slug: str) -> LessonPage:
    return LessonPage.objects.get(slug=slug, locale__language_code="en")


def test_course_yaml_fields_become_course_page_fields(load):
    course = load().course
    course.refresh_from_db()
    assert course.live
    assert (course.pacing, course.enrolment, course.level) == ("cohort", "approval", "advanced")
    assert course.certificate_issue == "coordinator"
    assert (course.certificate_min_grade, course.certificate_validity_years) == (80, 3)
    assert "hard to read" in course.content_note
    assert course.wellbeing_reminder == "Take a break whenever you need one."
    assert sorted(course.topics.names()) == ["forensics", "testing"]
    assert course.illustration == "layers"


@pytest.mark.engine_sensitive
def test_modules_open_by_week_in_file_order_with_their_prerequisite(load):
    course = load().course
    first, second = ModulePage.objects.child_of(course).order_by("path")
    assert (first.slug, first.release_offset_days) == ("first-steps", 0)
    assert (second.slug, second.release_offset_days) == ("next-steps", 14)
    assert second.prerequisite_id == first.pk
    assert [p.slug for p in first.get_children()] == [
        "every-block",
        "short-lesson",
        "quiz-first-steps",
    ]


def test_a_weeks_module_is_due_on_the_last_day_of_that_week(load):
    course = load().course
    first, third_week = ModulePage.objects.child_of(course).order_by("path")
    assert (first.due_offset_days, third_week.due_offset_days) == (6, 20)


def test_lesson_blocks_become_lesson_stream_values(load):
    load()
    page = lesson("every-block")
    blocks_in_order = [block.block_type for block in page.body]
    assert blocks_in_order[:3] == ["rich_text", "heading", "image"]
    image = next(block for block in page.body if block.block_type == "image").value
    assert image["image"].title == "Pilot flow"
    assert image["alt"] == "Three boxes in a row."
    assert page.free_preview and page.estimated_minutes == 20


def test_an_evidence_file_is_a_document_with_the_files_digest(load):
    load()
    evidence = next(
        block.value
        for block in _flattened(lesson("every-block").body)
        if block.block_type == "evidence_file"
    )
    assert evidence["document"].sha256 == hashlib.sha256(EXHIBIT).hexdigest()
    assert evidence["document"].file.read() == EXHIBIT


def _flattened(body):
    for block in body:
        if block.block_type == "sensitive":
            yield from block.value["content"]
        else:
            yield block


def test_each_run_of_sensitive_blocks_becomes_one_sensitive_section(load):
    load()
    body = lesson("every-block").body
    types = [block.block_type for block in body]
    assert types == [
        "rich_text",
        "heading",
        "image",
        "sensitive",
        "key_terms",
        "procedure",
        "sensitive",
        "code",
        "video",
        "knowledge_check",
        "further_reading",
    ]
    first, second = (block.value["content"] for block in body if block.block_type == "sensitive")
    assert [child.block_type for child in first] == ["rich_text", "callout"]
    assert [child.block_type for child in second] == ["evidence_file"]


def test_sensitive_blocks_stay_as_they_are_without_a_sensitive_section_block(programme_dir):
    class Plain(blocks.StreamBlock):
        rich_text = blocks.RichTextBlock()
        callout = LessonStreamBlock.base_blocks["callout"]

    items = programme_read(programme_dir).modules[0].lessons[0].body[3:5]
    body = lesson_body(items, owner="test", labels={}, stream=Plain())
    assert [block["type"] for block in body] == ["rich_text", "callout"]


@pytest.mark.engine_sensitive
def test_questions_of_every_type_are_in_the_question_bank(load):
    load()
    questions = {q.title: q for q in Question.objects.filter(locale__language_code="en")}
    assert {q.type for q in questions.values()} == {
        "single",
        "true_false",
        "multiple",
        "evidence",
        "matching",
    }
    assert questions["Hashes and authorship"].correct_is_true is False
    assert questions["What to record"].points == 2
    assert questions["What a hash is"].category.name == "Pilot – Module 1"


def test_an_evidence_question_accepts_the_files_sha256(load):
    load()
    question = Question.objects.get(title="Hash the exhibit", locale__language_code="en")
    digest = hashlib.sha256(EXHIBIT).hexdigest()
    spaced = " ".join(digest[i : i + 8] for i in range(0, 64, 8)).upper()
    assert grading.grade(question.to_spec(), spaced).is_correct
    assert not grading.grade(question.to_spec(), "0" * 64).is_correct
    assert question.evidence_file.sha256 == digest


def test_quizzes_have_their_rules_role_and_questions_in_order(load):
    load()
    first = QuizPage.objects.get(slug="quiz-first-steps")
    final = QuizPage.objects.get(slug="final-quiz")
    assert first.role == "pre_test" and first.pass_mark == 70
    assert (final.role, final.max_attempts, final.time_limit_minutes) == ("", 2, 20)
    assert [link.question.title for link in final.fixed_questions.all()] == [
        "Hashes and authorship",
        "Hash the exhibit",
        "Match the terms",
    ]


@pytest.mark.engine_sensitive
def test_loading_twice_changes_nothing(load):
    load()
    counts = (
        Revision.objects.count(),
        Question.objects.count(),
        QuestionCategory.objects.count(),
        CoursePage.objects.count(),
    )
    report = load().report
    assert counts == (
        Revision.objects.count(),
        Question.objects.count(),
        QuestionCategory.objects.count(),
        CoursePage.objects.count(),
    )
    assert "pilot-course: course unchanged" in report


@pytest.mark.engine_sensitive
def test_a_changed_lesson_file_gets_a_new_published_revision_and_nothing_else(load, programme_dir):
    load()
    page = lesson("short-lesson")
    revisions = Revision.objects.count()

    def change(data):
        data["body"][0]["rich_text"] = "<p>A better sentence.</p>"

    yaml_edit(programme_dir / "lessons/first-steps/02-short-lesson.yaml", change)
    load()
    page.refresh_from_db()
    assert Revision.objects.count() == revisions + 1
    assert page.live_revision == page.latest_revision
    assert page.body[0].value.source == "<p>A better sentence.</p>"


@pytest.mark.engine_sensitive
def test_a_changed_answer_keeps_the_ids_of_the_other_answers(load, programme_dir):
    load()
    question = Question.objects.get(title="What a hash is", locale__language_code="en")
    ids = [block.id for block in question.answers]

    def change(data):
        data["questions"][0]["answers"][1]["choice"]["feedback"] = "A password is something else."

    yaml_edit(programme_dir / "quizzes.yaml", change)
    load()
    question.refresh_from_db()
    assert [block.id for block in question.answers] == ids
    assert question.answers[1].value["feedback"] == "A password is something else."


@pytest.mark.engine_sensitive
def test_a_lesson_removed_from_the_files_is_unpublished(load, programme_dir):
    load()
    (programme_dir / "lessons/first-steps/02-short-lesson.yaml").unlink()
    report = load().report
    assert not lesson("short-lesson").live
    assert any("1 unpublished" in line for line in report)


def test_a_programme_with_errors_is_not_loaded(demo_catalog, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.pop("title"))
    with pytest.raises(ContentError, match="'title' is required"):
        programme_load(index=demo_catalog, programme=programme_read(programme_dir))
    assert not CoursePage.objects.filter(slug="pilot-course").exists()


def test_block_defaults_are_in_english_whatever_language_is_active(load):
    from django.utils import translation

    with translation.override("fr"):
        load()
    terms = next(
        block.value for block in lesson("every-block").body if block.block_type == "key_terms"
    )
    assert terms["title"] == "Key terms"


def test_mentoring_false_in_course_yaml_switches_questions_to_mentors_off(load, programme_dir):
    from mentoring.selectors import questions_enabled

    course = load().course
    assert questions_enabled(course_id=course.pk)

    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(mentoring=False))
    loaded = load()
    assert "pilot-course: questions to mentors switched off" in loaded.report
    assert not questions_enabled(course_id=course.pk)
    # The latest revision holds the switch, so publishing from the admin keeps it off.
    loaded.course.get_latest_revision().publish()
    assert not questions_enabled(course_id=course.pk)

    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(mentoring=True))
    assert "pilot-course: questions to mentors switched on" in load().report
    assert questions_enabled(course_id=course.pk)


def test_loading_again_without_a_change_leaves_the_mentoring_switch_alone(load, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(mentoring=False))
    load()
    again = load()
    assert not any("questions to mentors" in line for line in again.report)
