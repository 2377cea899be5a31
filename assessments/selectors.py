"""Reads for quiz pages, attempt pages and results, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments import grading
from assessments.models import Attempt, Question, QuizPage
from lms.prepared import PLACEHOLDER, prepared


@dataclass
class QuizView:
    quiz: QuizPage
    attempts: list[Attempt]
    current: Attempt | None
    grade: Decimal | None
    attempts_left: int | None  # None: unlimited

    @property
    def awaiting(self) -> bool:
        """An attempt waits for a trainer to mark its written answers."""
        return any(attempt.awaits_marking for attempt in self.attempts)

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade >= self.quiz.pass_fraction

    @property
    def grade_percent(self) -> int | None:
        return grading.score_percent(self.grade)

    @property
    def may_start(self) -> bool:
        return self.current is None and (self.attempts_left is None or self.attempts_left > 0)


@dataclass(frozen=True)
class QuizGrade:
    """One learner's grade at one quiz (the default-language page), by its grading method."""

    learner_id: int
    quiz_id: int
    quiz_key: object  # the quiz's translation_key
    grade: Decimal | None  # None until an attempt is graded
    pass_mark: int
    awaiting: bool = False  # an attempt waits for a trainer to mark a written answer
    last_activity: datetime.datetime | None = None  # the latest start or submission

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade * 100 >= self.pass_mark


def quiz_grades_for(*, learner_ids, quiz_ids=None, quiz_keys=None) -> dict[tuple, QuizGrade]:
    """Grades of these learners at these quizzes (by id, or by translation_key): one query.

    The one place grades are worked out: best, last or average graded attempt, by the quiz's
    grading method (``grading.quiz_grade``). Keyed by ``(learner_id, quiz_id)``; a learner
    with no attempt at a quiz has no entry. Attempts in progress count only as activity.
    """
    attempts = Attempt.objects.filter(learner_id__in=learner_ids)
    if quiz_ids is not None:
        attempts = attempts.filter(quiz_id__in=quiz_ids)
    if quiz_keys is not None:
        attempts = attempts.filter(quiz__translation_key__in=quiz_keys)
    return quiz_grades_from(
        attempts.order_by("number").values(
            "learner_id",
            "quiz_id",
            "quiz__translation_key",
            "quiz__grading_method",
            "quiz__pass_mark",
            "state",
            "score",
            "started_at",
            "submitted_at",
        )  # fmt: skip
    )


