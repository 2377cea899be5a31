from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The programme report: who was trained, where, and what they learnt, for funders."""

    name = "reports"
    verbose_name = _("programme reports")
    default_auto_field = "django.db.models.BigAutoField"
