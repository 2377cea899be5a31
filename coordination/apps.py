from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordinators' workspace: cohorts, member imports, applications, reminders, audit."""

    name = "coordination"
    verbose_name = _("coordination")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from coordination import notifications  # noqa: F401
