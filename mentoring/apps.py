from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Learners ask a course's mentors; mentors answer and publish a course FAQ."""

    name = "mentoring"
    verbose_name = _("mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mentoring import notifications  # noqa: F401  (registers the notification kind)
