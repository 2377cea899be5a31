"""Reads for quiz pages, attempt pages and results, in a fixed number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.crypto import salted_hmac
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


def answer_token(*, attempt: Attempt, question_id: int, side: str, key: str) -> str:
    """An answer key as the attempt page names it: opaque, and different in every attempt.

    Answer keys are block ids, the same in every attempt and, in a matching question, the
    same for a prompt and its right answer; sent as they are, the page gives the key away.
    A keyed HMAC of the attempt (its id and its secret seed), the question, the side
    (``p`` for a matching prompt, ``a`` for an answer) and the key cannot be read back
    without the server's secret, and a token copied from another attempt means nothing.
    """
    value = f"{attempt.pk}:{attempt.seed}:{question_id}:{side}:{key}"
    return salted_hmac("assessments.answer-token", value, algorithm="sha256").hexdigest()[:24]


@dataclass
class ShownQuestion:
    """A question as the learner sees it: text and options in the attempt's order, no key.

    ``tokens`` names each answer key (choice, item, matching answer) on the page and
    ``prompt_tokens`` each matching prompt (see ``answer_token``); the page never shows a
    key itself, and ``answer_key`` maps a submitted token back.
    """

    number: int
    question: Question  # in the reader's language when translated
    spec: grading.QuestionSpec
    options: list[grading.Choice | grading.Item]
    answer: object
    score: Decimal | None = None
    grade: grading.Grade | None = None
    source_id: int | None = None  # the question the attempt records (default language)
    tokens: dict[str, str] = field(default_factory=dict)
    prompt_tokens: dict[str, str] = field(default_factory=dict)

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

    def answer_key(self, token) -> str | None:
        """The answer key a token on the page stands for; None for anything else."""
        return {value: key for key, value in self.tokens.items()}.get(token)

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
    def choice_rows(self) -> list[tuple]:
        """(token, choice, chosen) for single and multiple choice."""
        chosen = self.chosen
        return [(self.tokens[o.key], o, o.key in chosen) for o in self.options]

    @property
    def ordering_rows(self) -> list[tuple]:
        """(token, item, position selected): the saved position, else the order shown."""
        return [
            (self.tokens[option.key], option, self.position_of(option.key) or index + 1)
            for index, option in enumerate(self.options)
        ]

    @property
    def matching_options(self) -> list[tuple]:
        """(token, answer) in the attempt's order."""
        return [(self.tokens[option.key], option) for option in self.options]

    @property
    def matching_rows(self) -> list[tuple]:
        """(prompt token, prompt, token of the answer selected or None)."""
        return [
            (
                self.prompt_tokens[prompt.key],
                prompt,
                self.tokens.get(self.matched(prompt.key) or ""),
            )
            for prompt in self.spec.prompts
        ]


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


def _tokens(attempt, question_id, side, options, kind=None) -> dict[str, str]:
    """Answer key -> token; true/false keeps "true" and "false", which tell nothing."""
    if kind == grading.QuestionType.TRUE_FALSE:
        return {option.key: option.key for option in options}
    return {
        option.key: answer_token(
            attempt=attempt, question_id=question_id, side=side, key=option.key
        )
        for option in options
    }


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
    return get_object_or_404(
        Attempt.objects.select_related("quiz", "learner__profile"), pk=attempt_id, learner=user
    )


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
        options = _options(spec, entry["order"])
        shown.append(
            ShownQuestion(
                number=index + 1,
                question=question,
                spec=spec,
                options=options,
                answer=response.answer,
                score=response.score,
                grade=grading.grade(source_spec, response.answer) if with_grades else None,
                source_id=response.question_id,
                tokens=_tokens(attempt, response.question_id, "a", options, spec.type),
                prompt_tokens=_tokens(attempt, response.question_id, "p", spec.prompts),
            )
        )
    return AttemptPage(
        attempt=attempt, quiz=quiz, questions=shown, page=page, page_count=page_count
    )


@dataclass(frozen=True)
class Review:
    """What the result page may show of a submitted attempt, besides its score.

    ``marks``: each question with whether it was right, partly right or unanswered.
    ``answers``: the feedback and explanations as well, which give the right answers away.
    """

    marks: bool = False
    answers: bool = False


def review_for(*, attempt: Attempt, quiz_view: QuizView, now=None) -> Review:
    """What may be shown for this attempt, by the review policy and what is still to come.

    The right answers (feedback, explanations) are shown only when no other attempt can
    use them: none in progress, and either the quiz allows no more attempts to this
    learner or it has closed. "Right after each attempt" on a quiz with attempts left
    therefore shows which questions were wrong, not what the right answers were;
    "after the last attempt" shows nothing until then. A quiz with unlimited attempts is
    practice, and its immediate review shows everything between attempts.
    """
    now = now or timezone.now()
    quiz = attempt.quiz
    policy = quiz.review_policy
    if attempt.is_open or policy == QuizPage.ReviewPolicy.NEVER:
        return Review()
    closed = quiz.closes_at is not None and now >= quiz.closes_at
    if quiz_view.current is not None:
        no_more = False
    elif closed:
        no_more = True
    elif quiz_view.attempts_left is None:
        no_more = policy == QuizPage.ReviewPolicy.IMMEDIATELY
    else:
        no_more = quiz_view.attempts_left == 0
    if no_more:
        return Review(marks=True, answers=True)
    return Review(marks=policy == QuizPage.ReviewPolicy.IMMEDIATELY)
