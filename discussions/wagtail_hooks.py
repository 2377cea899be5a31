"""The moderators' discussion screens in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from discussions import admin_views


@hooks.register("register_admin_urls")
def discussion_urls():
    views = admin_views
    urls = [
        path("", views.threads, name="discussions_threads"),
        path(
            "<int:discussion_id>/cohorts/<int:cohort_id>/",
            views.thread,
            name="discussions_thread",
        ),
        path("replies/<int:reply_id>/moderate/", views.moderate, name="discussions_moderate"),
    ]
    return [path("discussions/", include(urls))]


class ModeratorMenuItem(MenuItem):
    """Shown to every staff member, whose listing holds the threads of their own scope.

    Asking whether that scope is empty would cost a query on every admin page.
    """

    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def discussions_menu_item():
    return ModeratorMenuItem(
        _("Discussions"), reverse("discussions_threads"), icon_name="comment", order=318
    )
