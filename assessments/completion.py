"""Required quizzes count towards completion (a ``courses.completion`` provider).

A quiz is done when the learner's grade, by the quiz's grading method, reaches its pass mark;
the grade is worked out by ``assessments.selectors.quiz_grades_from``, as everywhere else.
"""

from decimal import Decimal

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce, Concat

from courses.completion import done_query


def _text(expression):
    return Coalesce(Cast(expression, output_field=CharField()), Value(""))


class RequiredQuizzes:
    key = "quizzes"
    model = "assessments.QuizPage"
    outline_fields = ("pass_mark", "grading_method", "opens_at", "closes_at")

    def done_rows(self, *, learner_ids, keys):
        """Every attempt of these learners at these quizzes, with what grading needs (its
        number, state and score, the quiz's grading method and pass mark) in one text column,
        so it joins the other providers' rows in ``progress_for``'s single query."""
        from assessments.models import Attempt

        detail = Concat(
            _text("number"), Value(" "), _text("state"), Value(" "), _text("score"),
            Value(" "), _text("quiz__grading_method"), Value(" "), _text("quiz__pass_mark"),
            output_field=CharField(),
        )  # fmt: skip
        return done_query(
            Attempt.objects.filter(learner_id__in=learner_ids, quiz__translation_key__in=keys),
            learner="learner_id",
            key="quiz__translation_key",
            kind=self.key,
            detail=detail,
        )

    def done_from(self, rows) -> dict[int, set]:
        """Quizzes passed, by the one grading rule (``quiz_grades_from``)."""
        from assessments.selectors import quiz_grades_from

        attempts = []
        for learner_id, key, detail in rows:
            number, state, score, method, pass_mark = detail.split(" ")
            attempts.append(
                {
                    "number": int(number),
                    "learner_id": learner_id,
                    "quiz_id": key,
                    "quiz__translation_key": key,
                    "quiz__grading_method": method,
                    "quiz__pass_mark": int(pass_mark),
                    "state": state,
                    "score": Decimal(score).quantize(Decimal("0.0001")) if score else None,
                    "started_at": None,
                    "submitted_at": None,
                }
            )
        attempts.sort(key=lambda attempt: attempt["number"])
        done: dict[int, set] = {}
        for grade in quiz_grades_from(attempts).values():
            if grade.passed:
                done.setdefault(grade.learner_id, set()).add(grade.quiz_key)
        return done
