from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordinators' workspace: cohorts, member imports, applications, reminders, audit."""

    name = "coordination"
    verbose_name = _("coordination")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.permissions import marking_scope_register
        from coordination import notifications  # noqa: F401
        from coordination.scope import cohort_marking_scope

        marking_scope_register(cohort_marking_scope)
