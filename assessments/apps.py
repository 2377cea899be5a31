from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Question bank, quizzes and server-side grading."""

    name = "assessments"
    verbose_name = _("assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments import notifications  # noqa: F401
        from assessments.completion import RequiredQuizzes
        from courses.completion import register_provider

        register_provider(RequiredQuizzes())

        from assessments.selectors import awaiting_marking_keys_for
        from courses.learner_records import awaiting_marking_register

        awaiting_marking_register(awaiting_marking_keys_for)
