"""Reads for discussion cases: a cohort's thread, the moderators' listings, digests.

Each read costs a fixed number of queries whatever the number of replies (replies are paged).
"""

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from wagtail.models import Locale

from courses.models import Cohort, CoursePage, Enrolment
from courses.scope import cohorts_for
from discussions.models import DiscussionPage, Reply
from lms import roles

REPLIES_PER_PAGE = 20


def moderated_cohorts_for(user) -> QuerySet[Cohort]:
    """The cohorts whose threads ``user`` may read and moderate.

    Programme managers: all. Coordinators: the cohorts ``courses.scope.cohorts_for`` gives
    them (the rule coordination registers).
    Trainers: every cohort of a course they are a trainer of.
    """
    if not user.is_authenticated:
        return Cohort.objects.none()
    if roles.is_programme_manager(user):
        return Cohort.objects.all()
    trained = CoursePage.objects.filter(trainers=user).values("pk")
    return Cohort.objects.filter(
        Q(pk__in=cohorts_for(user).values("pk")) | Q(course_id__in=trained)
    )


def moderated_replies_for(user) -> QuerySet[Reply]:
    """Replies ``user`` may moderate: those posted in the cohorts they moderate."""
    return Reply.objects.filter(cohort__in=moderated_cohorts_for(user))


def _visible_to(replies: QuerySet[Reply], viewer) -> QuerySet[Reply]:
    """Visible replies, and the viewer's own hidden ones (they see why they were hidden)."""
    return replies.filter(Q(hidden_at__isnull=True) | Q(author=viewer))


def _ordered(replies: QuerySet[Reply]) -> QuerySet[Reply]:
    """Pinned replies first (earliest pinned first), then the rest oldest first."""
    return replies.order_by(
        F("pinned_at").asc(nulls_last=True), "created_at", "pk"
    ).select_related("author__profile")


def _page_of(replies: QuerySet[Reply], page_number) -> PaginatorPage:
    """One page of replies: a count and a slice, two queries at any size."""
    return Paginator(replies, REPLIES_PER_PAGE).get_page(page_number)


@dataclass
class ThreadView:
    """What the discussion page shows the viewer about their cohort's thread."""

    # "member": reads and posts; "not_member": enrolled without a cohort (or not enrolled).
    access: str
    cohort: Cohort | None = None
    replies: PaginatorPage | None = None
    own_reply_count: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def is_member(self) -> bool:
        return self.access == "member"


def thread_for(*, discussion: DiscussionPage, enrolment: Enrolment | None, user, page_number=None):
    """The viewer's cohort thread of ``discussion`` (any language), from their enrolment.

    ``enrolment`` is the one the course outline already read (with its cohort), so this
    costs three queries: the English page's id, the count and the page of replies.
    """
    if enrolment is None or enrolment.cohort_id is None or not user.is_authenticated:
        return ThreadView(access="not_member")
    source_id = _source_id(discussion)
    replies = _visible_to(
        Reply.objects.filter(discussion_id=source_id, cohort_id=enrolment.cohort_id), user
    )
    page = _page_of(_ordered(replies), page_number)
    own = sum(1 for reply in page.object_list if reply.author_id == user.pk)
    return ThreadView(access="member", cohort=enrolment.cohort, replies=page, own_reply_count=own)


def _source_id(discussion: DiscussionPage) -> int:
    default = Locale.get_default()
    if discussion.locale_id == default.pk:
        return discussion.pk
    return (
        DiscussionPage.objects.filter(translation_key=discussion.translation_key, locale=default)
        .values_list("pk", flat=True)
        .get()
    )


@dataclass
class ThreadSummary:
    """One cohort's thread of one case, for the moderators' listing."""

    discussion: DiscussionPage
    cohort: Cohort
    replies: int
    hidden: int
    pinned: int


def threads_for(*, user) -> list[ThreadSummary]:
    """Every thread with replies in the cohorts ``user`` moderates: two queries."""
    rows = list(
        moderated_replies_for(user)
        .values("discussion_id", "cohort_id")
        .annotate(
            replies=Count("pk"),
            hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
            pinned=Count("pk", filter=Q(pinned_at__isnull=False)),
        )
        .order_by("discussion_id", "cohort_id")
    )
    discussions = DiscussionPage.objects.in_bulk({row["discussion_id"] for row in rows})
    cohorts = Cohort.objects.select_related("course").in_bulk({row["cohort_id"] for row in rows})
    return [
        ThreadSummary(
            discussion=discussions[row["discussion_id"]],
            cohort=cohorts[row["cohort_id"]],
            replies=row["replies"],
            hidden=row["hidden"],
            pinned=row["pinned"],
        )
        for row in rows
    ]


@dataclass
class ModerationThread:
    discussion: DiscussionPage
    cohort: Cohort
    replies: PaginatorPage


def moderation_thread_for(*, discussion: DiscussionPage, cohort: Cohort, page_number=None):
    """Every reply of one cohort's thread, hidden ones included, for its moderators."""
    replies = Reply.objects.filter(discussion=discussion, cohort=cohort).select_related(
        "hidden_by__profile"
    )
    return ModerationThread(
        discussion=discussion,
        cohort=cohort,
        replies=_page_of(_ordered(replies), page_number),
    )


def moderated_discussion_for(*, cohort: Cohort, discussion_id: int) -> DiscussionPage | None:
    """The default-language case ``discussion_id`` when it belongs to the cohort's course."""
    return DiscussionPage.objects.filter(
        pk=discussion_id, locale=Locale.get_default(), path__startswith=cohort.course.path
    ).first()
