"""Build the demo question bank and quizzes from a quiz content module.

Idempotent: questions are found again by category and title, quizzes by slug. Evidence
questions whose expected value is written ``sha256:<file>`` get the digest of that file's
bytes, so the demo never stores the value itself.
"""

import hashlib
from decimal import Decimal

from django.db import transaction

from assessments.models import Question, QuestionCategory, QuizPage, QuizQuestion
from courses.demo.seed import document_for
from courses.models import ModulePage


def _expected_value(expected: str, files: dict[str, str]) -> str:
    if expected.startswith("sha256:"):
        content = files[expected.removeprefix("sha256:")]
        return hashlib.sha256(content.encode("utf-8")).hexdigest()
    return expected


def _answers(answers):
    converted = []
    for block_type, value in answers:
        value = dict(value)
        for name in ("value", "tolerance", "minimum", "maximum"):
            if value.get(name) is not None:
                value[name] = Decimal(str(value[name]))
        converted.append((block_type, value))
    return converted


@transaction.atomic
def quizzes_from_content(*, course, content, evidence_files: dict[str, str]) -> list[QuizPage]:
    files = {**evidence_files, **getattr(content, "QUIZ_FILES", {})}
    questions: dict[str, Question] = {}
    for data in content.QUESTIONS:
        category, _created = QuestionCategory.objects.get_or_create(name=data["category"])
        question = Question.objects.filter(category=category, title=data["title"]).first()
        if question is None:
            question = Question(
                category=category,
                type=data["type"],
                title=data["title"],
                text=data["text"],
                points=data.get("points", 1),
                answers=_answers(data.get("answers", [])),
                general_feedback=data.get("general_feedback", ""),
                correct_is_true=data.get("correct_is_true", True),
                case_sensitive=data.get("case_sensitive", False),
                ignore_spaces=data.get("ignore_spaces", False),
            )
            if data.get("evidence_file"):
                name = data["evidence_file"]
                question.evidence_file = document_for(name, files[name])
            if data["type"] == "evidence":
                question.evidence_set(_expected_value(data["expected"], files))
            question.full_clean()
            question.save()
        questions[data["key"]] = question
    quizzes = []
    for data in content.QUIZZES:
        module = ModulePage.objects.child_of(course).get(slug=data["module"])
        quiz = QuizPage.objects.child_of(module).filter(slug=data["slug"]).first()
        if quiz is None:
            quiz = QuizPage(
                title=data["title"],
                slug=data["slug"],
                intro=data.get("intro", ""),
                pass_mark=data.get("pass_mark", 70),
                max_attempts=data.get("max_attempts", 0),
                time_limit_minutes=data.get("time_limit_minutes"),
                questions_per_page=data.get("questions_per_page", 0),
            )
            quiz.fixed_questions = [
                QuizQuestion(question=questions[key]) for key in data["questions"]
            ]
            module.add_child(instance=quiz)
            quiz.save_revision().publish()
        quizzes.append(quiz)
    return quizzes
