"""Reads for quiz pages, attempt pages and results, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from assessments import grading
from assessments.completion import quiz_grade
from assessments.models import Attempt, Question, QuizPage


@dataclass
class QuizView:
    quiz: QuizPage
    attempts: list[Attempt]
    current: Attempt | None
    grade: Decimal | None
    attempts_left: int | None  # None: unlimited

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade >= self.quiz.pass_fraction

    @property
    def grade_percent(self) -> int | None:
        return None if self.grade is None else int(self.grade * 100)

    @property
    def may_start(self) -> bool:
        return self.current is None and (self.attempts_left is None or self.attempts_left > 0)


def quiz_view_for(*, quiz: QuizPage, source: QuizPage, user) -> QuizView:
    attempts = (
        list(Attempt.objects.filter(learner=user, quiz=source).order_by("number"))
        if user.is_authenticated
        else []
    )
    graded = [a.score for a in attempts if a.state != Attempt.State.IN_PROGRESS]
    current = next((a for a in attempts if a.is_open), None)
    left = None if not quiz.max_attempts else max(0, quiz.max_attempts - len(attempts))
    return QuizView(
        quiz=quiz,
        attempts=attempts,
        current=current,
        grade=quiz_grade(graded, quiz.grading_method),
        attempts_left=left,
    )


@dataclass
class ShownQuestion:
    """A question as the learner sees it: text and options in the attempt's order, no key."""

    number: int
    question: Question  # in the reader's language when translated
    spec: grading.QuestionSpec
    options: list[grading.Choice | grading.Item]
    answer: object
    score: Decimal | None = None
    grade: grading.Grade | None = None
    source_id: int | None = None  # the question the attempt records (default language)

    @property
    def type(self) -> str:
        return str(self.spec.type)

    @property
    def field_name(self) -> str:
        return f"q{self.source_id or self.question.pk}"

    @property
    def positions(self) -> range:
        return range(1, len(self.options) + 1)

    @property
    def chosen(self) -> set:
        if isinstance(self.answer, list):
            return set(self.answer)
        return {self.answer} if self.answer not in (None, "") else set()

    def position_of(self, key: str) -> int | None:
        if isinstance(self.answer, list) and key in self.answer:
            return self.answer.index(key) + 1
        return None

    def matched(self, prompt_key: str):
        return self.answer.get(prompt_key) if isinstance(self.answer, dict) else None

    @property
    def answer_text(self) -> str:
        """The answer in words, for trainers reading an attempt."""
        labels = {option.key: option.text for option in self.options}
        labels.update({"true": "✔", "false": "✘"})
        answer = self.answer
        if answer in (None, "", [], {}):
            return "–"
        if isinstance(answer, list):
            joiner = " → " if self.spec.type == grading.QuestionType.ORDERING else ", "
            return joiner.join(labels.get(key, "?") for key in answer)
        if isinstance(answer, dict):
            prompts = {prompt.key: prompt.text for prompt in self.spec.prompts}
            return "; ".join(
                f"{prompts.get(p, '?')} → {labels.get(a, '–')}" for p, a in answer.items()
            )
        return labels.get(answer, str(answer))

    @property
    def ordering_rows(self) -> list[tuple]:
        """(item, position selected): the saved position, else the order shown."""
        return [
            (option, self.position_of(option.key) or index + 1)
            for index, option in enumerate(self.options)
        ]

    @property
    def matching_rows(self) -> list[tuple]:
        """(prompt, answer key selected or None)."""
        return [(prompt, self.matched(prompt.key)) for prompt in self.spec.prompts]


def _options(spec: grading.QuestionSpec, order: list[str]):
    by_key = {}
    if spec.type in (grading.QuestionType.SINGLE, grading.QuestionType.MULTIPLE):
        by_key = {choice.key: choice for choice in spec.choices}
    elif spec.type == grading.QuestionType.ORDERING:
        by_key = {item.key: item for item in spec.items}
    elif spec.type == grading.QuestionType.MATCHING:
        by_key = {item.key: item for item in spec.answers}
    elif spec.type == grading.QuestionType.TRUE_FALSE:
        return list(spec.choices)
    return [by_key[key] for key in order if key in by_key]


@dataclass
class AttemptPage:
    attempt: Attempt
    quiz: QuizPage
    questions: list[ShownQuestion]
    page: int
    page_count: int


def attempt_for(*, attempt_id: int, user) -> Attempt:
    """The attempt if it is the user's own; 404 otherwise, whoever else it belongs to."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, learner=user)


def attempt_page_for(*, attempt: Attempt, page: int, with_grades: bool = False) -> AttemptPage:
    """The questions of one page of an attempt (or all of them for the result): two queries."""
    quiz = attempt.quiz
    layout = attempt.layout["questions"]
    per_page = quiz.questions_per_page or len(layout) or 1
    page_count = max(1, -(-len(layout) // per_page))
    page = min(max(1, page), page_count)
    if with_grades:
        window = list(enumerate(layout))
    else:
        window = list(enumerate(layout))[(page - 1) * per_page : page * per_page]
    ids = [entry["id"] for _index, entry in window]
    responses = {
        response.question_id: response
        for response in attempt.responses.filter(question_id__in=ids).select_related("question")
    }
    # Show each question in the reader's language when it has been translated; answer keys
    # (block ids) are the same in every translation, so grading uses the source question.
    translated = {
        question.translation_key: question
        for question in Question.objects.filter(
            translation_key__in=[r.question.translation_key for r in responses.values()],
            locale__language_code=get_language(),
        )
    }
    shown = []
    for index, entry in window:
        response = responses[entry["id"]]
        source_spec = response.question.to_spec()
        question = translated.get(response.question.translation_key, response.question)
        spec = question.to_spec()
        shown.append(
            ShownQuestion(
                number=index + 1,
                question=question,
                spec=spec,
                options=_options(spec, entry["order"]),
                answer=response.answer,
                score=response.score,
                grade=grading.grade(source_spec, response.answer) if with_grades else None,
                source_id=response.question_id,
            )
        )
    return AttemptPage(
        attempt=attempt, quiz=quiz, questions=shown, page=page, page_count=page_count
    )


def review_allowed(*, attempt: Attempt, quiz_view: QuizView) -> bool:
    """Whether answers and feedback may be shown for this attempt, by the review policy."""
    policy = attempt.quiz.review_policy
    if attempt.is_open or policy == QuizPage.ReviewPolicy.NEVER:
        return False
    if policy == QuizPage.ReviewPolicy.AFTER_LAST:
        return quiz_view.attempts_left == 0 and quiz_view.current is None
    return True
