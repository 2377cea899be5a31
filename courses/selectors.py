"""Reads for the course pages and the dashboard, each in a fixed number of queries.

Pages are read in the language being viewed; learning records are matched to them through
``translation_key``, so progress shows the same in every language.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from taggit.models import Tag
from wagtail.models import Locale, Page

from courses import completion, learner_records, rules
from courses.models import (
    CourseCollection,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
)
from courses.topics import sort_key, topic_name
from lms import page_cache
from lms.prepared import PLACEHOLDER, prepared


@dataclass
class LessonItem:
    """A lesson, a quiz, a discussion case or a live session in a course outline."""

    page: Page
    done: bool = False
    locked: bool = False

    @property
    def is_discussion(self) -> bool:
        return completion.kind_of(self.page) == "discussions"

    @property
    def is_lesson(self) -> bool:
        return isinstance(self.page, LessonPage)

    @property
    def is_live_session(self) -> bool:
        return completion.kind_of(self.page) == "live_sessions"

    @property
    def is_quiz(self) -> bool:
        return completion.kind_of(self.page) == "quizzes"

    @property
    def closes_at(self) -> datetime.datetime | None:
        return getattr(self.page, "closes_at", None)

    @property
    def is_open(self) -> bool:
        """Whether the learner can work on it now: not locked, and a quiz within its dates."""
        return not self.locked and (not self.is_quiz or self.page.is_open())


@dataclass(frozen=True)
class StepCounts:
    """How many required lessons, quizzes and discussion cases there are, and how many are
    done (passed, replied to)."""

    lessons: int = 0
    lessons_done: int = 0
    quizzes: int = 0
    quizzes_done: int = 0
    discussions: int = 0
    discussions_done: int = 0
    live_sessions: int = 0
    live_sessions_done: int = 0

    @classmethod
    def of(cls, items: list[LessonItem]) -> "StepCounts":
        # Each step's kind is looked up once (the dashboard counts every step of every course).
        counts = {kind: [0, 0] for kind in ("lessons", "quizzes", "discussions", "live_sessions")}
        for item in items:
            if not item.page.required:
                continue
            kind = (
                "lessons" if isinstance(item.page, LessonPage) else completion.kind_of(item.page)
            )
            if kind in counts:
                counts[kind][0] += 1
                counts[kind][1] += item.done
        return cls(
            lessons=counts["lessons"][0],
            lessons_done=counts["lessons"][1],
            quizzes=counts["quizzes"][0],
            quizzes_done=counts["quizzes"][1],
            discussions=counts["discussions"][0],
            discussions_done=counts["discussions"][1],
            live_sessions=counts["live_sessions"][0],
            live_sessions_done=counts["live_sessions"][1],
        )


@dataclass
class ModuleItem:
    page: ModulePage
    lessons: list[LessonItem] = field(default_factory=list)
    lock: rules.Lock | None = None
    # The days the module opens and is due for the learner's cohort (cohort-paced courses).
    opens_on: datetime.date | None = None
    due_on: datetime.date | None = None
    # The learner's progress through the course, for the module rule.
    progress: completion.Progress = field(default_factory=completion.Progress, repr=False)

    @property
    def required_count(self) -> int:
        return sum(1 for item in self.lessons if item.page.required)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.lessons if item.page.required and item.done)

    @property
    def steps(self) -> "StepCounts":
        return StepCounts.of(self.lessons)

    @property
    def week(self) -> int:
        """The cohort week the module opens in (1 for the first), for cohort-paced courses."""
        return self.page.release_offset_days // 7 + 1

    @property
    def minutes(self) -> int:
        return sum(getattr(item.page, "estimated_minutes", 0) for item in self.lessons)

    @property
    def due_week(self) -> int | None:
        """The cohort week the module is due in, when it has a due date."""
        offset = self.page.due_offset_days
        return None if offset is None else offset // 7 + 1

    @property
    def closes_at(self) -> datetime.datetime | None:
        """The latest closing time of the module's quizzes."""
        times = [item.page.closes_at for item in self.lessons if item.closes_at]
        return max(times) if times else None

    @property
    def percent(self) -> int:
        return (self.done_count * 100) // self.required_count if self.required_count else 0

    @property
    def is_complete(self) -> bool:
        """Done by the completion rule: every required step done, or none required."""
        return self.progress.module_is_done(self.page.path)


