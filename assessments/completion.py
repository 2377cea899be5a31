"""Required quizzes count towards completion (a ``courses.completion`` provider).

A quiz is done when the learner's grade, by the quiz's grading method, reaches its pass mark;
the grade comes from ``assessments.selectors.quiz_grades_for``, as everywhere else.
"""


class RequiredQuizzes:
    key = "quizzes"
    model = "assessments.QuizPage"

    def done_keys(self, *, learner_ids, keys) -> dict[int, set]:
        """Quizzes passed: one query for every attempt of these learners at these quizzes."""
        from assessments.selectors import quiz_grades_for

        done: dict[int, set] = {}
        for grade in quiz_grades_for(learner_ids=learner_ids, quiz_keys=keys).values():
            if grade.passed:
                done.setdefault(grade.learner_id, set()).add(grade.quiz_key)
        return done
