from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Course pages, enrolment, cohorts and progress."""

    name = "courses"
    verbose_name = _("courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import signals  # noqa: F401