@dataclass
class CourseOutline:
    course: CoursePage
    modules: list[ModuleItem]
    enrolment: Enrolment | None
    enrolment_refusal: str | None
    # The learner's latest application when the course needs approval and they are not
    # enrolled: an EnrolmentApplication, or None.
    application: object | None = None
    # The page cache's generation its contents were read in (what is kept of the course's
    # outline, courses.sidebar, is kept under the same one).
    generation: int = 0
    # Whether the person reading is signed in (a visitor of an open course keeps their
    # progress in the browser instead).
    viewer_signed_in: bool = False

    @property
    def keeps_progress_in_browser(self) -> bool:
        """A visitor without an account reading a course open to everyone."""
        return self.course.is_open and not self.viewer_signed_in

    @property
    def lessons(self) -> list[LessonItem]:
        return [item for module in self.modules for item in module.lessons]

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None

    @property
    def resume(self) -> LessonItem | None:
        """Where *Continue* leads: the next open item not done, in course order.

        That is the last lesson visited while it is not done; once it is, the first item
        after it not done, then the first one not done from the start of the course. Locked
        modules and quizzes outside their dates are passed over. None when nothing open is
        left to do (everything is done, or the rest is locked or closed).
        """
        items = self.lessons
        start = 0
        if self.enrolment and self.enrolment.last_lesson_id:
            # The dashboard's enrolments bring the key alone (``last_lesson_key``).
            key = getattr(self.enrolment, "last_lesson_key", None)
            key = key or self.enrolment.last_lesson.translation_key
            keys = [item.page.translation_key for item in items]
            start = keys.index(key) if key in keys else 0
        for item in items[start:] + items[:start]:
            if not item.done and item.is_open:
                return item
        return None

    @property
    def is_started(self) -> bool:
        """Whether the learner has opened or finished anything yet."""
        return bool(self.enrolment and self.enrolment.last_lesson_id) or any(
            item.done for item in self.lessons
        )

    @property
    def is_finished(self) -> bool:
        """Every lesson and quiz of the course is done (optional ones included)."""
        return bool(self.lessons) and all(item.done for item in self.lessons)

    @property
    def next_opening(self) -> "ModuleItem | None":
        """The first module still waiting for its date, when nothing open is left to do."""
        return next((m for m in self.modules if m.lock and m.lock.opens_on), None)

    @property
    def steps(self) -> StepCounts:
        return StepCounts.of(self.lessons)

    @property
    def percent(self) -> int:
        """Required steps done out of those listed: the completion rule's percentage, as the
        outline lists every kind of step the providers know (live sessions included)."""
        required = [item for item in self.lessons if item.page.required]
        if not required:
            return 0
        return min(100, sum(1 for item in required if item.done) * 100 // len(required))

    @property
    def total_minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


def _current_enrolments(user, course_keys):
    """The learner's enrolments (not withdrawn) in these courses, by the course's
    ``translation_key``, with their cohort and resume lesson. Every signed-in page of a course
    asks this, so the query is compiled once per set of courses and process and run again
    with the learner's id (``lms.prepared``); ``enrolment.course`` is loaded when used."""
    if not user.is_authenticated:
        return {}
    keys = tuple(sorted(map(str, course_keys)))
    query = prepared(("courses.enrolments", keys), lambda: _enrolments_query(keys))
    return {enrolment.course_key: enrolment for enrolment in query.run(user.pk)}


def _enrolments_query(keys):
    return (
        Enrolment.objects.filter(learner_id=PLACEHOLDER, course__translation_key__in=keys)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .annotate(course_key=F("course__translation_key"))
        .select_related("cohort", "last_lesson")
    )


def _learner_progress(user, steps: completion.CourseSteps) -> completion.Progress:
    """What the learner has done of these steps (lessons, quizzes, discussion cases), by the
    one completion rule: one query for each kind of step present; none for a visitor, who
    has done nothing."""
    if not user.is_authenticated:
        return completion.Progress(steps=steps)
    return completion.progress_for(steps=steps, learner_ids=[user.pk])[user.pk]


def _build_modules(courses, modules, lessons, enrolments, progress, today):
    """Attach lessons to modules and modules to courses, and work out locks, in memory."""
    by_path = {}
    outline_modules: dict[int, list[ModuleItem]] = {course.pk: [] for course in courses}
    course_by_path = {course.path: course for course in courses}
    for module in modules:
        item = ModuleItem(page=module, progress=progress)
        by_path[module.path] = item
        parent = course_by_path.get(module.path[: -Page.steplen])
        if parent is not None:
            outline_modules[parent.pk].append(item)
    for lesson in lessons:
        module_item = by_path.get(lesson.path[: -Page.steplen])
        if module_item is not None:
            module_item.lessons.append(
                LessonItem(
                    page=lesson,
                    done=progress.is_done(lesson.translation_key),
                )
            )
    for course in courses:
        enrolment = enrolments.get(course.translation_key)
        items = outline_modules[course.pk]
        by_key = {item.page.translation_key: item for item in items}
        by_id = {item.page.pk: item for item in items}
        for item in items:
            prerequisite = _find_prerequisite(item.page, by_id, by_key)
            item.lock = rules.module_lock(
                release_offset_days=item.page.release_offset_days,
                cohort_start=enrolment.cohort.start_date
                if enrolment and enrolment.cohort_id
                else None,
                cohort_paced=course.is_cohort_paced,
                prerequisite_title=prerequisite.page.title if prerequisite else None,
                prerequisite_done=prerequisite.is_complete if prerequisite else True,
                today=today,
            )
            if course.is_cohort_paced and enrolment and enrolment.cohort_id:
                item.opens_on = enrolment.cohort.release_date_for(item.page)
                item.due_on = enrolment.cohort.due_date_for(item.page)
            for lesson_item in item.lessons:
                lesson_item.locked = item.lock is not None
    return outline_modules


def _unlock(modules: list[ModuleItem]) -> None:
    """Open every module of a course open to everyone for someone not enrolled: they read any
    lesson, and no prerequisite can be checked against progress kept in their browser."""
    for module in modules:
        module.lock = None
        for item in module.lessons:
            item.locked = False


def _find_prerequisite(module, by_id, by_key):
    if module.prerequisite_id is None:
        return None
    found = by_id.get(module.prerequisite_id)
    if found is None and getattr(module, "prerequisite_translation_key", None):
        found = by_key.get(module.prerequisite_translation_key)
    return found


# What the outline shows of every step, whatever its kind.
STEP_FIELDS = (
    "id", "path", "depth", "title", "slug", "url_path", "translation_key", "locale_id",
    "required",
)  # fmt: skip


def _modules_and_lessons(course_paths: list[str]):
    """Modules, and the lessons, quizzes and discussion cases inside them in tree order.

    Two queries, one more for each other kind of step the courses hold: the steps besides
    lessons are those of the completion providers that ask to be listed
    (``completion.listed_providers``), and the modules' query tells which kinds are present.
    """
    if not course_paths:
        return [], []
    listed = completion.listed_providers()
    under = Q()
    for path in course_paths:
        under |= Q(path__startswith=path)
    modules = list(
        ModulePage.objects.live()
        .filter(under)
        .annotate(
            prerequisite_translation_key=F("prerequisite__translation_key"),
            # Whether to read a kind of step at all: courses without any pay no query.
            **{
                f"has_{provider.key}": Exists(
                    model.objects.live().filter(path__startswith=OuterRef("path"))
                )
                for provider, model in listed
            },
        )
        .order_by("path")
    )
    steps = list(
        LessonPage.objects.live()
        .filter(under)
        .only(*STEP_FIELDS, "free_preview", "estimated_minutes", "summary")
    )
    for provider, model in listed:
        if any(getattr(module, f"has_{provider.key}") for module in modules):
            fields = (*STEP_FIELDS, *provider.outline_fields)
            steps += model.objects.live().filter(under).only(*fields)
    return modules, sorted(steps, key=lambda page: page.path)


# How long a course's contents stay in the cache at most. Publishing anything moves the page
# cache's generation on (lms.page_cache), which retires every kept outline at once; the expiry
# only bounds the memory of outlines nobody reads any more.
CONTENTS_SECONDS = 24 * 60 * 60


@dataclass
class CourseContents:
    """What a course contains, the same for every learner until someone publishes: the
    course, its modules, and the lessons, quizzes and discussion cases in tree order."""

    course: CoursePage
    modules: list
    lessons: list
    steps: completion.CourseSteps
    generation: int = 0  # the page cache's generation it was read in


def _contents_key(generation: int, course_path: str) -> str:
    return f"outline:{generation}:{get_language()}:{course_path}"


class _KeptInProcess:
    """What this process has unpickled from the shared cache, by the cache key, the oldest
    dropped first past ``size``. Only for values whose key names the page cache's generation:
    a key is never reused for other values (a publish moves the generation on; an emptied
    cache starts it from the clock, lms.page_cache), so what is kept here stays true, as long
    as nobody changes a value once read."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict = OrderedDict()

    def get(self, key: str):
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def keep(self, key: str, value) -> None:
        self._kept[key] = value
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)


# Course contents (unpickling a course's page objects cost a quarter of the dashboard's
# time); the outline wraps their pages in items of its own and never changes them.
_CONTENTS_IN_PROCESS = _KeptInProcess(128)
# Unfiltered catalog listings; the catalog's template only reads them.
_CATALOGS_IN_PROCESS = _KeptInProcess(32)


def _contents_read(course_path: str, course: CoursePage | None = None) -> CourseContents:
    """A course's contents from the cache, or read (two to four queries) and kept.

    The key holds the page cache's generation, which every publish, unpublish, move or delete
    of a page moves on, so a learner sees a change as soon as it is published. A translated
    course is a tree of its own, so it has its own path, hence its own entry; the language
    being viewed is in the key too.
    """
    generation = page_cache.generation()
    key = _contents_key(generation, course_path)
    contents = _CONTENTS_IN_PROCESS.get(key) or cache.get(key)
    if contents is not None:
        _CONTENTS_IN_PROCESS.keep(key, contents)
        return contents
    if course is None:
        course = CoursePage.objects.live().get(path=course_path)
    return _contents_read_many([course], generation=generation)[course.path]


def _contents_read_many(courses, generation: int | None = None) -> dict[str, CourseContents]:
    """The contents of several courses (by path): one round trip to the cache, and the
    courses it did not hold read together (two to four queries, whatever their number) and
    kept, so a dashboard of twenty courses costs what one costs."""
    if not courses:
        return {}
    if generation is None:
        generation = page_cache.generation()
    keys = {course.path: _contents_key(generation, course.path) for course in courses}
    found = {}
    for path, key in keys.items():
        contents = _CONTENTS_IN_PROCESS.get(key)
        if contents is not None:
            found[path] = contents
    unread = [key for path, key in keys.items() if path not in found]
    kept = cache.get_many(unread) if unread else {}
    for path, key in keys.items():
        if key in kept:
            found[path] = kept[key]
            _CONTENTS_IN_PROCESS.keep(key, kept[key])
    missing = [course for course in courses if course.path not in found]
    if missing:
        modules, lessons = _modules_and_lessons([course.path for course in missing])
        fresh = {}
        for course in missing:
            own_modules = [m for m in modules if m.path.startswith(course.path)]
            own_lessons = [page for page in lessons if page.path.startswith(course.path)]
            fresh[course.path] = CourseContents(
                course=course,
                modules=own_modules,
                lessons=own_lessons,
                steps=completion.CourseSteps.of_pages(own_lessons),
                generation=generation,
            )
        cache.set_many({keys[path]: value for path, value in fresh.items()}, CONTENTS_SECONDS)
        for path, value in fresh.items():
            _CONTENTS_IN_PROCESS.keep(keys[path], value)
        found.update(fresh)
    return found


def course_outline_for(*, course: CoursePage, user, today=None) -> CourseOutline:
    """Modules, lessons, the learner's progress and locks. What the course contains comes
    from the cache (``_contents_read``); the learner's enrolment and what they have done
    cost one query each for a course of lessons, one more per other kind of step."""
    contents = _contents_read(course.path, course)
    return _outline_of(contents, course=course, user=user, today=today)


def _outline_of(contents: CourseContents, *, course, user, today) -> CourseOutline:
    enrolments = _current_enrolments(user, [course.translation_key])
    progress = _learner_progress(user, contents.steps)
    modules, lessons = contents.modules, contents.lessons
    built = _build_modules([course], modules, lessons, enrolments, progress, today)
    enrolment = enrolments.get(course.translation_key)
    if course.is_open and enrolment is None:
        _unlock(built[course.pk])
    refusal = None if enrolment else rules.self_enrolment_refusal(learner=user, course=course)
    application = None
    if refusal and user.is_authenticated and course.enrolment == CoursePage.Enrolment.APPROVAL:
        application = learner_records.applications_for(user, [course.translation_key]).get(
            course.translation_key
        )
    return CourseOutline(
        course=course,
        modules=built[course.pk],
        enrolment=enrolment,
        enrolment_refusal=refusal,
        application=application,
        generation=contents.generation,
        viewer_signed_in=user.is_authenticated,
    )


@dataclass
class LessonView:
    outline: CourseOutline
    lesson: LessonItem
    module: ModuleItem
    previous: LessonItem | None
    next: LessonItem | None

    @property
    def may_read(self) -> bool:
        if getattr(self.lesson.page, "free_preview", False):
            return True
        if self.is_open_lesson:
            return True
        return self.outline.is_enrolled and not self.lesson.locked

    @property
    def is_open_lesson(self) -> bool:
        """A lesson of a course open to everyone: anyone reads it, with or without an account.

        Quizzes and discussion cases stay for enrolled learners: their answers are personal
        records, kept with an account.
        """
        return self.outline.course.is_open and self.lesson.is_lesson

    @property
    def keeps_progress_in_browser(self) -> bool:
        """Whether the visitor's progress in this lesson is kept by their browser: a visitor
        without an account reading an open course."""
        return self.is_open_lesson and not self.outline.viewer_signed_in


def lesson_view_for(*, lesson: Page, user, today=None) -> LessonView:
    """A lesson's or a quiz's place in its course: outline, module, previous and next."""
    # A lesson, a quiz or a case sits in a module, in a course: the course is two levels up.
    contents = _contents_read(lesson.path[: -2 * Page.steplen])
    outline = _outline_of(contents, course=contents.course, user=user, today=today)
    sequence = outline.lessons
    position = next(i for i, item in enumerate(sequence) if item.page.pk == lesson.pk)
    module = next(m for m in outline.modules if any(i.page.pk == lesson.pk for i in m.lessons))
    return LessonView(
        outline=outline,
        lesson=sequence[position],
        module=module,
        previous=sequence[position - 1] if position > 0 else None,
        next=sequence[position + 1] if position + 1 < len(sequence) else None,
    )


@dataclass(frozen=True)
class TopicOption:
    """A topic of the catalog's filter: its tag's slug, and its name in the page's language."""

    slug: str
    name: str


@dataclass
class Catalog:
    courses: list[CoursePage]
    enrolled_keys: set
    topics: list[TopicOption]
    selected: dict
    query: str
    index: CourseIndexPage | None = None
    levels = CoursePage.Level.choices
    pacings = CoursePage.Pacing.choices


def _catalog_courses(index: CourseIndexPage, default: Locale):
    """Live courses in the catalog's language, plus those not yet translated into it.

    A course waiting for its translation is listed in the default language (its page says
    so), rather than hidden from everyone who reads the site in another language.
    """
    local = CoursePage.objects.live().child_of(index)
    if index.locale_id == default.pk:
        return local
    untranslated = (
        CoursePage.objects.live()
        .filter(locale=default, depth=index.depth + 1)
        .exclude(translation_key__in=local.values("translation_key"))
    )
    return CoursePage.objects.filter(Q(pk__in=local.values("pk")) | Q(pk__in=untranslated))


def catalog_for(*, index: CourseIndexPage, user, params) -> Catalog:
    """Live courses of the catalog's language, filtered by topic, pacing and level, or searched."""
    selected = {
        "topic": params.get("topic", ""),
        "pacing": params.get("pacing", ""),
        "level": params.get("level", ""),
    }
    query = params.get("q", "").strip()[:200]
    if any(selected.values()) or query:
        courses, topics = _catalog_listing(index, selected, query)
    else:
        courses, topics = _catalog_listing_kept(index)
    enrolled = set(_current_enrolments(user, [course.translation_key for course in courses]))
    return Catalog(
        courses=courses,
        enrolled_keys=enrolled,
        topics=topics,
        selected=selected,
        query=query,
        index=index,
    )


def _catalog_listing_kept(index: CourseIndexPage):
    """The unfiltered listing: the same for everyone reading the catalog in one language until
    a page is published, so kept in the shared cache under the page cache's generation
    (``lms.page_cache``), which publishing, moving and deleting pages move on."""
    from django.conf import settings
    from django.core.cache import cache

    from lms import page_cache

    if settings.LMS_PAGE_CACHE_SECONDS <= 0:
        return _catalog_listing(index, {}, "")
    key = f"catalog:{page_cache.generation()}:{index.pk}:{get_language()}"
    listing = _CATALOGS_IN_PROCESS.get(key)
    if listing is None:
        listing = cache.get(key)
        if listing is None:
            listing = _catalog_listing(index, {}, "")
            cache.set(key, listing, settings.LMS_PAGE_CACHE_SECONDS)
        _CATALOGS_IN_PROCESS.keep(key, listing)
    return listing


def _catalog_listing(index: CourseIndexPage, selected: dict, query: str):
    """The catalog's courses (filtered) and the topics of all its courses, by name."""
    default = Locale.get_default()
    courses = _catalog_courses(index, default)
    if selected.get("pacing") in CoursePage.Pacing.values:
        courses = courses.filter(pacing=selected["pacing"])
    if selected.get("level") in CoursePage.Level.values:
        courses = courses.filter(level=selected["level"])
    if selected.get("topic"):
        courses = courses.filter(topics__slug=selected["topic"])
    if query:
        courses = courses.filter(pk__in=_search_course_ids(index, default, query))
    courses = list(
        courses.select_related("locale").prefetch_related("topics").order_by("path").distinct()
    )
    listed = _catalog_courses(index, default)
    tags = Tag.objects.filter(courses_coursetopic_items__content_object__in=listed).distinct()
    topics = sorted(
        (TopicOption(slug=tag.slug, name=topic_name(tag.name)) for tag in tags),
        key=lambda topic: sort_key(topic.name),
    )
    return courses, topics


def home_catalog_for(*, home, user) -> Catalog | None:
    """The catalog under the home page, unfiltered, or None before any catalog exists."""
    index = CourseIndexPage.objects.live().child_of(home).first()
    if index is None:
        return None
    return catalog_for(index=index, user=user, params={})


def _search_course_ids(index, default, query: str) -> set[int]:
    """Courses of the catalog whose own text or whose lessons match ``query``."""
    courses = _catalog_courses(index, default)
    ids = {page.pk for page in CoursePage.objects.live().filter(pk__in=courses).search(query)}
    by_path = dict(courses.values_list("path", "pk"))
    course_path_length = Page.steplen * (index.depth + 1)
    for lesson in LessonPage.objects.live().search(query):
        course_id = by_path.get(lesson.path[:course_path_length])
        if course_id:
            ids.add(course_id)
    return ids


@dataclass
class DashboardEntry:
    enrolment: Enrolment
    course: CoursePage
    outline: CourseOutline
    # The learner's certificate for the course, when one was issued (completed courses).
    certificate: object | None = None
    # Quizzes of the course with an attempt waiting for a trainer to mark a written answer.
    awaiting_marking: list = field(default_factory=list)


# What a calendar event says, by kind (translated when it is shown).
EVENT_SUMMARIES = {
    "module_opens": gettext_lazy("Module opens: %(title)s"),
    "module_due": gettext_lazy("Module due: %(title)s"),
    "quiz_opens": gettext_lazy("Quiz opens: %(title)s"),
    "quiz_closes": gettext_lazy("Quiz closes: %(title)s"),
    "cohort_ends": gettext_lazy("Cohort ends: %(title)s"),
}


@dataclass
class CalendarEvent:
    """Something that opens or closes for the learner: a dated step of one of their courses.

    ``when`` is a date (a module opening, a cohort's last day) or an aware datetime (a quiz
    opening or closing at a set time). ``uid`` stays the same from one feed to the next, so
    calendar programs update an event rather than add it twice.
    """

    kind: str  # "module_opens", "module_due", "quiz_opens", "quiz_closes" or "cohort_ends"
    when: datetime.date | datetime.datetime
    title: str
    course: CoursePage
    page: Page
    uid: str

    @property
    def is_timed(self) -> bool:
        return isinstance(self.when, datetime.datetime)

    @property
    def summary(self) -> str:
        """What happens, in the language being read: "Quiz closes: <quiz title>"."""
        return str(EVENT_SUMMARIES[self.kind]) % {"title": self.title}

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.when).date() if self.is_timed else self.when

    @property
    def sort_key(self):
        moment = timezone.localtime(self.when).time() if self.is_timed else datetime.time.min
        return (self.day, moment, self.title)


