from assessments.models.marking import Marking, ResponseFile
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
    "Marking",
    "Question",
    "QuestionCategory",
    "QuizPage",
    "QuizQuestion",
    "QuizRandomDraw",
    "Response",
    "ResponseFile",
]
