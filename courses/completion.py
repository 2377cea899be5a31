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
costs one query; the second one query too, whatever the number of steps, kinds of step or
learners: every provider hands over a query of its "done" rows (``done_rows``, built with
``done_query``), the rule reads them all in one ``UNION ALL``, and each provider tells from
its own rows which steps are done (``done_from``).
"""

import uuid
from dataclasses import dataclass, field
from typing import Protocol

from django.apps import apps
from django.db.models import CharField, F, Value
from wagtail.models import Page

from lms.prepared import PLACEHOLDER, prepared


class CompletionProvider(Protocol):
    key: str  # also the step's ``kind``: "lessons", "quizzes", "discussions"
    model: str  # the page model's label, "courses.LessonPage"
    # Optional: the page fields a course outline shows besides the title and link; a provider
    # without it counts towards completion but is not listed in the outline.
    outline_fields: tuple[str, ...]

    def done_rows(self, *, learner_ids: list[int], keys: list):
        """The records that may make steps among ``keys`` done for these learners, as a
        query built by ``done_query``, not yet run: ``progress_for`` joins every provider's
        query into one. Learning records point at default-language pages, so the keys match
        a page in any language. The query may depend on nothing but ``learner_ids`` and
        ``keys`` (no clock, no setting): for one learner it is compiled once per process and
        run again with each learner's id."""

    def done_from(self, rows) -> dict[int, set]:
        """For each learner (by id) the ``translation_key``s of the steps done, from the rows
        ``done_rows`` selected: ``(learner_id, key, detail)`` tuples."""


def done_query(queryset, *, learner: str, key: str, kind: str, detail=None):
    """The rows a provider hands to ``progress_for``: its records as ``(kind, learner id,
    step key, detail)``, the same four columns for every provider so that one ``UNION ALL``
    reads them all. ``learner`` and ``key`` name the record's fields (``"learner_id"``,
    ``"lesson__translation_key"``); ``detail`` is an optional text expression for a provider
    that needs more than the record's presence to decide (a quiz's score)."""
    return (
        queryset.order_by()
        .annotate(
            done_kind=Value(kind, output_field=CharField()),
            done_learner=F(learner),
            done_key=F(key),
            done_detail=detail if detail is not None else Value("", output_field=CharField()),
        )
        .values_list("done_kind", "done_learner", "done_key", "done_detail")
    )


def done_keys(provider, *, learner_ids, keys) -> dict[int, set]:
    """One provider's answer alone, in one query (for callers that ask one kind of step)."""
    return provider.done_from(list(provider.done_rows(learner_ids=learner_ids, keys=keys)))


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

    def done_rows(self, *, learner_ids, keys):
        from courses.models import LessonCompletion

        return done_query(
            LessonCompletion.objects.filter(
                learner_id__in=learner_ids, lesson__translation_key__in=keys
            ),
            learner="learner_id",
            key="lesson__translation_key",
            kind=self.key,
        )

    def done_from(self, rows) -> dict[int, set]:
        return rows_done(rows)


def rows_done(rows) -> dict[int, set]:
    """Every row a step done: for providers whose record is the step done (a completion,
    an attendance, a reply not hidden)."""
    done: dict[int, set] = {}
    for learner_id, key, _detail in rows:
        done.setdefault(learner_id, set()).add(key)
    return done


_providers: list[CompletionProvider] = [RequiredLessons()]
# Each provider's page model label (lower case) to its key: outlines ask it for every step.
_kinds: dict[str, str] = {RequiredLessons.model.lower(): RequiredLessons.key}


def register_provider(provider: CompletionProvider) -> None:
    if all(existing.key != provider.key for existing in _providers):
        _providers.append(provider)
        _kinds[provider.model.lower()] = provider.key


def kind_of(page) -> str | None:
    """The kind of step a page is (its provider's key), or None for a page that is no step."""
    return _kinds.get(page._meta.label_lower)


def listed_providers() -> list:
    """The providers, besides lessons, whose steps a course outline lists, each with its page
    model: those naming ``outline_fields``, the fields of their page the outline shows (a
    quiz's dates and pass mark). The outline reads every kind of step through this, so
    ``courses`` never names a page model of the apps above it."""
    return [
        (provider, apps.get_model(provider.model))
        for provider in _providers
        if provider.key != RequiredLessons.key
        and getattr(provider, "outline_fields", None) is not None
    ]


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
    """Each learner's progress through ``steps``: one query, whatever the number of steps,
    kinds of step and learners (none when there is nothing to ask).

    Every provider with steps present hands over its query of done rows; they are read
    together in one ``UNION ALL`` and each provider judges its own rows. ``read`` maps a
    provider's key to what a caller has already read from the same records for its own
    columns (``{"lessons": {learner_id: {key, ...}}}``): the coordinator's table reads lesson
    completions and quiz grades anyway, so those providers are not asked again.
    """
    learner_ids = list(learner_ids)
    read = read or {}
    done: dict[int, set] = {learner_id: set() for learner_id in learner_ids}
    if not learner_ids:
        return {}
    asked = {}
    found_by_kind = {}
    for provider in _providers:
        keys = {step.key for step in steps.steps if step.kind == provider.key}
        if not keys:
            continue
        if provider.key in read:
            found_by_kind[provider.key] = (read[provider.key], keys)
        else:
            asked[provider.key] = (provider, keys)
    if asked:
        rows_by_kind: dict[str, list] = {kind: [] for kind in asked}
        for kind, learner_id, key, detail in _done_rows(asked, learner_ids):
            rows_by_kind[kind].append((learner_id, key, detail))
        for kind, (provider, keys) in asked.items():
            found_by_kind[kind] = (provider.done_from(rows_by_kind[kind]), keys)
    for found, keys in found_by_kind.values():
        for learner_id, learner_done in found.items():
            if learner_id in done:
                done[learner_id].update(key for key in learner_done if key in keys)
    return {learner: Progress(steps=steps, done=frozenset(keys)) for learner, keys in done.items()}


def _union(asked: dict, learner_ids: list):
    queries = [
        provider.done_rows(learner_ids=learner_ids, keys=sorted(keys, key=str))
        for provider, keys in asked.values()
    ]
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


def _done_rows(asked: dict, learner_ids: list):
    """The providers' done rows in one query. For one learner, the most frequent question
    (every signed-in page of a course asks it), the query is compiled once per set of steps
    and process and run again with the learner's id (``lms.prepared``), which is why a
    provider's ``done_rows`` may depend on nothing but the learners and the keys."""
    if len(learner_ids) != 1:
        return _union(asked, learner_ids)
    # Sets rather than sorted strings: the key is built on every request, from every step of
    # the learner's courses, and hashing and comparing frozensets happens in C.
    key = (
        "courses.progress",
        frozenset((kind, frozenset(keys)) for kind, (_provider, keys) in asked.items()),
    )
    query = prepared(key, lambda: _union(asked, [PLACEHOLDER]))
    return query.run(learner_ids[0])


def course_progress_for(*, course, learner) -> Progress:
    """One learner's progress in one course (or module), read now: two to four queries."""
    steps = course_steps_for(course)
    return progress_for(steps=steps, learner_ids=[learner.pk])[learner.pk]
