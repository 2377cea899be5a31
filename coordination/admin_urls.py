"""The coordinators' admin URLs, under /admin/coordination/ (included by wagtail_hooks)."""

from django.urls import path

from coordination import admin_views as views

urlpatterns = [
    path("cohorts/<int:cohort_id>/members/", views.members, name="coordination_members"),
    path("cohorts/<int:cohort_id>/members/add/", views.member_add, name="coordination_member_add"),
    path(
        "cohorts/<int:cohort_id>/members/remove/",
        views.member_remove,
        name="coordination_member_remove",
    ),
    path("cohorts/<int:cohort_id>/import/", views.member_import, name="coordination_import"),
    path(
        "cohorts/<int:cohort_id>/import/<int:import_id>/",
        views.import_report,
        name="coordination_import_report",
    ),
    path("applications/", views.applications, name="coordination_applications"),
    path(
        "applications/<int:application_id>/",
        views.application_detail,
        name="coordination_application",
    ),
    path(
        "applications/<int:application_id>/letter/",
        views.application_letter,
        name="coordination_application_letter",
    ),
    path("audit/", views.audit_log, name="coordination_audit"),
    path("assignments/", views.course_assignments, name="coordination_assignments"),
    path(
        "assignments/<int:assignment_id>/remove/",
        views.course_assignment_remove,
        name="coordination_assignment_remove",
    ),
    path(
        "cohorts/<int:cohort_id>/progress/",
        views.cohort_progress,
        name="coordination_progress",
    ),
    path(
        "cohorts/<int:cohort_id>/progress/export/<str:fmt>/",
        views.cohort_progress_export,
        name="coordination_progress_export",
    ),
    path(
        "cohorts/<int:cohort_id>/progress/remind/",
        views.cohort_remind,
        name="coordination_remind",
    ),
]
