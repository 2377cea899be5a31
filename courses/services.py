"""Writes for enrolment, progress and cohorts. Views, commands and tasks call these.

Each function runs in one transaction and leaves ``Enrolment.progress_percent`` exact.
Pages passed in may be in any language: they are mapped to the default-language page first.
"""

import datetime
import json
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import rules
from courses.completion import course_progress_for
from courses.events import course_completed
from courses.models import CourseCollection, CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.translation import source_page


class EnrolmentRefused(ValidationError):
    """A learner may not enrol in this course (the message says why, translated)."""


@transaction.atomic
def enrolment_create(
    *, learner, course: CoursePage, cohort=None, approved: bool = False
) -> Enrolment:
    """Enrol ``learner``; enrolling again while enrolled returns the current enrolment.

    Self-enrolment (no cohort) needs an open course and a verified e-mail address; a cohort
    enrolment is made by a coordinator and works for by-invitation courses too, and so does
    ``approved=True``, for an application a coordinator approved.
    """
    course = source_page(course)
    current = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if current is not None:
        return current
    if cohort is None and not approved:
        refusal = rules.self_enrolment_refusal(learner=learner, course=course)
        if refusal:
            raise EnrolmentRefused(refusal)
    elif cohort is not None and cohort.course_id != course.pk:
        raise EnrolmentRefused(_("This cohort belongs to another course."))
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(learner=learner, course=course, cohort=cohort)
    except IntegrityError:
        # A concurrent request enrolled the same person first: theirs stands.
        return Enrolment.objects.get(
            learner=learner, course=course, status__in=["active", "completed"]
        )
    _progress_refresh(enrolment)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, learner, course: CoursePage) -> Enrolment | None:
    """Withdraw from a course. The enrolment and the lessons completed are kept."""
    course = source_page(course)
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course=course, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        return None
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    return enrolment


@transaction.atomic
def lesson_complete(*, learner, lesson: LessonPage) -> Enrolment:
    """Mark a lesson complete; doing it twice changes nothing. Returns the enrolment."""
    lesson = source_page(lesson)
    course = lesson.get_parent().get_parent().specific
    enrolment = _current_enrolment(learner, course)
    if enrolment is None:
        raise PermissionDenied(_("Enrol in the course to record your progress."))
    refusal = rules.lesson_lock_reason(lesson=lesson, enrolment=enrolment)
    if refusal:
        raise PermissionDenied(refusal.message)
    LessonCompletion.objects.get_or_create(learner=learner, lesson=lesson)
    enrolment.last_lesson = lesson
    enrolment.last_activity_at = timezone.now()
    enrolment.save(update_fields=["last_lesson", "last_activity_at"])
    course_completion_update(enrolment=enrolment)
    return enrolment


class OpenProgressRefused(ValidationError):
    """Progress kept in a browser that cannot be merged (the message says why, translated)."""


# What a browser may send at once: far more lessons than any open course has, far fewer than
# would make the merge slow. The text is refused before it is parsed beyond that size.
OPEN_PROGRESS_MAX_LESSONS = 500
OPEN_PROGRESS_MAX_CHARS = OPEN_PROGRESS_MAX_LESSONS * 40


def open_progress_parse(text: str) -> list[str]:
    """The lessons (translation keys) in the JSON list a browser sent, or a refusal.

    The browser keeps, for courses open to everyone, the ``translation_key`` of each lesson
    its visitor marked as done (``courses/static/courses/open_progress.js``).
    """
    if len(text) > OPEN_PROGRESS_MAX_CHARS:
        raise OpenProgressRefused(_("Too many lessons were sent at once."))
    try:
        keys = json.loads(text)
    except ValueError:
        keys = None
    if not isinstance(keys, list):
        raise OpenProgressRefused(_("The progress kept in this browser could not be read."))
    if len(keys) > OPEN_PROGRESS_MAX_LESSONS:
        raise OpenProgressRefused(_("Too many lessons were sent at once."))
    parsed = []
    for key in keys:
        try:
            parsed.append(str(uuid.UUID(key)) if isinstance(key, str) else None)
        except ValueError:
            parsed.append(None)
        if parsed[-1] is None:
            raise OpenProgressRefused(_("The progress kept in this browser could not be read."))
    return list(dict.fromkeys(parsed))