def quiz_grades_from(rows) -> dict[tuple, QuizGrade]:
    """Grades from attempt rows in attempt order (the ``values`` ``quiz_grades_for`` reads;
    the quiz completion provider passes its own), keyed by ``(learner_id, quiz_id)``."""
    found: dict[tuple, dict] = {}
    for row in rows:
        entry = found.setdefault(
            (row["learner_id"], row["quiz_id"]),
            {"row": row, "scores": [], "awaiting": False, "moments": []},
        )
        if row["state"] != Attempt.State.IN_PROGRESS:
            entry["scores"].append(row["score"])
        if row["state"] == Attempt.State.AWAITING_MARKING:
            entry["awaiting"] = True
        entry["moments"] += [m for m in (row["started_at"], row["submitted_at"]) if m]
    return {
        key: QuizGrade(
            learner_id=key[0],
            quiz_id=key[1],
            quiz_key=entry["row"]["quiz__translation_key"],
            grade=grading.quiz_grade(entry["scores"], entry["row"]["quiz__grading_method"]),
            pass_mark=entry["row"]["quiz__pass_mark"],
            awaiting=entry["awaiting"],
            last_activity=max(entry["moments"]) if entry["moments"] else None,
        )
        for key, entry in found.items()
    }


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
        grade=grading.quiz_grade(graded, quiz.grading_method),
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
    feedback: tuple[str, ...] = ()  # the grade's per-answer feedback, in the reader's language
    upload: object = None  # a written response's attached file (ResponseFile), if any
    response_id: int | None = None

    @property
    def type(self) -> str:
        return str(self.spec.type)

    @property
    def word_count(self) -> int:
        return grading.word_count(self.answer if isinstance(self.answer, str) else "")

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
        """The answer in words, for the learner's review and for trainers reading an attempt.

        True or false answers read "True" or "False": a tick for "true" read as "right"
        next to a wrong answer. Whether an answer was right is the grade's to say.
        """
        labels = {option.key: option.text for option in self.options}
        labels.update({"true": _("True"), "false": _("False")})
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
    def correct_answer(self) -> str | None:
        """The right answer in words, in the reader's language; None when it cannot be shown.

        An evidence question's expected value is never stored, and an answer accepted by a
        pattern would show the pattern rather than an answer, so neither is given.
        """
        spec = self.spec
        kind = spec.type
        if kind == grading.QuestionType.TRUE_FALSE:
            right = next((c.key for c in spec.choices if c.weight == grading.ONE), "true")
            return _("True") if right == "true" else _("False")
        if kind == grading.QuestionType.SINGLE:
            best = max((c.weight for c in spec.choices), default=grading.ZERO)
            return ", ".join(c.text for c in spec.choices if c.weight == best) or None
        if kind == grading.QuestionType.MULTIPLE:
            return ", ".join(c.text for c in spec.choices if c.weight > 0) or None
        if kind == grading.QuestionType.SHORT:
            plain = [a for a in spec.accepted_texts if not a.regex]
            best = max((a.weight for a in plain), default=grading.ZERO)
            return " / ".join(a.text for a in plain if a.weight == best) or None
        if kind == grading.QuestionType.NUMERIC:
            best = max((a.weight for a in spec.accepted_numbers), default=grading.ZERO)
            return (
                " / ".join(_number_range(a) for a in spec.accepted_numbers if a.weight == best)
                or None
            )
        if kind == grading.QuestionType.ORDERING:
            return " → ".join(item.text for item in spec.items) or None
        if kind == grading.QuestionType.MATCHING:
            prompts = {item.key: item.text for item in spec.prompts}
            answers = {item.key: item.text for item in spec.answers}
            return (
                "; ".join(
                    f"{prompts.get(p, '?')} → {answers.get(a, '?')}" for p, a in spec.matches
                )
                or None
            )
        return None

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


def _number_range(accepted: grading.AcceptedNumber) -> str:
    if accepted.minimum is not None and accepted.maximum is not None:
        return f"{number_format(accepted.minimum)} – {number_format(accepted.maximum)}"
    if accepted.value is None:
        return ""
    if accepted.tolerance:
        return f"{number_format(accepted.value)} ± {number_format(accepted.tolerance)}"
    return number_format(accepted.value)


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
    quiz: QuizPage  # in the reader's language when translated (the attempt keeps the source)
    questions: list[ShownQuestion]
    page: int
    page_count: int

    @property
    def has_written(self) -> bool:
        """A written response is on this page (its word count needs a small script)."""
        return any(shown.type == grading.QuestionType.WRITTEN for shown in self.questions)


