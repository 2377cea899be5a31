from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: eligibility, issuing, revocation and public verification."""

    name = "certificates"
    verbose_name = _("certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from certificates import kept, notifications, signals  # noqa: F401

        kept.connect()

        from certificates.selectors import learner_certificates_for
        from courses.learner_records import certificates_register

        # The learner's dashboard (courses, below) lists their certificates.
        certificates_register(learner_certificates_for)