@dataclass(frozen=True)
class OpenProgressMerge:
    """What a merge added: lessons newly marked complete, and the enrolments concerned."""

    lessons_added: int
    enrolments: list


@transaction.atomic
def open_progress_merge(*, learner, lesson_keys: list[str]) -> OpenProgressMerge:
    """Add to ``learner``'s record the lessons they marked as done in their browser while
    reading courses open to everyone without an account.

    ``lesson_keys`` are the lessons' ``translation_key`` (the same in every language). Each
    must be a live lesson of a live open course, or nothing is merged. The learner is
    enrolled in each of those courses (no approval, no cohort) and the lessons are marked
    complete; what they had already done stays, so merging twice adds nothing. A module's
    prerequisite does not hold the merge back: anyone may read every lesson of an open
    course, and these lessons were read.
    """
    from wagtail.models import Locale, Page

    keys = list(dict.fromkeys(lesson_keys))
    if len(keys) > OPEN_PROGRESS_MAX_LESSONS:
        raise OpenProgressRefused(_("Too many lessons were sent at once."))
    if not keys:
        return OpenProgressMerge(lessons_added=0, enrolments=[])
    lessons = list(
        LessonPage.objects.live()
        .filter(translation_key__in=keys, locale=Locale.get_default())
        .only("id", "path", "translation_key")
    )
    if len(lessons) != len(keys):
        raise OpenProgressRefused(
            _("Some of the lessons kept in this browser no longer exist: nothing was added.")
        )
    course_paths = {lesson.path[: -2 * Page.steplen] for lesson in lessons}
    courses = {
        course.path: course
        for course in CoursePage.objects.live().filter(path__in=course_paths, is_open=True)
    }
    if set(courses) != course_paths:
        raise OpenProgressRefused(
            _("Only lessons of courses open to everyone can be added: nothing was added.")
        )
    enrolments = {
        path: enrolment_create(learner=learner, course=course) for path, course in courses.items()
    }
    done = set(
        LessonCompletion.objects.filter(learner=learner, lesson__in=lessons).values_list(
            "lesson_id", flat=True
        )
    )
    added = [lesson for lesson in lessons if lesson.pk not in done]
    LessonCompletion.objects.bulk_create(
        [LessonCompletion(learner=learner, lesson=lesson) for lesson in added],
        ignore_conflicts=True,
    )
    now = timezone.now()
    for enrolment in enrolments.values():
        enrolment.last_activity_at = now
        enrolment.save(update_fields=["last_activity_at"])
        _progress_refresh(enrolment)
    return OpenProgressMerge(lessons_added=len(added), enrolments=list(enrolments.values()))


# The last lesson opened and the time of the visit are written at most this often per learner
# and lesson: a learner reloading or coming back to the same lesson costs no write.
VISIT_WRITE_INTERVAL = datetime.timedelta(minutes=5)


def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Remember the last lesson opened (the resume link) and when (the last activity).

    Called on every lesson view. It writes (one UPDATE, atomic by itself) when the learner
    opens another lesson than the one remembered, and for the same lesson only once
    ``VISIT_WRITE_INTERVAL`` has passed since the last activity written; otherwise nothing.
    Returns whether it wrote.
    """
    now = timezone.now()
    recent = (
        enrolment.last_activity_at is not None
        and now - enrolment.last_activity_at < VISIT_WRITE_INTERVAL
    )
    if recent and _is_last_lesson(enrolment, lesson):
        return False
    source = source_page(lesson)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson_id=source.pk, last_activity_at=now
    )
    enrolment.last_lesson = source
    enrolment.last_activity_at = now
    return True


def _is_last_lesson(enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Whether ``lesson`` (in any language) is the one remembered; no query in English."""
    if enrolment.last_lesson_id is None:
        return False
    if enrolment.last_lesson_id == lesson.pk:
        return True
    return enrolment.last_lesson.translation_key == lesson.translation_key


