"""Written responses: the file a learner attaches, and each marking of an answer by a trainer."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _private_storage():
    return storages["private"]


class ResponseFile(models.Model):
    """The file attached to a written response (at most one), kept out of the public media.

    It lives in the private storage and is read only through the access-checked views
    (the learner's own, and the marking screen's).
    """

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        ODT = "odt", "ODT"
        TXT = "txt", "TXT"

    response = models.OneToOneField(
        "assessments.Response", on_delete=models.CASCADE, related_name="upload"
    )
    file = models.FileField(
        _("file"), storage=_private_storage, upload_to="written-answers/%Y/", max_length=255
    )
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self) -> str:
        return self.name


class Marking(models.Model):
    """One marking of a written response: who, when, the levels chosen, feedback and score.

    Never edited: remarking adds a row, and the latest row counts. ``levels`` is
    ``{"version": 1, "chosen": {<criterion key>: <level index>}}`` and ``feedback``
    ``{"version": 1, "criteria": {<criterion key>: <text>}}`` (criterion keys are the rubric
    blocks' ids, the same in every language). ``score`` is the fraction of the question's
    points, as on ``Response``.
    """

    response = models.ForeignKey(
        "assessments.Response", on_delete=models.CASCADE, related_name="markings"
    )
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)
    levels = models.JSONField(default=dict)
    feedback = models.JSONField(default=dict)
    comment = models.TextField(_("feedback to the learner"), blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=4)

    class Meta:
        verbose_name = _("marking")
        verbose_name_plural = _("markings")
        ordering = ["response_id", "marked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.response} – {self.marked_at:%Y-%m-%d %H:%M}"
