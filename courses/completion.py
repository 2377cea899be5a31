"""What "done" means for a step, a module and a course: the one rule, open to other apps.

The rule (docs/architecture.md, "Completion"):

- A step (a lesson, a quiz, a discussion case) is done when its provider says so.
- A module is done when every required step in it is done. A module with no required step,
  empty or holding only optional lessons, counts as done: it never blocks the module that
  names it as its prerequisite.
- A course is complete when every required step in it is done, and it has at least one:
  a course with nothing required is never complete, since there is nothing to certify.

Lessons are the first provider. Apps above register theirs from their AppConfig, so this
module never imports them (assessments: quizzes passed; discussions: cases replied to):

    from courses.completion import register_provider
    register_provider(RequiredQuizzes())

Everything is asked in two halves, so a page can cache the first: what a course contains
(``course_steps_for``, or ``CourseSteps.of_pages`` for pages a selector has loaded already)
and what learners have done (``progress_for``, any number of learners at once). The first
costs one query; the second one query per kind of step the course has, whatever the number
of steps or learners.
"""

import uuid
from dataclasses import dataclass, field
from typing import Protocol

from django.apps import apps
from django.db.models import Value
from wagtail.models import Page


class CompletionProvider(Protocol):
    key: str  # also the step's ``kind``: "lessons", "quizzes", "discussions"
    model: str  # the page model's label, "courses.LessonPage"

    def done_keys(self, *, learner_ids: list[int], keys: list) -> dict[int, set]:
        """For each learner (by id) the ``translation_key``s among ``keys`` of the steps they
        have done. One query. Learning records point at default-language pages, so the keys
        match a page in any language."""


@dataclass(frozen=True)
class Step:
    """One lesson, quiz or discussion case of a course, in the language it was read in."""

    key: uuid.UUID  # the page's translation_key
    kind: str  # the provider's key
    required: bool
    module_path: str  # the tree path of the module it sits in


@dataclass(frozen=True)
class CourseSteps:
    """What a course (or a module) contains, for the rule: the same for every learner."""

    steps: tuple[Step, ...] = ()

    @classmethod
    def of_pages(cls, pages) -> "CourseSteps":
        """Steps from pages already loaded (lessons, quizzes, cases; any language)."""
        kinds = {provider.model.lower(): provider.key for provider in _providers}
        return cls(
            steps=tuple(
                Step(
                    key=page.translation_key,
                    kind=kinds[page._meta.label_lower],
                    required=page.required,
                    module_path=page.path[: -Page.steplen],
                )
                for page in pages
                if page._meta.label_lower in kinds
            )
        )

    @property
    def required(self) -> list[Step]:
        return [step for step in self.steps if step.required]

    def in_module(self, module_path: str) -> list[Step]:
        return [step for step in self.steps if step.module_path == module_path]


@dataclass(frozen=True)
class Progress:
    """What one learner has done of a course's steps, and what follows from it by the rule."""

    steps: CourseSteps = field(default_factory=CourseSteps)
    done: frozenset = field(default_factory=frozenset)  # translation keys of steps done

    def is_done(self, key) -> bool:
        return key in self.done

    def module_is_done(self, module_path: str) -> bool:
        """Every required step of the module done; true for a module with none (the rule)."""
        return all(
            step.key in self.done for step in self.steps.in_module(module_path) if step.required
        )

    @property
    def required_count(self) -> int:
        return len(self.steps.required)

    @property
    def done_count(self) -> int:
        """Required steps done."""
        return sum(1 for step in self.steps.required if step.key in self.done)

    @property
    def percent(self) -> int:
        if not self.required_count:
            return 0
        return min(100, (self.done_count * 100) // self.required_count)

    @property
    def is_complete(self) -> bool:
        """Every required step done, and at least one required step (the rule)."""
        return self.required_count > 0 and self.done_count >= self.required_count


class RequiredLessons:
    key = "lessons"
    model = "courses.LessonPage"

    def done_keys(self, *, learner_ids, keys) -> dict[int, set]:
        from courses.models import LessonCompletion

        done: dict[int, set] = {}
        for learner_id, key in LessonCompletion.objects.filter(
            learner_id__in=learner_ids, lesson__translation_key__in=keys
        ).values_list("learner_id", "lesson__translation_key"):
            done.setdefault(learner_id, set()).add(key)
        return done


_providers: list[CompletionProvider] = [RequiredLessons()]


def register_provider(provider: CompletionProvider) -> None:
    if all(existing.key != provider.key for existing in _providers):
        _providers.append(provider)


def providers() -> list[CompletionProvider]:
    """The registered providers, lessons first."""
    return list(_providers)


def course_steps_for(page) -> CourseSteps:
    """The live steps under ``page`` (a course or a module, any language): one query."""
    querysets = [
        apps.get_model(provider.model)
        .objects.live()
        .filter(path__startswith=page.path)
        .annotate(kind=Value(provider.key))
        .order_by()
        .values_list("translation_key", "kind", "required", "path")
        for provider in _providers
    ]
    rows = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
    return CourseSteps(
        steps=tuple(
            Step(key=key, kind=kind, required=required, module_path=path[: -Page.steplen])
            for key, kind, required, path in sorted(rows, key=lambda row: row[3])
        )
    )


def progress_for(*, steps: CourseSteps, learner_ids, read=None) -> dict[int, Progress]:
    """Each learner's progress through ``steps``: one query per kind of step present.

    ``read`` maps a provider's key to what a caller has already read from the same records
    for its own columns (``{"lessons": {learner_id: {key, ...}}}``): the coordinator's table
    reads lesson completions and quiz grades anyway, so those providers are not asked again.
    """
    learner_ids = list(learner_ids)
    read = read or {}
    done: dict[int, set] = {learner_id: set() for learner_id in learner_ids}
    if learner_ids:
        for provider in _providers:
            keys = {step.key for step in steps.steps if step.kind == provider.key}
            if not keys:
                continue
            if provider.key in read:
                found = read[provider.key]
            else:
                found = provider.done_keys(learner_ids=learner_ids, keys=list(keys))
            for learner_id, learner_done in found.items():
                if learner_id in done:
                    done[learner_id].update(key for key in learner_done if key in keys)
    return {learner: Progress(steps=steps, done=frozenset(keys)) for learner, keys in done.items()}


def course_progress_for(*, course, learner) -> Progress:
    """One learner's progress in one course (or module), read now: two to four queries."""
    steps = course_steps_for(course)
    return progress_for(steps=steps, learner_ids=[learner.pk])[learner.pk]
