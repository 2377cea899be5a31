"""Results of a quiz for trainers, and its exports. A fixed number of queries per quiz."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments import grading, statistics
from assessments.grading import score_percent
from assessments.models import Attempt, Question, QuizPage, Response
from lms import spreadsheets
from lms.spreadsheets import cell


@dataclass
class QuestionStats:
    question: Question
    answered: int
    facility: float | None
    discrimination: float | None

    @property
    def facility_percent(self) -> int | None:
        return None if self.facility is None else round(self.facility * 100)


@dataclass
class QuizResults:
    quiz: QuizPage
    attempts: list[Attempt]
    learners: int
    pass_rate: float | None
    distribution: list[int]
    questions: list[QuestionStats]

    @property
    def pass_rate_percent(self) -> int | None:
        return None if self.pass_rate is None else round(self.pass_rate * 100)

    @property
    def bands(self) -> list[tuple[str, int, int]]:
        """(label, count, bar width in percent of the largest band) for the chart."""
        largest = max(self.distribution, default=0) or 1
        return [
            (f"{i * 10}–{i * 10 + 10}%", count, round(count * 100 / largest))
            for i, count in enumerate(self.distribution)
        ]


def quiz_results_for(quiz: QuizPage) -> QuizResults:
    """Attempts, pass rate, score distribution and per-question statistics: four queries.

    Attempts awaiting marking have no score yet and are left out until marked.
    """
    attempts = list(
        Attempt.objects.filter(quiz=quiz)
        .exclude(state__in=[Attempt.State.IN_PROGRESS, Attempt.State.AWAITING_MARKING])
        .select_related("learner")
        .order_by("learner__email", "number")
    )
    responses = list(
        Response.objects.filter(attempt__in=[a.pk for a in attempts]).values_list(
            "attempt_id", "question_id", "score"
        )
    )
    question_ids = sorted({question_id for _a, question_id, _s in responses})
    questions = {q.pk: q for q in Question.objects.filter(pk__in=question_ids)}
    by_attempt: dict[int, dict[int, float]] = {}
    for attempt_id, question_id, score in responses:
        by_attempt.setdefault(attempt_id, {})[question_id] = float(score or 0)
    stats = []
    for question_id in question_ids:
        item, rest = [], []
        for scores in by_attempt.values():
            if question_id in scores:
                item.append(scores[question_id])
                rest.append(sum(v for k, v in scores.items() if k != question_id))
        stats.append(
            QuestionStats(
                question=questions[question_id],
                answered=len(item),
                facility=statistics.facility(item),
                discrimination=statistics.discrimination(item, rest),
            )
        )
    passed = [a.passed for a in attempts]
    return QuizResults(
        quiz=quiz,
        attempts=attempts,
        learners=len({a.learner_id for a in attempts}),
        pass_rate=sum(passed) / len(passed) if passed else None,
        distribution=statistics.distribution([float(a.score or 0) for a in attempts]),
        questions=stats,
    )


def export_rows(quiz: QuizPage) -> list[list[object]]:
    """One row per submitted attempt; the header row first. Three queries.

    Written answers are exported as the learner typed them, through ``cell`` so that a
    spreadsheet never runs one as a formula.
    """
    results = Attempt.objects.filter(quiz=quiz).exclude(state=Attempt.State.IN_PROGRESS)
    attempts = list(
        results.select_related("learner__profile").order_by("learner__email", "number")
    )
    written: dict[int, list[str]] = {}
    for attempt_id, answer in (
        Response.objects.filter(attempt__in=results, question__type=Question.Type.WRITTEN)
        .order_by("position")
        .values_list("attempt_id", "answer")
    ):
        written.setdefault(attempt_id, []).append(str(answer or ""))
    header = [
        _("e-mail"), _("name"), _("attempt"), _("state"), _("started at"),
        _("submitted at"), _("score (%)"), _("passed"),
    ]  # fmt: skip
    if written:
        header.append(_("written answers"))
    rows = [header]
    for attempt in attempts:
        profile = getattr(attempt.learner, "profile", None)
        rows.append(
            [
                cell(attempt.learner.email),
                cell(profile.display_name if profile else ""),
                attempt.number,
                str(attempt.get_state_display()),
                attempt.started_at.isoformat(timespec="seconds"),
                attempt.submitted_at.isoformat(timespec="seconds") if attempt.submitted_at else "",
                "" if attempt.awaits_marking else score_percent(attempt.score or 0),
                _("awaiting marking")
                if attempt.awaits_marking
                else (_("yes") if attempt.passed else _("no")),
                *([cell("\n\n".join(written.get(attempt.pk, [])))] if written else []),
            ]
        )
    return rows


def export_csv(quiz: QuizPage) -> bytes:
    return spreadsheets.csv_bytes(export_rows(quiz))


def export_xlsx(quiz: QuizPage) -> bytes:
    return spreadsheets.xlsx_bytes(export_rows(quiz), title=_("Attempts"))


@dataclass(frozen=True)
class WrongAnswer:
    """A typed answer that scored less than full marks, with how many gave it."""

    text: str
    count: int
    best_score: Decimal


@dataclass
class TypedQuestion:
    """A short-answer question of a quiz and its most frequent wrong answers per language."""

    question: Question
    by_language: list[tuple[str, list[WrongAnswer]]]


def typed_answers_marked_wrong(quiz: QuizPage, *, per_language: int = 10) -> list[TypedQuestion]:
    """Per short-answer question and answer language, the wrong answers given most often.

    A missing accepted variant ("valeur de hachage" when only "hash value" was accepted) shows
    as one answer many learners typed. Answers are grouped as grading compares them (case,
    accents and spaces ignored as the question says). Two queries, whatever the attempts.
    """
    rows = (
        Response.objects.filter(
            attempt__quiz=quiz, question__type=Question.Type.SHORT, score__lt=1
        )
        .exclude(attempt__state=Attempt.State.IN_PROGRESS)
        .exclude(answer__isnull=True)
        .order_by("pk")  # the spelling typed first names the group, on every engine
        .values_list("question_id", "attempt__language", "answer", "score")
    )
    grouped: dict[int, dict[str, dict[str, list]]] = {}
    options_of: dict[int, grading.TextOptions] = {}
    questions = {}
    rows = list(rows)
    if rows:
        questions = {q.pk: q for q in Question.objects.filter(pk__in={row[0] for row in rows})}
    for question_id, language, answer, score in rows:
        text = " ".join(str(answer).split())
        if not text:
            continue
        question = questions[question_id]
        options = options_of.setdefault(question_id, question.text_options)
        key = grading.normalise_text(text, options)
        slot = grouped.setdefault(question_id, {}).setdefault(language or "", {})
        entry = slot.setdefault(key, [text, 0, Decimal(0)])
        entry[1] += 1
        entry[2] = max(entry[2], score or Decimal(0))
    result = []
    for question_id in sorted(grouped, key=lambda pk: questions[pk].title):
        languages = []
        for language, answers in sorted(grouped[question_id].items()):
            ranked = sorted(answers.values(), key=lambda entry: (-entry[1], entry[0]))
            languages.append(
                (language, [WrongAnswer(t, n, s) for t, n, s in ranked[:per_language]])
            )
        result.append(TypedQuestion(question=questions[question_id], by_language=languages))
    return result
