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
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=roles.PROGRAMME_MANAGER).exists()
    )


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
