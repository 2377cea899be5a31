from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Course pages, enrolment, cohorts and progress (built in the courses issue)."""

    name = "courses"
    verbose_name = _("courses")
