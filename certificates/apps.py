from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates, PDF, verification and signed credentials (built in the certificates issue)."""

    name = "certificates"
    verbose_name = _("certificates")