@dataclass
class ApplicationEntry:
    """An application still pending, or declined and not followed by a new one."""

    application: object
    course: CoursePage

    @property
    def is_pending(self) -> bool:
        return self.application.status == "pending"


@dataclass
class Dashboard:
    current: list[DashboardEntry]
    completed: list[DashboardEntry]
    upcoming: list[CalendarEvent]
    certificates: list = field(default_factory=list)
    applications: list[ApplicationEntry] = field(default_factory=list)
    # The learner's profile (the name and language their certificates will carry), or None.
    profile: object | None = None

    @property
    def has_enrolments(self) -> bool:
        return bool(self.current or self.completed)


@dataclass
class LearnerCourses:
    """A learner's enrolments (active and completed), each with its outline, in the language
    being read, and every course read in that language by ``translation_key``."""

    entries: list[DashboardEntry]
    localized: dict


def _learner_enrolments_query():
    """Every enrolment of a learner (``PLACEHOLDER``) not withdrawn, latest activity first:
    compiled once per process (``lms.prepared``), as the dashboard and calendar ask it."""
    return (
        Enrolment.objects.filter(learner_id=PLACEHOLDER)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .annotate(
            course_key=F("course__translation_key"),
            last_lesson_key=F("last_lesson__translation_key"),
        )
        .select_related("cohort")
        .order_by("-last_activity_at", "-enrolled_at")
    )


