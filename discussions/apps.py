from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    """Discussion cases in cohort-paced modules: replies, moderation, digests."""

    name = "discussions"
    verbose_name = _("discussions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.completion import register_provider
        from discussions.completion import RequiredDiscussions

        register_provider(RequiredDiscussions())
