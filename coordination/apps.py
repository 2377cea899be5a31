from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordinators' workspace: cohorts, member imports, applications, reminders, audit."""

    name = "coordination"
    verbose_name = _("coordination")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.permissions import marking_scope_register
        from coordination import notifications, receivers  # noqa: F401
        from coordination.scope import cohort_marking_scope, cohorts_for
        from courses.scope import cohort_scope_register

        marking_scope_register(cohort_marking_scope)
        # The lower apps' cohort rule (certificates, discussions) is this app's.
        cohort_scope_register(cohorts_for)
        # Certificates and discussions announce changes; the audit log records them.
        receivers.connect()

        from coordination.selectors import latest_applications_for
        from courses.learner_records import applications_register

        # The dashboard and the course page (courses, below) list the learner's applications.
        applications_register(latest_applications_for)
