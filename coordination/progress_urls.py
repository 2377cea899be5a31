"""Admin URLs of the cohort progress table and reminders (included by wagtail_hooks)."""

from django.urls import path

from coordination import progress_views

urlpatterns: list = [
    path(
        "cohorts/<int:cohort_id>/progress/",
        progress_views.cohort_progress,
        name="coordination_progress",
    ),
    path(
        "cohorts/<int:cohort_id>/progress/export/<str:fmt>/",
        progress_views.cohort_progress_export,
        name="coordination_progress_export",
    ),
    path(
        "cohorts/<int:cohort_id>/progress/remind/",
        progress_views.cohort_remind,
        name="coordination_remind",
    ),
]
