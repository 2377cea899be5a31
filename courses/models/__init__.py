from courses.models.learning import Cohort, Enrolment, LessonCompletion
from courses.models.pages import (
    CourseCollection,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    LessonPage,
    ModulePage,
)

__all__ = [
    "Cohort",
    "CourseCollection",
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
]
