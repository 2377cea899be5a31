from courses.models.learning import Cohort, Enrolment, LessonCompletion
from courses.models.pages import (
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    LessonPage,
    ModulePage,
)

__all__ = [
    "Cohort",
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
]
