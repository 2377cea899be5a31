"""The demo that command 1 seeds: accounts, the programmes of content/, the demo cohort."""

import hashlib
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from assessments import grading
from assessments.models import Attempt, Question, QuestionCategory, QuizPage
from certificates.models import Certificate
from coordination.models import EnrolmentApplication as Application
from courses.blocks import LessonStreamBlock
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion, LessonPage
from curriculum.demo.programme import DOMAIN
from curriculum.reader import content_dir, programme_read
from lms.i18n import TRANSLATED_LANGUAGES
from reports.selectors import ReportFilters, ReportScope, programme_report_for
from reports.tables import report_tables

User = get_user_model()

# scripts/test distributes whole files (--dist loadfile), so one worker runs this module and
# the demo is seeded once per run, not once per worker that happens to get one of its tests.
pytestmark = pytest.mark.django_db


def seed_demo():
    """Seed what the demo accounts use: mobile forensics translated, the diploma in English.

    The trainer is assigned to the first, the demo cohort follows the second; the other
    programmes load the same way and would only make this module slower.
    """
    output = StringIO()
    for options in (
        ["--programme=mobile-forensics"],
        ["--programme=diploma-ocsea", "--english-only"],
    ):
        call_command("seed_demo", "--i-know-this-is-not-production", *options, stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module inside a transaction rolled back at the end.

    Each test runs in a savepoint inside it, and the rest of the suite never sees the data.
    Translations are published on commit, so the callbacks are run by hand.
    """
    from django.test import TestCase

    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            seed_demo()
        yield
        transaction.set_rollback(True)


def english(model, **filters):
    return model.objects.filter(locale__language_code="en", **filters)


def test_seeding_twice_changes_nothing(seeded, django_capture_on_commit_callbacks):
    def counts():
        return (
            Revision.objects.count(),
            Page.objects.count(),
            Question.objects.count(),
            QuestionCategory.objects.count(),
            Enrolment.objects.count(),
            *[
                model.objects.count()
                for model in (User, Cohort, LessonCompletion, Attempt, Certificate, Application)
            ],
        )

    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        output = seed_demo()
    changes = [line for line in output.splitlines() if "created" in line or "updated" in line]
    changes += [line for line in output.splitlines() if "published now" in line]
    changes = [line for line in changes if "(0 published now)" not in line]
    assert (counts(), changes) == (before, [])


def test_the_demo_uses_every_lesson_block(seeded):
    used = {
        block.block_type
        for lesson in english(LessonPage).filter(live=True)
        for block in lesson.body
    }
    assert used == set(LessonStreamBlock.base_blocks)


def test_every_question_type_is_in_the_mobile_forensics_final_exam(seeded):
    """Every type graded at once; the written response (marked by a trainer) is the diploma's."""
    exam = english(QuizPage).get(slug="mobile-forensics-final-exam")
    types = {link.question.type for link in exam.fixed_questions.all()}
    assert types == {str(t) for t in grading.QuestionType} - {"written"}


def test_the_diploma_asks_for_a_written_preservation_request_in_week_ten(seeded):
    quiz = english(QuizPage).get(slug="quiz-week-10-international-cooperation")
    [written] = [
        link.question for link in quiz.fixed_questions.all() if link.question.type == "written"
    ]
    assert written.word_limit == 250 and written.accepts_file
    assert [criterion.best for criterion in written.to_spec().rubric] == [2, 2, 2, 2]


def test_the_hash_exercise_accepts_the_files_real_sha256(seeded):
    programme = programme_read(content_dir() / "mobile-forensics")
    data = next(q for q in programme.questions if q.expected.startswith("sha256:"))
    question = english(Question).get(title=data.title)
    digest = hashlib.sha256(programme.file_bytes(data.evidence_file)).hexdigest()
    assert grading.grade(question.to_spec(), digest.upper()).is_correct
    assert not grading.grade(question.to_spec(), "0" * 64).is_correct
    assert question.evidence_file.sha256 == digest


def test_the_trainer_may_edit_the_mobile_forensics_course(seeded):
    course = english(CoursePage).get(slug="mobile-forensics")
    assert list(course.trainers.values_list("email", flat=True)) == ["trainer@example.org"]


def test_demo_learner_is_in_the_cohort_of_the_ocsea_diploma(seeded):
    enrolment = Enrolment.objects.get(learner__email="learner@example.org")
    assert enrolment.course.slug == "diploma-ocsea"
    assert enrolment.course.pacing == CoursePage.Pacing.COHORT_PACED
    assert enrolment.cohort.coordinators.filter(email="coordinator@example.org").exists()


def test_the_demo_coordinator_is_assigned_to_the_course_of_the_demo_cohort(seeded):
    from coordination.models import CourseAssignment

    assert list(CourseAssignment.objects.values_list("coordinator__email", "course__slug")) == [
        ("coordinator@example.org", "diploma-ocsea")
    ]


def _shown(table) -> int:
    """Cells of a table that show a count of people or an average, not "<5" and not zero."""
    return sum(
        1
        for row in table.rows
        for cell in row[1:]
        if isinstance(cell, int | float) and not isinstance(cell, bool) and cell > 0
    )


def test_every_chart_of_the_programme_report_has_figures_with_suppression_on(seeded):
    report = programme_report_for(report_scope=ReportScope(cohorts=None), filters=ReportFilters())
    tables = {table.key: table for table in report_tables(report, suppress_below=5)}
    shown = {key: _shown(table) for key, table in tables.items() if table.chart is not None}
    # two courses are seeded here (each with its certificates), four past cohorts and the
    # current one, and the pre-test and post-test of the diploma for knowledge gain; every
    # demo learner studied online (no classroom bundle came back), so delivery has one row
    minimum = {
        "certificates": 2, "course": 4, "cohort": 10, "gender": 4, "knowledge_gain": 12,
        "delivery": 2,
    }  # fmt: skip
    assert {key: count for key, count in shown.items() if count < minimum.get(key, 4)} == {}
    assert set(shown) >= {"year", "quarter", "country", "agency_type", "gender"}


def test_the_demo_practitioners_cannot_sign_in(seeded):
    people = User.objects.filter(email__endswith=f"@{DOMAIN}")
    assert people.count() >= 200
    assert not any(person.has_usable_password() for person in people)
    assert User.objects.get(email="learner@example.org").has_usable_password()


PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
CODE = re.compile(r"<code>.*?</code>", re.S)
TAG = re.compile(r"<[^>]+>")


def _paragraphs(instance) -> set[str]:
    """The paragraphs of every rich text of ``instance``, in its fields and its blocks."""
    found = set()

    def walk(value):
        if isinstance(value, RichText):
            value = value.source
        if isinstance(value, str):
            found.update(PARAGRAPH.findall(value))
        elif isinstance(value, StreamValue | ListValue):
            for child in value:
                walk(getattr(child, "value", child))
        elif isinstance(value, StructValue):
            for child in value.values():
                walk(child)

    for field in type(instance)._meta.concrete_fields:
        if isinstance(field, RichTextField | StreamField):
            walk(field.value_from_object(instance))
    return found


def _english_left(source, target) -> list[str]:
    """Paragraphs of ``source`` found unchanged in its translation ``target``.

    Short ones are left out (a name, a reference), and so is code (a command reads the same
    in every language).
    """
    return [
        f"{text[:60]}…"
        for text in _paragraphs(source) & _paragraphs(target)
        if len(TAG.sub(" ", CODE.sub("", text)).split()) >= 6
    ]


def untranslated(slug: str) -> list[str]:
    """Every page or question of a seeded programme with no live translation in one of the
    languages, or whose translation still has an English paragraph of its source."""
    course = english(CoursePage).get(slug=slug)
    quizzes = QuizPage.objects.descendant_of(course).filter(locale__language_code="en")
    questions = Question.objects.filter(
        pk__in=[link.question_id for quiz in quizzes for link in quiz.fixed_questions.all()]
    )
    problems = []
    sources = [*course.get_descendants(inclusive=True).specific(), *questions]
    for source in sources:
        for language in TRANSLATED_LANGUAGES:
            target = (
                type(source)
                .objects.filter(
                    translation_key=source.translation_key, locale__language_code=language
                )
                .first()
            )
            if target is None or not getattr(target, "live", True):
                problems.append(f"{language}: {source} has no live translation")
                continue
            problems += [f"{language}: {source}: {text}" for text in _english_left(source, target)]
    return problems


def test_every_mobile_forensics_page_and_question_is_translated(seeded):
    """The real loader, on a real programme, in every language. The other programmes'
    catalogs are checked without a database (check_content, and
    tests/curriculum/test_check_content.py::test_the_shipped_programmes_are_translated_completely)."""
    assert untranslated("mobile-forensics") == []


def test_the_demo_cohort_has_a_discussion_with_a_pinned_and_a_hidden_reply(seeded):
    from discussions.models import Reply

    cohort = Cohort.objects.get(name="Demo cohort (started ten days ago)")
    replies = list(Reply.objects.filter(cohort=cohort))
    assert len(replies) == 3
    assert sum(reply.is_pinned for reply in replies) == 1
    assert sum(reply.is_hidden for reply in replies) == 1
    assert all(reply.author.email != "learner@example.org" for reply in replies)


def test_the_demos_certificates_carry_a_valid_signed_credential(seeded):
    """The past cohorts' certificates are written in bulk, then signed like any other, so
    their verification pages and credential files work in the demo."""
    certificates = Certificate.objects.all()
    assert certificates.count() > 10
    assert not certificates.filter(credential__isnull=True).exists()
    assert not certificates.filter(proof_valid=False).exists()
