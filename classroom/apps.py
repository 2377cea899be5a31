from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    name = "classroom"
    verbose_name = _("Offline classroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reports import delivery

        delivery.classroom_source_register(
            delivery.ClassroomSource(attended=_attended, imported_attempt=_imported_attempt)
        )


def _attended():
    """On an enrolment: its learner was present in an offline classroom of its cohort."""
    from django.db.models import Exists, OuterRef

    from classroom.models import Attendance

    return Exists(
        Attendance.objects.filter(learner=OuterRef("learner"), cohort=OuterRef("cohort"))
    )


def _imported_attempt():
    """On an attempt: it was brought back from a classroom node."""
    from django.db.models import Exists, OuterRef

    from classroom.models import ImportedRecord

    return Exists(ImportedRecord.objects.filter(attempt=OuterRef("pk")))
