"""The fields each content file may have: a check and a default per field.

A check returns the value to keep, or raises ``Invalid`` with the reason, which the reader
reports with the file and the place. Choices come from the models, so the format follows them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from assessments import grading
from assessments.models import QuizPage
from courses.models import CoursePage

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A rich-text value that does not start with one of these tags is plain text: it becomes one
# paragraph.
BLOCK_TAGS = re.compile(r"^\s*<(p|h2|h3|h4|ul|ol|blockquote|pre|table)[\s>]")


class Invalid(Exception):
    pass


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Spec:
    check: Check
    required: bool = False
    default: Any = None


def text(max_length: int | None = None) -> Check:
    def check(value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise Invalid("should be text")
        value = value.strip()
        if max_length and len(value) > max_length:
            raise Invalid(f"is {len(value)} characters long; at most {max_length}")
        return value

    return check


def html(value):
    value = text()(value)
    if value and not BLOCK_TAGS.match(value):
        value = f"<p>{value}</p>"
    return value


def slug(value):
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid("should be a slug: lowercase letters, digits and single hyphens")
    return value


def integer(minimum: int | None = None, maximum: int | None = None, null: bool = False) -> Check:
    def check(value):
        if value is None and null:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid("should be a whole number")
        if minimum is not None and value < minimum:
            raise Invalid(f"should be at least {minimum}")
        if maximum is not None and value > maximum:
            raise Invalid(f"should be at most {maximum}")
        return value

    return check


def number(value):
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("should be a number")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise Invalid("should be a number") from None


def boolean(value):
    if not isinstance(value, bool):
        raise Invalid("should be true or false")
    return value


def choice(values, null: bool = False) -> Check:
    def check(value):
        if value is None and null:
            return None
        if value not in values:
            raise Invalid(f"should be one of {', '.join(str(v) for v in values)}")
        return value

    return check


def strings(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid("should be a list of texts")
    return [v.strip() for v in value]


def listing(value):
    if not isinstance(value, list):
        raise Invalid("should be a list")
    return value


def mapping(value):
    if not isinstance(value, dict):
        raise Invalid("should be a mapping (key: value)")
    return value


def _choices(text_choices) -> list[str]:
    return [str(value) for value in text_choices.values]


def course_specs():
    return {
        "title": Spec(text(255), required=True),
        "slug": Spec(slug, required=True),
        "summary": Spec(text(500), required=True),
        "description": Spec(html, default=""),
        "audience": Spec(text(300), default=""),
        "level": Spec(choice(_choices(CoursePage.Level)), default="introductory"),
        # None: computed from the content (curriculum.hours); a declared value needs a
        # hours_note when it differs from the computed one.
        "estimated_hours": Spec(integer(1, 32767, null=True)),
        "hours_note": Spec(text(500), default=""),
        "illustration": Spec(choice(_choices(CoursePage.Illustration)), default=""),
        "pacing": Spec(choice(_choices(CoursePage.Pacing)), default="self"),
        "requires_approval": Spec(boolean, default=False),
        # Open to everyone: read without an account (CoursePage.is_open).
        "open": Spec(boolean, default=False),
        "content_note": Spec(html, default=""),
        "wellbeing_reminder": Spec(text(300), default=""),
        "topics": Spec(strings, default=[]),
        "certificate": Spec(mapping, default={}),
        "modules": Spec(listing, required=True),
        "diagrams": Spec(mapping, default={}),
        # false: learners may not ask the course's mentors (mentoring.MentoringPolicy).
        "mentoring": Spec(boolean, default=True),
    }


def certificate_specs():
    return {
        "issue": Spec(choice(_choices(CoursePage.CertificateIssue)), default="automatic"),
        "min_grade": Spec(integer(0, 100, null=True)),
        "validity_years": Spec(integer(1, 100, null=True)),
    }


# A learning outcome's id: short, stable, and what quiz questions name in ``outcome:``.
OUTCOME_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
OUTCOME_MAX_LENGTH = 300  # ModulePage.outcomes stores each text in a CharBlock of this length


def outcomes(value):
    """A module's learning outcomes: a list of ``{id, text}``, each id once in the list."""
    if not isinstance(value, list):
        raise Invalid("should be a list of {id, text}")
    found, seen = [], set()
    for n, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"id", "text"}:
            raise Invalid(f"item {n} should have exactly an id and a text")
        code, words = item["id"], item["text"]
        if not isinstance(code, str) or not OUTCOME_ID.match(code) or len(code) > 20:
            raise Invalid(
                f"item {n}: the id should be short (at most 20 characters) lowercase letters "
                "and digits, with single dots or hyphens between them"
            )
        if code in seen:
            raise Invalid(f"the id {code!r} is used twice")
        seen.add(code)
        found.append({"id": code, "text": text(OUTCOME_MAX_LENGTH)(words)})
    return found