@transaction.atomic
def course_completion_update(*, enrolment: Enrolment) -> Enrolment:
    """Recompute progress and completion; other apps call this when their items change."""
    _progress_refresh(enrolment)
    return enrolment


def _progress_refresh(enrolment: Enrolment) -> None:
    completion = course_progress_for(course=enrolment.course, learner=enrolment.learner)
    fields = ["progress_percent"]
    enrolment.progress_percent = completion.percent
    newly_completed = completion.is_complete and enrolment.status == Enrolment.Status.ACTIVE
    if newly_completed:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = timezone.now()
        fields += ["status", "completed_at"]
    enrolment.save(update_fields=fields)
    if newly_completed:
        course_completed.send(sender=Enrolment, enrolment=enrolment)


def _current_enrolment(learner, course) -> Enrolment | None:
    return (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )


TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page"]
LEAD_TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
REVIEW_WORKFLOW_NAME = "Course review"


def _page_permissions(codenames):
    from django.contrib.auth.models import Permission

    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


@transaction.atomic
def course_trainers_sync(*, course: CoursePage) -> None:
    """Let exactly the course's assigned trainers add and edit pages in it, in every language,
    and add, change and choose images and documents in the course's collection.

    Each course has its own group ("Course trainers #<id>") holding add and change
    permissions on the course page and its translations; Wagtail applies them to the
    whole subtree. Publishing stays with lead trainers, through the review workflow.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from lms import roles

    course = source_page(course)
    group, _created = Group.objects.get_or_create(name=f"Course trainers #{course.pk}")
    trainers = list(course.trainers.all())
    group.user_set.set(trainers)
    trainer_group = Group.objects.get(name=roles.TRAINER)
    for trainer in trainers:
        trainer.groups.add(trainer_group)
    pages = list(course.get_translations(inclusive=True))
    GroupPagePermission.objects.filter(group=group).exclude(page__in=pages).delete()
    for page in pages:
        for permission in _page_permissions(TRAINER_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    link = CourseCollection.objects.filter(course=course).select_related("collection").first()
    collection = link.collection if link else _collection_for_slug(course.slug)
    _course_collection_grant(course=course, collection=collection)


# Images and documents are scoped by collection: a course's trainers and the lead trainers
# work in the course's collection only (Wagtail ignores model-wide image and document rights).
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _collection_for_slug(slug: str):
    """The top-level collection named ``slug``, made when missing (the loader names its so)."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    return root.get_children().filter(name=slug).first() or root.add_child(name=slug)


@transaction.atomic
def course_collection_link(*, course: CoursePage, collection) -> None:
    """Make ``collection`` the course's images and documents collection, for its trainers."""
    _course_collection_grant(course=source_page(course), collection=collection)


def _course_collection_grant(*, course: CoursePage, collection) -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q
    from wagtail.models import GroupCollectionPermission

    from lms import roles

    CourseCollection.objects.update_or_create(course=course, defaults={"collection": collection})
    wanted = Q()
    for app_label, codename in COLLECTION_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(wanted))
    trainers, _created = Group.objects.get_or_create(name=f"Course trainers #{course.pk}")
    GroupCollectionPermission.objects.filter(group=trainers).exclude(
        collection=collection
    ).delete()
    for group in (trainers, Group.objects.get(name=roles.LEAD_TRAINER)):
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


@transaction.atomic
def catalog_review_setup(*, index) -> None:
    """Lead trainers review and publish everything in the catalog, in every language.

    Gives the Lead trainer group add, change, publish and lock on the catalog pages, and
    assigns a "Course review" workflow (one approval task for lead trainers) to them, so a
    trainer's changes go draft -> review -> published.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from lms import roles

    lead_group = Group.objects.get(name=roles.LEAD_TRAINER)
    pages = list(index.get_translations(inclusive=True))
    for page in pages:
        for permission in _page_permissions(LEAD_TRAINER_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=lead_group, page=page, permission=permission
            )
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Lead trainer approval")
        task.groups.set([lead_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