def _localized_courses(keys, extra_keys) -> list:
    """The live courses with these translation keys in the language being read: a query
    compiled once per set of courses and language in each process (``lms.prepared``)."""
    wanted = tuple(sorted({str(key) for key in [*keys, *extra_keys]}))
    language = get_language()
    query = prepared(
        ("courses.localized", wanted, language),
        lambda: CoursePage.objects.live().filter(
            translation_key__in=wanted, locale__language_code=language
        ),
        rebinds=False,
    )
    return query.run()


def _learner_courses(user, today, extra_keys=()) -> LearnerCourses:
    """Every enrolment not withdrawn, with outline and progress: three queries at any size
    once the courses' contents are kept (the enrolments, the courses in the language being
    read, what the learner has done), and two to four more, not per course, for those not.

    ``extra_keys`` are translation keys of more courses to read in the current language (the
    dashboard's applications), fetched by the same query.
    """
    enrolments = prepared(("courses.learner_enrolments",), _learner_enrolments_query).run(user.pk)
    keys = [enrolment.course_key for enrolment in enrolments]
    localized = {course.translation_key: course for course in _localized_courses(keys, extra_keys)}
    # A course not live in the language being read is shown as enrolled in: loaded then only.
    courses = [localized.get(e.course_key) or e.course for e in enrolments]
    # What each course contains comes from the kept outlines, as on the lesson page; what
    # the learner did in all of them is then one query.
    contents = _contents_read_many(courses)
    modules = [module for course in courses for module in contents[course.path].modules]
    lessons = [page for course in courses for page in contents[course.path].lessons]
    steps = completion.CourseSteps(
        steps=tuple(step for course in courses for step in contents[course.path].steps.steps)
    )
    progress = _learner_progress(user, steps)
    by_key = {e.course_key: e for e in enrolments}
    built = _build_modules(courses, modules, lessons, by_key, progress, today)
    entries = [
        DashboardEntry(
            enrolment=enrolment,
            course=course,
            outline=CourseOutline(
                course=course,
                modules=built[course.pk],
                enrolment=enrolment,
                enrolment_refusal=None,
            ),
        )
        for enrolment, course in zip(enrolments, courses, strict=True)
    ]
    return LearnerCourses(entries=entries, localized=localized)


