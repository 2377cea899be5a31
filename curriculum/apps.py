from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    """The demo curriculum kept as data files in content/: loading, translation files, checks."""

    name = "curriculum"
    verbose_name = _("curriculum content")
    default_auto_field = "django.db.models.BigAutoField"
