"""Object checks that some admin screens of Wagtail and wagtail-localize do not make.

wagtail-localize lets anyone holding the global ``submit_translation`` permission submit,
update and edit the translation of *any* page or snippet; Wagtail's "confirm move" and
"confirm workflow cancellation" dialogs show a page without asking whether the person may
act on it. Courses are scoped by who may edit them, so these screens ask the same question
first: may this person edit (or move) this object? The access matrix in
tests/security/test_access_matrix.py requests each of them as someone who may not.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.views.defaults import permission_denied
from wagtail.models import Page


def may_edit(user, instance) -> bool:
    """Whether ``user`` may change ``instance``: a page by its page permissions, a snippet by
    its viewset's permission policy (the question bank's is scoped by course)."""
    if user.is_superuser:
        return True
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    viewset = getattr(type(instance), "snippet_viewset", None)
    if viewset is None:
        return False
    return viewset.permission_policy.user_has_permission_for_instance(user, "change", instance)


def _page(match):
    return Page.objects.filter(pk=match["id"]).first()


def _source_instance(source):
    try:
        return source.get_source_instance()
    except ObjectDoesNotExist:  # a source whose object is gone is nobody's to edit
        return None


def _translation_source(match):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=match["id"]).first()
    return _source_instance(source) if source else None


def _translation(match):
    from wagtail_localize.models import Translation

    translation = Translation.objects.select_related("source").filter(pk=match["id"]).first()
    return _source_instance(translation.source) if translation else None


def _snippet(match):
    from django.apps import apps

    try:
        model = apps.get_model(match["app"], match["model"])
    except LookupError:
        return None
    return model._default_manager.filter(pk=match["id"]).first()


# (path pattern, how to find the object, the page permission asked instead of "edit")
GUARDED = [
    (re.compile(r"^/admin/localize/submit/page/(?P<id>\d+)/"), _page, None),
    (re.compile(r"^/admin/localize/update/(?P<id>\d+)/"), _translation_source, None),
    (re.compile(r"^/admin/localize/translate/(?P<id>\d+)/"), _translation, None),
    (
        re.compile(r"^/admin/localize/submit/snippet/(?P<app>\w+)/(?P<model>\w+)/(?P<id>\d+)/"),
        _snippet,
        None,
    ),
    (re.compile(r"^/admin/pages/(?P<id>\d+)/move/\d+/confirm/"), _page, "can_move"),
    (re.compile(r"^/admin/pages/workflow/confirm_cancellation/(?P<id>\d+)/"), _page, None),
]


def guarded_object_refused(request) -> bool:
    """True when the path names an object (above) that the signed-in person may not edit."""
    if not request.path_info.startswith("/admin/"):
        return False  # every guarded screen is in the admin; the public site pays nothing
    for pattern, find, page_permission in GUARDED:
        match = pattern.match(request.path_info)
        if match is None:
            continue
        instance = find(match)
        if instance is None:
            return False  # the view itself answers 404
        if page_permission:
            specific = instance.permissions_for_user(request.user)
            return not (request.user.is_superuser or getattr(specific, page_permission)())
        return not may_edit(request.user, instance)
    return False


class AdminObjectGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and guarded_object_refused(request):
            return permission_denied(request, PermissionDenied())
        return self.get_response(request)
