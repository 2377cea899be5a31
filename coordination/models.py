"""What coordinators do that must be remembered: imports, applications, reminders, audit."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def _private_storage():
    return storages["private"]


class AuditEvent(models.Model):
    """One change made by a coordinator or manager: who, what, when. Never edited or deleted."""

    class Action(models.TextChoices):
        COHORT_CREATE = "cohort_create", _("cohort created")
        COHORT_CHANGE = "cohort_change", _("cohort changed")
        ENROL = "enrol", _("member enrolled")
        REMOVE = "remove", _("member removed")
        IMPORT = "import", _("members imported")
        APPROVE = "approve", _("application approved")
        DECLINE = "decline", _("application declined")
        ISSUE = "issue", _("certificates issued")
        REVOKE = "revoke", _("certificate revoked")
        REMIND = "remind", _("reminders sent")
        ASSIGN = "assign", _("course assigned")
        UNASSIGN = "unassign", _("course assignment removed")
        REPLY_HIDE = "reply_hide", _("discussion reply hidden")
        REPLY_UNHIDE = "reply_unhide", _("discussion reply shown again")
        REPLY_PIN = "reply_pin", _("discussion reply pinned")
        REPLY_UNPIN = "reply_unpin", _("discussion reply unpinned")
        CLASSROOM_EXPORT = "classroom_export", _("classroom bundle exported")
        CLASSROOM_IMPORT = "classroom_import", _("classroom results imported")
        CLASSROOM_REFUSE = "classroom_refuse", _("classroom bundle refused")
        NODE_REGISTER = "node_register", _("classroom node registered")
        NODE_REVOKE = "node_revoke", _("classroom node revoked")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("what"), max_length=500)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class CourseAssignment(models.Model):
    """A programme manager puts a coordinator in charge of a course.

    A coordinator acts only through cohorts they coordinate on courses they are assigned to
    (coordination.scope): without this, anyone with the role could create a cohort on any
    course and reach its applications, certificates and learners.
    """

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="course_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course assignment")
        verbose_name_plural = _("course assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "coordinator"], name="one_assignment_per_course_and_coordinator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.coordinator} – {self.course}"


class MemberImport(models.Model):
    """A CSV of people for a cohort: validated first, imported on the coordinator's word."""

    class State(models.TextChoices):
        VALIDATED = "validated", _("checked, not imported")
        IMPORTED = "imported", _("imported")

    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="member_imports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(_("rows"), default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.VALIDATED)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class EnrolmentApplication(models.Model):
    """A practitioner asks to join a course that needs approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    agency_name = models.CharField(_("agency"), max_length=200)
    agency_type = models.CharField(_("agency type"), max_length=20)
    job_title = models.CharField(_("job title"), max_length=150)
    supervisor_email = models.EmailField(_("supervisor's e-mail"), blank=True)
    motivation = models.TextField(_("why you need this course"), max_length=2000)
    letter = models.FileField(
        _("nomination letter"),
        storage=_private_storage,
        upload_to="nominations/%Y/",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The cohort the applicant joins when approved."),
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "applicant"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_course",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant} – {self.course}"


class ReminderBatch(models.Model):
    """Reminders a coordinator sent to a cohort's at-risk learners, and to whom."""

    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="reminder_batches",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.cohort} {self.created_at:%Y-%m-%d}"
