from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from classroom import admin_views
from lms import roles


@hooks.register("register_admin_urls")
def classroom_urls():
    return [
        path(
            "classroom/",
            include(
                [
                    path(
                        "cohorts/<int:cohort_id>/",
                        admin_views.cohort_classroom,
                        name="classroom_cohort",
                    ),
                    path("results/", admin_views.results_import, name="classroom_results"),
                ]
            ),
        )
    ]


class CohortStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def classroom_results_menu_item():
    return CohortStaffMenuItem(
        _("Classroom results"), reverse("classroom_results"), icon_name="upload", order=335
    )
