"""Certificate screens in the admin menu, and no deleting a course that has certificates."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates import admin_runs, admin_views
from certificates.models import Certificate, CertificateTemplate
from lms.wagtail_hooks import NoCreateChooserViewSet


@hooks.register("register_admin_urls")
def certificate_urls():
    return [
        path("certificates/", admin_views.course_list, name="certificates_courses"),
        path(
            "certificates/course/<int:course_id>/",
            admin_views.course_detail,
            name="certificates_course",
        ),
        path(
            "certificates/run/<int:run_id>/", admin_views.issue_run, name="certificates_issue_run"
        ),
        path(
            "certificates/run/<int:run_id>/resume/",
            admin_runs.issue_run_resume,
            name="certificates_issue_run_resume",
        ),
        path(
            "certificates/course/<int:course_id>/in-person/",
            admin_views.in_person_award,
            name="certificates_in_person",
        ),
        path("certificates/<str:code>/revoke/", admin_views.revoke, name="certificates_revoke"),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certificates.add_certificate")


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Certificates"),
        reverse("certificates_courses"),
        icon_name="doc-full",
        order=320,
    )


@hooks.register("before_delete_page")
def refuse_deleting_certified_courses(request, page):
    """Certificates are never deleted, so neither is a course (or its tree) that has some."""
    certified = Certificate.objects.filter(course__path__startswith=page.path).exists()
    if certified:
        messages.error(
            request,
            _("This page cannot be deleted: certificates have been issued for its course."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    chooser_viewset_class = NoCreateChooserViewSet
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certificate templates")
    list_display = ["name", "programme_name"]


register_snippet(CertificateTemplateViewSet)