def _calendar_events(entries: list[DashboardEntry]) -> list[CalendarEvent]:
    """The dated steps of the learner's current (not completed) courses, in date order."""
    events = []
    for entry in entries:
        if entry.enrolment.status != Enrolment.Status.ACTIVE:
            continue
        course, cohort = entry.course, entry.enrolment.cohort
        scope = f"cohort-{cohort.pk}" if cohort else f"enrolment-{entry.enrolment.pk}"
        for module in entry.outline.modules:
            for kind, when in (("module_opens", module.opens_on), ("module_due", module.due_on)):
                if when:
                    events.append(
                        CalendarEvent(
                            kind=kind,
                            when=when,
                            title=module.page.title,
                            course=course,
                            page=module.lessons[0].page if module.lessons else course,
                            uid=f"{kind.replace('_', '-')}-{module.page.translation_key}-{scope}",
                        )
                    )
            for item in module.lessons:
                for kind, when in (
                    ("quiz_opens", getattr(item.page, "opens_at", None)),
                    ("quiz_closes", item.closes_at),
                ):
                    if when:
                        events.append(
                            CalendarEvent(
                                kind=kind,
                                when=when,
                                title=item.page.title,
                                course=course,
                                page=item.page,
                                uid=f"{kind.replace('_', '-')}-{item.page.translation_key}"
                                f"-{scope}",
                            )
                        )
        if cohort and cohort.end_date:
            events.append(
                CalendarEvent(
                    kind="cohort_ends",
                    when=cohort.end_date,
                    title=cohort.name,
                    course=course,
                    page=course,
                    uid=f"cohort-ends-{scope}",
                )
            )
    return sorted(events, key=lambda event: event.sort_key)


