"""The attendance screens, and a link to them from each session's page in the explorer."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from live import admin_views


@hooks.register("register_admin_urls")
def live_urls():
    urls = [
        path("<int:live_session_id>/attendance/", admin_views.attendance, name="live_attendance"),
        path(
            "<int:live_session_id>/attendance/import/",
            admin_views.attendance_import,
            name="live_attendance_import",
        ),
        path("<int:live_session_id>/recording/", admin_views.recording, name="live_recording"),
        path(
            "<int:live_session_id>/attendance/certificates/",
            admin_views.attendance_certificates,
            name="live_attendance_certificates",
        ),
    ]
    return [path("live/", include(urls))]


def _attendance_button(page, priority):
    from live.models import LiveSessionPage

    if page.specific_class is LiveSessionPage:
        yield Button(
            _("Attendance"),
            reverse("live_attendance", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )
        yield Button(
            _("Recording as a lesson"),
            reverse("live_recording", args=[page.pk]),
            icon_name="media",
            priority=priority + 1,
        )


@hooks.register("register_page_listing_more_buttons")
def attendance_listing_button(page, user, next_url=None):
    yield from _attendance_button(page, 55)


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    yield from _attendance_button(page, 55)
