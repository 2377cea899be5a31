"""Admin wiring for the courses app: the out-of-date translations report."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses.translation_report import OutdatedTranslationsMenuItem, OutdatedTranslationsView


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [
        path(
            "reports/outdated-translations/",
            OutdatedTranslationsView.as_view(),
            name="outdated_translations",
        ),
        path(
            "reports/outdated-translations/results/",
            OutdatedTranslationsView.as_view(results_only=True),
            name="outdated_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Out-of-date translations"),
        reverse("outdated_translations"),
        name="outdated-translations",
        icon_name="warning",
        order=8900,
    )


@hooks.register("before_serve_document")
def serve_course_files_to_its_people(document, request):
    """A file in a course's collection (evidence, handouts) is for that course's learners
    and for staff; anything else Wagtail serves as usual.

    Evidence files are fictional, but they belong to a lesson that only enrolled learners
    read, and some courses (the OCSEA diploma) are vetted: their material is not for whoever
    guesses a document URL. A visitor is asked to sign in; anyone else gets 403.
    """
    from courses.selectors import course_file_allowed

    if course_file_allowed(document=document, user=request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
