from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    # Permissions declared in models' Meta exist only after post_migrate has created them,
    # so the role groups are given their permissions here, after every migrate.
    from lms.services import roles_sync

    roles_sync()


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Cybercrime Academy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms import signals  # noqa: F401

        post_migrate.connect(_sync_roles, sender=self)