def _upcoming(events: list[CalendarEvent], today: datetime.date) -> list[CalendarEvent]:
    now = timezone.now()
    return [
        event for event in events if (event.when >= now if event.is_timed else event.when >= today)
    ]


@dataclass
class Calendar:
    """What opens and closes for a learner: upcoming events for the page, all for the feed."""

    events: list[CalendarEvent]
    upcoming: list[CalendarEvent]


def calendar_for(*, user, today=None) -> Calendar:
    """Module openings and due dates, quiz openings and deadlines, and cohort end dates of
    the learner's current courses: three queries at any number of courses once their
    contents are kept (up to four more when not)."""
    today = today or timezone.localdate()
    events = _calendar_events(_learner_courses(user, today).entries)
    return Calendar(events=events, upcoming=_upcoming(events, today))


def dashboard_for(*, user, today=None) -> Dashboard:
    """Every current enrolment with progress and where to continue, completed courses with
    their certificates, upcoming dates, the learner's certificates (valid, expired or
    revoked), and their applications that are pending or were declined.

    Six queries at any number of enrolments and applications once the courses are kept.
    """
    today = today or timezone.localdate()
    applications = learner_records.applications_for(user)
    learning = _learner_courses(user, today, extra_keys=list(applications))
    keys = {entry.enrolment.course_key for entry in learning.entries}
    awaiting = [
        application
        for key, application in applications.items()
        if key not in keys and application.status in ("pending", "declined")
    ]
    # Revoked certificates are listed too, so the holder sees what happened to them; one
    # replaced by a corrected certificate is not, as its replacement stands for it.
    certificates = learner_records.certificates_for(user)
    by_course = {}
    for certificate in certificates:
        if certificate.is_valid or certificate.course_id not in by_course:
            by_course[certificate.course_id] = certificate
    waiting = learner_records.awaiting_marking_for(user)
    current, completed = [], []
    for entry in learning.entries:
        entry.awaiting_marking = [
            item.page for item in entry.outline.lessons if item.page.translation_key in waiting
        ]
        if entry.enrolment.status == Enrolment.Status.COMPLETED:
            entry.certificate = by_course.get(entry.enrolment.course_id)
            completed.append(entry)
        else:
            current.append(entry)
    upcoming = _upcoming(_calendar_events(learning.entries), today)
    return Dashboard(
        current=current,
        completed=completed,
        upcoming=upcoming[:6],
        certificates=certificates,
        applications=[
            ApplicationEntry(
                application=application,
                course=learning.localized.get(
                    application.course.translation_key, application.course
                ),
            )
            for application in awaiting
        ],
        profile=_profile_of(user) if current else None,
    )


def _profile_of(user):
    """The learner's profile, or None: a query compiled once per process (``lms.prepared``)."""
    from lms.models import Profile

    found = prepared(
        ("courses.profile",), lambda: Profile.objects.filter(user_id=PLACEHOLDER)
    ).run(user.pk)
    return found[0] if found else None


def course_file_allowed(*, document, user) -> bool:
    """Whether ``user`` may download ``document``: yes unless it sits in a course's collection,
    and then for staff and for people enrolled in that course (not withdrawn); everyone for a
    live course open to everyone, whose lessons anyone reads."""
    found = (
        CourseCollection.objects.filter(collection_id=document.collection_id)
        .values_list("course_id", "course__is_open", "course__live")
        .first()
    )
    if found is None:
        return True
    course_id, is_open, live = found
    if is_open and live:
        return True
    if not user.is_authenticated:
        return False
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    return (
        Enrolment.objects.filter(learner=user, course_id=course_id)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .exists()
    )
