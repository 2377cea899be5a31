from assessments.models.questions import Question, QuestionCategory
from assessments.models.quizzes import (
    Attempt,
    QuizPage,
    QuizQuestion,
    QuizRandomDraw,
    Response,
)

__all__ = [
    "Attempt",
    "Question",
    "QuestionCategory",
    "QuizPage",
    "QuizQuestion",
    "QuizRandomDraw",
    "Response",
]
