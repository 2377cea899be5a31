from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """Live sessions (webinars on an external video service): registration, waitlist,
    reminders, attendance."""

    name = "live"
    verbose_name = _("live sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.completion import register_provider
        from live.completion import AttendedSessions

        register_provider(AttendedSessions())
