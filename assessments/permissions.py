"""Who may reach which part of the question bank: scoped by course, the way pages are.

A category belongs to a course (``QuestionCategory.course``) and a question to its category.
A person reaches a category when they hold the model permission (their role: trainer, lead
trainer, programme manager) *and* may edit the course's pages: a trainer through the course's
own group, a lead trainer through the catalog. Programme managers and superusers reach every
category, including those without a course. Wagtail's views, choosers and our GIFT screens
all ask the policies below, so an id typed by hand that belongs to another course answers 404
or 403, never the other course's questions.
"""

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from lms import roles

_CACHE_ATTRIBUTE = "_question_bank_category_ids"


def _unscoped(user) -> bool:
    return user.is_active and roles.is_programme_manager(user)


def category_ids_for(user) -> frozenset[int] | None:
    """The ids of the categories ``user`` may reach (every language), or None for all of them.

    Cached on the user object for the request: listings ask once per row.
    """
    if not user.is_authenticated:
        return frozenset()
    if hasattr(user, _CACHE_ATTRIBUTE):
        return getattr(user, _CACHE_ATTRIBUTE)
    if _unscoped(user):
        ids = None
    else:
        from wagtail.permissions import page_permission_policy

        from assessments.models import QuestionCategory

        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
        ids = frozenset(
            QuestionCategory.objects.filter(course__in=pages.values("pk")).values_list(
                "pk", flat=True
            )
        )
    setattr(user, _CACHE_ATTRIBUTE, ids)
    return ids


def category_ids_forget(user) -> None:
    """Drop the request's cached category ids: after an import made a category, it is new."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def courses_for(user) -> QuerySet:
    """The English course pages whose question bank ``user`` may add categories to."""
    from wagtail.models import Locale
    from wagtail.permissions import page_permission_policy

    from courses.models import CoursePage

    courses = CoursePage.objects.filter(locale=Locale.get_default()).order_by("title")
    if _unscoped(user):
        return courses
    pages = page_permission_policy.instances_user_has_permission_for(user, "change")
    return courses.filter(pk__in=pages.values("pk"))


class CourseScopedPolicy(ModelPermissionPolicy):
    """The role's model permission, limited to the instances of the user's courses.

    ``category_field`` names the field holding the category id: ``pk`` for a category,
    ``category_id`` for a question.
    """

    def __init__(self, model, *, category_field: str):
        super().__init__(model)
        self.category_field = category_field

    def _in_scope(self, user, instance) -> bool:
        ids = category_ids_for(user)
        return ids is None or getattr(instance, self.category_field) in ids

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        ids = category_ids_for(user)
        if ids is None:
            return instances
        lookup = "pk__in" if self.category_field == "pk" else "category_id__in"
        return instances.filter(**{lookup: ids})


def question_bank_policies():
    """The two policies, for registration in ``wagtail_hooks`` before the viewsets."""
    from assessments.models import Question, QuestionCategory

    return {
        QuestionCategory: CourseScopedPolicy(QuestionCategory, category_field="pk"),
        Question: CourseScopedPolicy(Question, category_field="category_id"),
    }


# Who marks written responses ---------------------------------------------------------------
#
# A trainer or lead trainer marks the attempts of the courses whose pages they may edit (the
# rule of the quiz-results screens); a programme manager marks every attempt. Higher apps add
# other people through ``marking_scope_register``: coordination lets a coordinator mark the
# learners of the cohorts they run (coordination.scope), without this app importing it.

MARKING_SCOPES: list = []


def marking_scope_register(scope) -> None:
    """Add a rule ``scope(user) -> Q`` (over ``Attempt``) of attempts ``user`` may mark."""
    if scope not in MARKING_SCOPES:
        MARKING_SCOPES.append(scope)


def may_mark(user) -> bool:
    """Whether ``user`` has the marking queue at all; scope narrows what it holds.

    Trainers, lead trainers and programme managers read the question bank, coordinators
    their cohorts: their role's permissions say so, already loaded for the admin's menu, so
    asking costs no query.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm("assessments.view_question") or user.has_perm("courses.view_cohort")


def markable_attempts(user) -> QuerySet:
    """The attempts ``user`` may read and mark: a lazy queryset, for use as a subquery."""
    from django.db.models import Q
    from wagtail.models import Locale
    from wagtail.permissions import page_permission_policy

    from assessments.models import Attempt
    from courses.models import CoursePage

    if not may_mark(user):
        return Attempt.objects.none()
    if _unscoped(user):
        return Attempt.objects.all()
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    paths = CoursePage.objects.filter(
        pk__in=editable.values("pk"), locale=Locale.get_default()
    ).values_list("path", flat=True)
    allowed = Q(pk__in=[])
    for path in paths:
        allowed |= Q(quiz__path__startswith=path)
    for scope in MARKING_SCOPES:
        allowed |= scope(user)
    return Attempt.objects.filter(allowed)
