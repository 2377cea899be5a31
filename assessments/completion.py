"""Required quizzes count towards course completion (a courses.completion provider)."""

from collections import defaultdict
from decimal import Decimal


def quiz_grade(scores: list[Decimal], method: str) -> Decimal | None:
    """A quiz grade from attempt scores in attempt order, by the quiz's grading method.

    An attempt awaiting marking has no score yet (None) and does not count until marked.
    """
    scores = [score for score in scores if score is not None]
    if not scores:
        return None
    if method == "last":
        return scores[-1]
    if method == "average":
        return sum(scores, Decimal(0)) / len(scores)
    return max(scores)


def passed_quizzes(rows) -> set:
    """The quizzes passed, from ``(quiz key, score, grading method, pass mark)`` attempt rows.

    Rows must come in attempt order within each quiz (the "last" method depends on it).
    """
    scores: dict = defaultdict(list)
    rules: dict = {}
    for key, score, method, pass_mark in rows:
        scores[key].append(score)
        rules[key] = (method, pass_mark)
    grades = {key: quiz_grade(quiz_scores, rules[key][0]) for key, quiz_scores in scores.items()}
    return {
        key for key, grade in grades.items() if grade is not None and grade * 100 >= rules[key][1]
    }


class RequiredQuizzes:
    key = "quizzes"

    def required_items(self, course) -> set[int]:
        from assessments.models import QuizPage

        return set(
            QuizPage.objects.live()
            .descendant_of(course)
            .filter(required=True)
            .values_list("pk", flat=True)
        )

    def done_items(self, course, learner) -> set[int]:
        """Quizzes passed by their grading method: one query for every attempt in the course."""
        from assessments.models import Attempt

        rows = (
            Attempt.objects.filter(
                learner=learner, quiz__path__startswith=course.path, quiz__required=True
            )
            .exclude(state=Attempt.State.IN_PROGRESS)
            .order_by("quiz_id", "number")
            .values_list("quiz_id", "score", "quiz__grading_method", "quiz__pass_mark")
        )
        return passed_quizzes(rows)
