"""Admin URLs of the programme report (included by wagtail_hooks under /admin/reports/)."""

from django.urls import path

from reports import views

urlpatterns = [
    path("programme/", views.programme_report, name="reports_programme"),
    path(
        "programme/export.<str:file_format>",
        views.programme_report_export,
        name="reports_programme_export",
    ),
]
