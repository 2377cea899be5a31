"""Offline classroom records.

Central platform: ``NodeKey`` (a classroom node's public key, accepted for results bundles) and
``ImportedRecord`` (which central row a node's attempt or completion became). Both sides:
``ImportedBundle`` (every bundle read here, so none is imported twice).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportedBundle(models.Model):
    """A bundle imported here. Its id is never accepted again (replay)."""

    class Kind(models.TextChoices):
        CLASSROOM = "classroom", _("classroom")
        RESULTS = "results", _("results")

    bundle_id = models.UUIDField(_("bundle id"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    signer = models.CharField(_("signing key"), max_length=80)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    report = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("imported bundle")
        verbose_name_plural = _("imported bundles")

    def __str__(self):
        return f"{self.kind} {self.bundle_id}"


class NodeKey(models.Model):
    """A classroom node's key, registered centrally from the fingerprint the node printed.

    The coordinator types the fingerprint; the public key is filled in from the first results
    bundle whose signer has that fingerprint.
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=40, unique=True)
    public_key = models.CharField(_("public key"), max_length=80, blank=True)
    cohort = models.ForeignKey(
        "courses.Cohort",
        on_delete=models.CASCADE,
        related_name="classroom_nodes",
        verbose_name=_("cohort"),
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("classroom node key")
        verbose_name_plural = _("classroom node keys")

    def __str__(self):
        return self.fingerprint


class ImportedRecord(models.Model):
    """A node's record (attempt or completion) merged here: its stable id and what it became."""

    source_id = models.CharField(max_length=160, unique=True)
    attempt = models.ForeignKey(
        "assessments.Attempt", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    bundle = models.ForeignKey(ImportedBundle, on_delete=models.CASCADE, related_name="records")

    def __str__(self):
        return self.source_id


class LocalNode(models.Model):
    """On a classroom node: what it was opened from, and its own signing key (one row)."""

    classroom_bundle_id = models.UUIDField(unique=True)
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.PROTECT, related_name="+")
    platform_id = models.CharField(max_length=120)
    platform_base_url = models.CharField(max_length=300)
    expires_at = models.DateTimeField()
    # The node's Ed25519 seed (multibase). The node's database also holds the answer keys: it is
    # as trusted as the trainer who carries the laptop (docs/operations.md).
    private_key = models.CharField(max_length=80)
    public_key = models.CharField(max_length=80)
    opened_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.classroom_bundle_id)


class ClassroomCode(models.Model):
    """On a node: a learner's classroom code, kept as a salted SHA-256 (codes are random)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classroom_code"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    first_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.user_id)


class Attendance(models.Model):
    """A learner present on a day: recorded on the node at code sign-in, merged centrally."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classroom_attendance"
    )
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "cohort", "day"], name="classroom_attendance_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.learner_id} {self.day}"