def attempt_for(*, attempt_id: int, user) -> Attempt:
    """The attempt if it is the user's own; 404 otherwise, whoever else it belongs to."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Attempt.objects.select_related("quiz__locale", "learner__profile"),
        pk=attempt_id,
        learner=user,
    )


def _read_in(obj, language_code: str) -> bool:
    """Whether ``obj`` is in ``language_code``, as far as the locale read with it tells (a
    locale not read with it, through select_related, tells nothing: no query is made)."""
    return type(obj).locale.is_cached(obj) and obj.locale.language_code == language_code


def translations_of(questions, language_code: str | None) -> dict[str, Question]:
    """The questions' translations into ``language_code``, by translation key: one query, or
    none when every question was read with its locale and is in that language already."""
    if not language_code or not questions:
        return {}
    if all(_read_in(question, language_code) for question in questions):
        return {}
    return {
        question.translation_key: question
        for question in Question.objects.filter(
            translation_key__in=[question.translation_key for question in questions],
            locale__language_code=language_code,
        ).exclude(pk__in=[question.pk for question in questions])
    }


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
        for response in attempt.responses.filter(question_id__in=ids).select_related(
            "question__locale", "upload"
        )
    }
    # Show each question in the reader's language when it has been translated; answer keys
    # (block ids) are the same in every translation.
    # The review after grading is in the language the attempt was answered in.
    language = (with_grades and attempt.language) or get_language()
    translated = translations_of([r.question for r in responses.values()], language)
    shown = []
    for index, entry in window:
        response = responses[entry["id"]]
        source_spec = response.question.to_spec()
        question = translated.get(response.question.translation_key, response.question)
        spec = question.to_spec()
        options = _options(spec, entry["order"])
        # Graded as the learner read it: the feedback comes in the translation's words.
        grade = (
            grading.grade(grading.in_language(source_spec, spec), response.answer)
            if with_grades
            else None
        )
        shown.append(
            ShownQuestion(
                number=index + 1,
                question=question,
                spec=spec,
                options=options,
                answer=response.answer,
                score=response.score,
                grade=grade,
                feedback=grade.feedback if grade else (),
                source_id=response.question_id,
                tokens=_tokens(attempt, response.question_id, "a", options, spec.type),
                prompt_tokens=_tokens(attempt, response.question_id, "p", spec.prompts),
                upload=_upload_of(response),
                response_id=response.pk,
            )
        )
    return AttemptPage(
        attempt=attempt,
        quiz=quiz_in_language(quiz),
        questions=shown,
        page=page,
        page_count=page_count,
    )


def _upload_of(response):
    from assessments.models import ResponseFile

    try:
        return response.upload
    except ResponseFile.DoesNotExist:
        return None


def quiz_in_language(quiz: QuizPage, language: str | None = None) -> QuizPage:
    """The live translation of ``quiz`` in ``language`` (the active one), else ``quiz``: one query,
    none when ``quiz`` was read with its locale and is in that language.

    Attempts point at the default-language quiz; their pages show the title the reader's
    language gives it.
    """
    language = language or get_language()
    if _read_in(quiz, language):
        return quiz
    translated = (
        QuizPage.objects.live()
        .filter(translation_key=quiz.translation_key, locale__language_code=language)
        .first()
    )
    return translated or quiz


@dataclass(frozen=True)
class Review:
    """What the result page may show of a submitted attempt, besides its score.

    ``marks``: each question with whether it was right, partly right or unanswered.
    ``answers``: the feedback and explanations as well, which give the right answers away.
    """

    marks: bool = False
    answers: bool = False
    answers_from: datetime.datetime | None = None  # a timed exam: when it closes


def review_for(*, attempt: Attempt, quiz_view: QuizView, now=None) -> Review:
    """What may be shown for this attempt, by the review policy and what is still to come.

    The right answers (feedback, explanations) are shown only when no other attempt can
    use them: none in progress, and either the quiz allows no more attempts to this
    learner or it has closed. "Right after each attempt" on a quiz with attempts left
    therefore shows which questions were wrong, not what the right answers were;
    "after the last attempt" shows nothing until then. A quiz with unlimited attempts is
    practice, and its immediate review shows everything between attempts.

    A timed quiz with a closing date is an exam that others may still be sitting: its right
    answers wait until it closes (``answers_from``), even for a learner who has finished.
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
    marks = policy == QuizPage.ReviewPolicy.IMMEDIATELY
    if no_more and quiz.time_limit_minutes and quiz.closes_at is not None and not closed:
        return Review(marks=marks, answers_from=quiz.closes_at)
    if no_more:
        return Review(marks=True, answers=True)
    return Review(marks=marks)


@dataclass
class AttemptSummary:
    """What the learner is about to submit: which questions are answered, and time left."""

    attempt: Attempt
    quiz: QuizPage  # in the reader's language
    answered: list[int]  # question numbers
    unanswered: list[tuple[int, int]]  # (question number, page it is on)
    minutes_left: int | None  # None: no time limit

    @property
    def question_count(self) -> int:
        return len(self.answered) + len(self.unanswered)


