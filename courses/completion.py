"""What "complete" means for a course, in one place, open to other apps.

A course is complete when every required item of every provider is done. Lessons are the first
provider; the assessments app registers required quizzes the same way, from its AppConfig:

    from courses.completion import register_provider
    register_provider(RequiredQuizzes())

A provider answers two questions with one query each, whatever the course's size.
"""

from dataclasses import dataclass
from typing import Protocol

from django.db.models import Q


class CompletionProvider(Protocol):
    key: str

    def required_items(self, course) -> set[int]:
        """Ids of the items of ``course`` (a default-language CoursePage) a learner must do."""

    def done_items(self, course, learner) -> set[int]:
        """Ids of the items of ``course`` that ``learner`` has done."""


@dataclass(frozen=True)
class CourseCompletion:
    required: int
    done: int

    @property
    def percent(self) -> int:
        if self.required == 0:
            return 0
        return min(100, (self.done * 100) // self.required)

    @property
    def is_complete(self) -> bool:
        return self.required > 0 and self.done >= self.required


class RequiredLessons:
    key = "lessons"

    def required_items(self, course) -> set[int]:
        from courses.models import LessonPage

        return set(
            LessonPage.objects.live()
            .descendant_of(course)
            .filter(required=True)
            .values_list("pk", flat=True)
        )

    def done_items(self, course, learner) -> set[int]:
        from courses.models import LessonCompletion

        return set(
            LessonCompletion.objects.filter(
                Q(learner=learner)
                & Q(lesson__path__startswith=course.path)
                & Q(lesson__live=True)
                & Q(lesson__required=True)
            ).values_list("lesson_id", flat=True)
        )


_providers: list[CompletionProvider] = [RequiredLessons()]


def register_provider(provider: CompletionProvider) -> None:
    if all(existing.key != provider.key for existing in _providers):
        _providers.append(provider)


def course_completion_for(*, course, learner) -> CourseCompletion:
    required = done = 0
    for provider in _providers:
        items = provider.required_items(course)
        required += len(items)
        done += len(items & provider.done_items(course, learner))
    return CourseCompletion(required=required, done=done)
