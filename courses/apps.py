from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Course pages, enrolment, cohorts and progress."""

    name = "courses"
    verbose_name = _("courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import selectors, signals  # noqa: F401
        from lms.home import home_catalog_register

        # The home page (lms, below courses) lists the catalog through this hook.
        home_catalog_register(selectors.home_catalog_for)
