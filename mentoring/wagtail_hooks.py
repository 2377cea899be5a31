"""The mentors' screens in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from mentoring import admin_views


@hooks.register("register_admin_urls")
def mentoring_urls():
    views = admin_views
    urls = [
        path("", views.inbox, name="mentoring_inbox"),
        path("report/", views.report, name="mentoring_report"),
        path("<int:mentor_question_id>/", views.question, name="mentoring_question"),
        path("<int:mentor_question_id>/answer/", views.answer, name="mentoring_answer"),
        path("<int:mentor_question_id>/publish/", views.publish, name="mentoring_publish"),
    ]
    return [path("mentoring/", include(urls))]


class MentorMenuItem(MenuItem):
    """Shown to every staff member; the listing holds only their own courses' questions."""

    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def mentoring_menu_item():
    return MentorMenuItem(_("Mentoring"), reverse("mentoring_inbox"), icon_name="help", order=319)