MODULE_SPECS = {
    "slug": Spec(slug, required=True),
    "title": Spec(text(255), required=True),
    "summary": Spec(text(500), default=""),
    "week": Spec(integer(1, 52, null=True)),
    "prerequisite": Spec(slug),
    "outcomes": Spec(outcomes, default=[]),
}
DIAGRAM_SPECS = {"title": Spec(text(200), required=True), "steps": Spec(strings, required=True)}
LESSON_SPECS = {
    "title": Spec(text(255), required=True),
    "slug": Spec(slug, required=True),
    "summary": Spec(text(500), default=""),
    "estimated_minutes": Spec(integer(1, 600, null=True)),  # None: computed from the body
    "free_preview": Spec(boolean, default=False),
    "required": Spec(boolean, default=True),
    "body": Spec(listing, required=True),
}
QUESTION_SPECS = {
    "key": Spec(text(100), required=True),
    "category": Spec(text(200), required=True),
    "type": Spec(choice([str(t) for t in grading.QuestionType]), required=True),
    "title": Spec(text(200), required=True),
    "text": Spec(html, required=True),
    "points": Spec(number, default=Decimal(1)),
    "general_feedback": Spec(html, default=""),
    "answers": Spec(listing, default=[]),
    "correct_is_true": Spec(boolean),
    "case_sensitive": Spec(boolean, default=False),
    "ignore_accents": Spec(boolean, default=True),
    "ignore_spaces": Spec(boolean, default=False),
    "evidence_file": Spec(text(), default=""),
    "expected": Spec(text(), default=""),
    "word_limit": Spec(integer(1, 5000, null=True)),
    "model_answer": Spec(html, default=""),
    "accepts_file": Spec(boolean, default=False),
    "outcome": Spec(text(20), default=""),
}


def quiz_specs():
    return {
        "module": Spec(slug, required=True),
        "slug": Spec(slug, required=True),
        "title": Spec(text(255), required=True),
        "intro": Spec(html, default=""),
        "questions": Spec(strings, required=True),
        "pass_mark": Spec(integer(1, 100), required=True),
        "max_attempts": Spec(integer(0, 100), default=0),
        "time_limit_minutes": Spec(integer(1, 600, null=True)),
        "questions_per_page": Spec(integer(0, 100), default=0),
        "shuffle_questions": Spec(boolean, default=False),
        "shuffle_choices": Spec(boolean, default=True),
        "grading_method": Spec(choice(_choices(QuizPage.GradingMethod)), default="highest"),
        "review_policy": Spec(choice(_choices(QuizPage.ReviewPolicy)), default="immediately"),
        "required": Spec(boolean, default=True),
        "role": Spec(choice(["pre_test", "post_test"], null=True)),
    }


# Questions are stored as CharBlocks of this length (discussions.models.DiscussionPage).
DISCUSSION_QUESTION_MAX_LENGTH = 500


def _questions(value):
    value = strings(value)
    if not value:
        raise Invalid("should list at least one question")
    for question in value:
        if len(question) > DISCUSSION_QUESTION_MAX_LENGTH:
            raise Invalid(
                f"has a question {len(question)} characters long; "
                f"at most {DISCUSSION_QUESTION_MAX_LENGTH}"
            )
    return value


DISCUSSION_SPECS = {
    "title": Spec(text(255), required=True),
    "slug": Spec(slug, required=True),
    "scenario": Spec(html, required=True),
    "questions": Spec(_questions, required=True),
    "counts_for_completion": Spec(boolean, default=True),
}