def _is_answered(answer) -> bool:
    if isinstance(answer, dict):
        return any(answer.values())
    if isinstance(answer, str):
        return bool(answer.strip())
    return answer not in (None, [])


def attempt_summary_for(*, attempt: Attempt, now=None) -> AttemptSummary:
    """The summary shown before an attempt is submitted: two queries, whatever its length."""
    now = now or timezone.now()
    layout = attempt.layout["questions"]
    per_page = attempt.quiz.questions_per_page or len(layout) or 1
    saved = dict(attempt.responses.values_list("question_id", "answer"))
    answered, unanswered = [], []
    for index, entry in enumerate(layout):
        if _is_answered(saved.get(entry["id"])):
            answered.append(index + 1)
        else:
            unanswered.append((index + 1, index // per_page + 1))
    minutes_left = None
    if attempt.deadline:
        minutes_left = max(0, -(-int((attempt.deadline - now).total_seconds()) // 60))
    return AttemptSummary(
        attempt=attempt,
        quiz=quiz_in_language(attempt.quiz),
        answered=answered,
        unanswered=unanswered,
        minutes_left=minutes_left,
    )


@dataclass
class QuizGrades:
    """One quiz on the grades page, for one learner."""

    quiz: QuizPage  # in the reader's language when translated
    scores: list[Decimal]  # graded attempts, in order
    used: int  # attempts started, the one in progress included
    allowed: int  # 0: unlimited
    pass_mark: int
    counts: bool  # required: it counts towards completion and the certificate
    grading_method: str
    awaiting: bool = False  # an attempt waits for a trainer to mark it

    @property
    def best(self) -> Decimal | None:
        return max(self.scores) if self.scores else None

    @property
    def last(self) -> Decimal | None:
        return self.scores[-1] if self.scores else None

    @property
    def left(self) -> int | None:
        return None if not self.allowed else max(0, self.allowed - self.used)

    @property
    def passed(self) -> bool:
        grade = grading.quiz_grade(self.scores, self.grading_method)
        return grade is not None and grade * 100 >= self.pass_mark


@dataclass
class CourseGrades:
    course: object  # CoursePage, in the reader's language when translated
    quizzes: list[QuizGrades]


def grades_for(*, user) -> list[CourseGrades]:
    """Every quiz of each course the learner is enrolled in, with their results: five queries.

    Quizzes and attempts are read for all courses at once, so the cost does not depend on
    the number of courses, quizzes or attempts. Titles are in the active language when the
    pages are translated; attempts are matched through the default-language quizzes.
    """
    from courses.models import CoursePage, Enrolment

    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("course__title", "pk")
    )
    if not enrolments:
        return []
    language = get_language()
    sources = [enrolment.course for enrolment in enrolments]
    keys = [course.translation_key for course in sources]
    localized = {
        course.translation_key: course
        for course in CoursePage.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    under = Q()
    for course in sources:
        under |= Q(path__startswith=course.path)
    quizzes = list(QuizPage.objects.live().filter(under).order_by("path"))
    titles = {
        quiz.translation_key: quiz
        for quiz in QuizPage.objects.live().filter(
            translation_key__in=[quiz.translation_key for quiz in quizzes],
            locale__language_code=language,
        )
    }
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(
        learner=user, quiz_id__in=[quiz.pk for quiz in quizzes]
    ).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    result = []
    for course in sources:
        rows = []
        for quiz in quizzes:
            if not quiz.path.startswith(course.path):
                continue
            taken = attempts.get(quiz.pk, [])
            rows.append(
                QuizGrades(
                    quiz=titles.get(quiz.translation_key, quiz),
                    scores=[a.score for a in taken if not a.is_open and a.score is not None],
                    used=len(taken),
                    allowed=quiz.max_attempts,
                    pass_mark=quiz.pass_mark,
                    counts=quiz.required,
                    grading_method=quiz.grading_method,
                    awaiting=any(a.awaits_marking for a in taken),
                )
            )
        result.append(
            CourseGrades(course=localized.get(course.translation_key, course), quizzes=rows)
        )
    return result


@dataclass(frozen=True)
class NextStep:
    page: object  # the next LessonPage or QuizPage, or the CoursePage at the end
    is_course: bool = False


def next_step_for(*, quiz: QuizPage, user) -> NextStep | None:
    """Where to go after a quiz's result: the next lesson or quiz in the course, else the course.

    Read through the course outline (``courses.selectors.lesson_view_for``), so locks and
    the order are the ones the course page shows. None when the quiz is no longer published
    in a live course.
    """
    from courses.models import CoursePage
    from courses.selectors import lesson_view_for

    try:
        study = lesson_view_for(lesson=quiz, user=user)
    except (CoursePage.DoesNotExist, StopIteration):
        return None
    if study.next is not None:
        return NextStep(page=study.next.page)
    return NextStep(page=study.outline.course, is_course=True)


@dataclass(frozen=True)
class CriterionMark:
    """One rubric criterion beside an answer: its levels, the level chosen and feedback."""

    criterion: grading.Criterion  # in the reader's language, the points as written
    chosen: int | None  # the index of the level chosen by the latest marking
    feedback: str = ""

    @property
    def chosen_level(self) -> grading.RubricLevel | None:
        if self.chosen is None or not 0 <= self.chosen < len(self.criterion.levels):
            return None
        return self.criterion.levels[self.chosen]

    @property
    def field_name(self) -> str:
        return f"level-{self.criterion.key}"

    @property
    def feedback_name(self) -> str:
        return f"feedback-{self.criterion.key}"


@dataclass
class WrittenAnswer:
    """A written response of an attempt with its rubric and its markings (latest last)."""

    number: int
    response: object  # Response, with its question (default language)
    question: Question  # in the reader's language when translated
    spec: grading.QuestionSpec  # the reader's words, the points as written
    upload: object  # ResponseFile or None
    markings: list  # Marking rows, oldest first
    criteria: list[CriterionMark] = field(default_factory=list)

    @property
    def answer(self) -> str:
        return str(self.response.answer or "")

    @property
    def word_count(self) -> int:
        return grading.word_count(self.answer)

    @property
    def latest(self):
        return self.markings[-1] if self.markings else None

    @property
    def earlier(self) -> list:
        return list(reversed(self.markings[:-1]))

    @property
    def points(self) -> Decimal:
        return self.response.question.points


def written_answers_for(*, attempt: Attempt, language: str | None = None) -> list[WrittenAnswer]:
    """The attempt's written responses, rubric and markings: four queries whatever their number.

    Shown in ``language`` (None: the active language; "": the question as written) when the
    question is translated: the rubric's words are the translation's, its points its own.
    """
    from assessments.models import Marking, Response

    responses = list(
        Response.objects.filter(attempt=attempt, question__type=grading.QuestionType.WRITTEN)
        .select_related("question", "upload")
        .order_by("position")
    )
    if not responses:
        return []
    language = get_language() if language is None else language
    translated = translations_of([r.question for r in responses], language)
    markings: dict[int, list] = {}
    for marking in Marking.objects.filter(response__in=responses).select_related(
        "marker__profile"
    ):
        markings.setdefault(marking.response_id, []).append(marking)
    shown = []
    for response in responses:
        question = translated.get(response.question.translation_key, response.question)
        spec = grading.in_language(response.question.to_spec(), question.to_spec())
        rows = markings.get(response.pk, [])
        latest = rows[-1] if rows else None
        chosen = (latest.levels.get("chosen", {}) if latest else {}) or {}
        feedback = (latest.feedback.get("criteria", {}) if latest else {}) or {}
        shown.append(
            WrittenAnswer(
                number=response.position + 1,
                response=response,
                question=question,
                spec=spec,
                upload=_upload_of(response),
                markings=rows,
                criteria=[
                    CriterionMark(
                        criterion=criterion,
                        chosen=chosen.get(criterion.key),
                        feedback=feedback.get(criterion.key, ""),
                    )
                    for criterion in spec.rubric
                ],
            )
        )
    return shown


def own_response_file_for(*, response_id: int, user):
    """The file attached to the user's own written response; 404 for anyone else's."""
    from assessments.models import ResponseFile

    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        ResponseFile.objects.select_related("response__attempt"),
        response_id=response_id,
        response__attempt__learner=user,
    )


@dataclass(frozen=True)
class QueueItem:
    """An attempt in the marking queue: whose, which quiz and course, since when."""

    attempt: Attempt
    course_title: str

    @property
    def learner_name(self) -> str:
        profile = getattr(self.attempt.learner, "profile", None)
        name = profile.display_name if profile is not None else ""
        return name or self.attempt.learner.email


@dataclass
class MarkingQueue:
    show: str  # "awaiting" or "marked"
    items: list[QueueItem]
    awaiting_count: int


QUEUE_MARKED_SHOWN = 50


def marking_queue_for(*, user, show: str = "awaiting") -> MarkingQueue:
    """Attempts awaiting marking (oldest first), or the latest marked ones to remark.

    Only attempts ``user`` may mark (``permissions.markable_attempts``). A fixed number of
    queries whatever the size of the queue: the scope's, the attempts, their courses.
    """
    from django.db.models import Count

    from assessments.permissions import markable_attempts
    from courses.models import CoursePage

    scope = markable_attempts(user)
    awaiting = scope.filter(state=Attempt.State.AWAITING_MARKING)
    counted = awaiting.aggregate(n=Count("pk"))["n"]
    if show == "marked":
        attempts = (
            scope.filter(responses__markings__isnull=False)
            .exclude(state=Attempt.State.AWAITING_MARKING)
            .distinct()
            .order_by("-submitted_at", "-pk")[:QUEUE_MARKED_SHOWN]
        )
    else:
        show = "awaiting"
        attempts = awaiting.order_by("submitted_at", "pk")
    attempts = list(attempts.select_related("quiz", "learner__profile"))
    prefixes = {
        attempt.quiz.path[:length]
        for attempt in attempts
        for length in range(CoursePage.steplen, len(attempt.quiz.path), CoursePage.steplen)
    }
    courses = dict(
        CoursePage.objects.filter(path__in=prefixes).values_list("path", "title")
        if prefixes
        else []
    )
    items = []
    for attempt in attempts:
        title = next(
            (
                courses[attempt.quiz.path[:length]]
                for length in range(CoursePage.steplen, len(attempt.quiz.path), CoursePage.steplen)
                if attempt.quiz.path[:length] in courses
            ),
            "",
        )
        items.append(QueueItem(attempt=attempt, course_title=title))
    return MarkingQueue(show=show, items=items, awaiting_count=counted)


def markable_attempt_for(*, attempt_id: int, user) -> Attempt:
    """A submitted attempt ``user`` may mark; 404 for any other, whoever it belongs to."""
    from assessments.permissions import markable_attempts

    return get_object_or_404(
        markable_attempts(user)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .select_related("quiz", "learner__profile"),
        pk=attempt_id,
    )


def markable_file_for(*, response_id: int, user):
    """The file of a written response in an attempt ``user`` may mark; 404 otherwise."""
    from assessments.models import ResponseFile
    from assessments.permissions import markable_attempts

    return get_object_or_404(
        ResponseFile.objects.filter(response__attempt__in=markable_attempts(user)),
        response_id=response_id,
    )


def awaiting_marking_keys_for(user) -> set:
    """The ``translation_key`` of each quiz where one of the learner's attempts waits for a
    trainer to mark a written answer (the dashboard says so). One query, compiled once per
    process (``lms.prepared``)."""
    query = prepared(
        ("assessments.awaiting_marking_keys",),
        lambda: Attempt.objects.filter(
            learner_id=PLACEHOLDER, state=Attempt.State.AWAITING_MARKING
        ).values_list("quiz__translation_key"),
    )
    return {key for (key,) in query.run(user.pk)}
