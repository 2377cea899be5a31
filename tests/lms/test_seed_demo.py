"""The demo that command 1 seeds: accounts, courses, every block, every question type."""

import hashlib

import pytest
from django.core.management import call_command

from assessments import grading
from assessments.demo import mobile_forensics_quizzes
from assessments.models import Question, QuizPage
from courses.blocks import LessonStreamBlock
from courses.demo import mobile_forensics
from courses.models import CoursePage, Enrolment, LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--i-know-this-is-not-production", "--quiet")


def test_seeding_twice_changes_nothing(seeded, django_capture_on_commit_callbacks):
    counts = (CoursePage.objects.count(), LessonPage.objects.count(), Question.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--i-know-this-is-not-production", "--quiet")
    assert counts == (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Question.objects.count(),
    )


def test_mobile_forensics_course_has_4_modules_of_3_lessons_using_every_block(seeded):
    course = CoursePage.objects.get(slug="mobile-forensics", locale__language_code="en")
    lessons = LessonPage.objects.descendant_of(course)
    assert lessons.count() == 12
    assert course.get_children().count() == 4
    used = {block.block_type for lesson in lessons for block in lesson.body}
    assert used == set(LessonStreamBlock.base_blocks)


def test_every_question_type_is_in_the_final_exam(seeded):
    exam = QuizPage.objects.get(slug="mobile-forensics-final-exam")
    types = {link.question.type for link in exam.fixed_questions.all()}
    assert types == {str(t) for t in grading.QuestionType}


def test_the_hash_exercise_accepts_the_files_real_sha256(seeded):
    data = next(
        q
        for q in mobile_forensics_quizzes.QUESTIONS
        if q.get("expected", "").startswith("sha256:")
    )
    question = Question.objects.get(title=data["title"])
    content = mobile_forensics_quizzes.QUIZ_FILES.get(
        data["evidence_file"], mobile_forensics.EVIDENCE_FILES.get(data["evidence_file"])
    )
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    assert grading.grade(question.to_spec(), digest.upper()).is_correct
    assert not grading.grade(question.to_spec(), "0" * 64).is_correct
    assert question.evidence_file.sha256 == digest


def test_demo_learner_is_in_the_cohort_of_the_paced_sample(seeded):
    enrolment = Enrolment.objects.get(learner__email="learner@example.org")
    assert enrolment.cohort is not None
    assert enrolment.course.pacing == CoursePage.Pacing.COHORT_PACED
