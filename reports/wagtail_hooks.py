"""The programme report in the admin menu, for coordinators and programme managers."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import urls


@hooks.register("register_admin_urls")
def report_urls():
    return [path("reports/", include(urls))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        # Coordinators and programme managers both hold this permission, and checking it
        # costs no query (the permission cache is already loaded), where the role check in the
        # view would add one to every admin page.
        return request.user.has_perm("courses.view_cohort")


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Programme report"),
        reverse("reports_programme"),
        icon_name="table",
        order=330,
    )
