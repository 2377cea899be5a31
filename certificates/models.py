"""Certificates: what was awarded, to whom, and whether it still stands.

A certificate is never deleted. Revoking keeps the record with its reason; re-issuing revokes
the old record and links it to the new one. The printed name, course title and hours are
copied at issue time, so a certificate says years later what it said on the day.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import PreviewableMixin

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed from paper
# is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_certificate_code() -> str:
    """A public, unguessable code such as ``7K2M-9QXD-4HT8-BW3R`` (80 random bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


_random = secrets.SystemRandom()
STATUS_INDEX_DRAWS = 32


def new_status_index() -> int:
    """A random position in the revocation list that no certificate holds yet. Two queries.

    The list is kept at most half full (``status_list.capacity_for``), so the chance that all
    32 candidates drawn at once are taken is below one in four billion; the loop covers it.
    Positions still named by credentials signed before positions were random are avoided
    too. The unique constraint is the last word if two issues draw the same one at once.
    """
    from certificates import status_list

    counts = Certificate.objects.aggregate(
        issued=models.Count("pk"), legacy=models.Count("legacy_status_index")
    )
    capacity = status_list.capacity_for(counts["issued"] + counts["legacy"])
    while True:
        candidates = {_random.randrange(capacity) for _ in range(STATUS_INDEX_DRAWS)}
        taken = Certificate.objects.filter(
            Q(status_index__in=candidates) | Q(legacy_status_index__in=candidates)
        ).values_list("status_index", "legacy_status_index")
        free = candidates - {index for pair in taken for index in pair}
        if free:
            return _random.choice(sorted(free))


class Certificate(models.Model):
    class RevocationReason(models.TextChoices):
        REISSUED = "reissued", _("replaced by a new certificate")
        ISSUED_IN_ERROR = "error", _("issued in error")
        MISCONDUCT = "misconduct", _("academic misconduct")
        OTHER = "other", _("other")

    code = models.CharField(
        _("verification code"), max_length=19, unique=True, default=new_certificate_code
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        help_text=_("Empty for an in-person award to someone without an account."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        help_text=_("Empty for a certificate of attendance of a live session."),
    )
    live_session = models.ForeignKey(
        "live.LiveSessionPage",
        verbose_name=_("live session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a certificate of attendance: the session attended."),
    )
    course_title = models.CharField(_("course title as printed"), max_length=255)
    name_as_printed = models.CharField(_("name as printed"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=4, null=True, blank=True)
    event_name = models.CharField(_("in-person event"), max_length=255, blank=True)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("For certifications that must be renewed; empty means no expiry."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("reason for revocation"), max_length=12, choices=RevocationReason.choices, blank=True
    )
    revocation_note = models.TextField(_("note"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/", blank=True, editable=False)
    credential = models.JSONField(
        _("signed credential"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The Open Badges 3.0 credential, signed (eddsa-rdfc-2022)."),
    )
    # The last check of the credential's proof, kept so that a verification request reads a
    # result instead of canonicalising the credential again (URDNA2015 is most of its cost).
    # ``proof_checked_for`` fingerprints what was checked: the credential's exact content and
    # the issuer's key set; when either changes, the result no longer applies
    # (certificates.verification.credential_is_authentic).
    proof_valid = models.BooleanField(_("proof valid when last checked"), default=False)
    proof_checked_for = models.CharField(max_length=64, blank=True, editable=False)
    status_index = models.PositiveIntegerField(
        _("position in the revocation list"), unique=True, editable=False
    )
    legacy_status_index = models.PositiveIntegerField(
        _("former position in the revocation list"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "The position that credentials signed before positions were random still name."
        ),
    )
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(revoked_at__isnull=True, learner__isnull=False),
                name="one_valid_certificate_per_course",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name_as_printed}"

    def save(self, *args, **kwargs):
        """Give a new certificate its random position in the revocation list.

        Done here rather than in each service so that every way of creating a certificate
        (issue, in-person award, re-issue, test data) gets one.
        """
        if self.status_index is None:
            self.status_index = new_status_index()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """What the verification page says: valid, revoked or expired."""
        if not self.is_valid:
            return "revoked"
        return "expired" if self.is_expired else "valid"

    @property
    def verification_url(self) -> str:
        """The public address printed on the certificate, in the certificate's language."""
        from django.conf import settings
        from django.utils import translation

        with translation.override(self.language):
            path = reverse("certificates:verify", args=[self.code])
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


class IssueRun(models.Model):
    """One bulk issue requested by a coordinator, run as a background task.

    Running it again, or two runs at once, never gives anyone two certificates: each
    issue goes through ``certificate_issue``, which returns the valid certificate a learner
    already holds. The worker stamps ``heartbeat_at`` with every certificate; a worker that
    is killed cannot say so, so a run that has stopped stamping for ``STALE_AFTER`` is taken
    as interrupted and may be resumed.
    """

    STALE_AFTER = datetime.timedelta(minutes=2)

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="queued")
    total = models.PositiveIntegerField(_("eligible learners"), default=0)
    issued = models.PositiveIntegerField(_("certificates issued"), default=0)
    error = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.course} – {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else (self.issued * 100) // self.total

    @property
    def last_sign_of_life(self):
        return self.heartbeat_at or self.created_at

    @property
    def is_interrupted(self) -> bool:
        """Failed, or queued or running without progress for ``STALE_AFTER``: resumable."""
        from django.utils import timezone

        if self.state == self.State.FAILED:
            return True
        if self.state in (self.State.QUEUED, self.State.RUNNING):
            return self.last_sign_of_life < timezone.now() - self.STALE_AFTER
        return False


class CertificateTemplate(PreviewableMixin, models.Model):
    """What a certificate looks like: programme name, logo and up to two signatories.

    Edited by programme managers as a snippet; each course picks one (or the first one is
    used). The editor's preview shows a sample certificate drawn with the template as it
    stands in the form, before it is saved (``certificates.pdf.template_preview``).
    """

    name = models.CharField(_("name"), max_length=200)
    programme_name = models.CharField(_("programme name"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The issuer's logo, printed at the top of the certificate. Empty: the academy's "
            "logo. A PNG or SVG with a transparent background prints best."
        ),
    )
    signatory_1_name = models.CharField(_("first signatory"), max_length=200, blank=True)
    signatory_1_title = models.CharField(_("first signatory's title"), max_length=200, blank=True)
    signatory_1_signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("first signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a scan of the signature, printed above the name."),
    )
    signatory_2_name = models.CharField(_("second signatory"), max_length=200, blank=True)
    signatory_2_title = models.CharField(_("second signatory's title"), max_length=200, blank=True)
    signatory_2_signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("second signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a scan of the signature, printed above the name."),
    )

    panels = [
        MultiFieldPanel(["name", "programme_name", "logo"], heading=_("Issuer")),
        MultiFieldPanel(
            ["signatory_1_name", "signatory_1_title", "signatory_1_signature"],
            heading=_("First signatory"),
        ),
        MultiFieldPanel(
            ["signatory_2_name", "signatory_2_title", "signatory_2_signature"],
            heading=_("Second signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return self.name

    def serve_preview(self, request, mode_name):
        from certificates.pdf import template_preview

        return template_preview(self)

    @property
    def signatories(self) -> list[tuple[str, str, object]]:
        return [
            (name, title, signature)
            for name, title, signature in (
                (self.signatory_1_name, self.signatory_1_title, self.signatory_1_signature),
                (self.signatory_2_name, self.signatory_2_title, self.signatory_2_signature),
            )
            if name
        ]


class CertificatePolicy(models.Model):
    """The template a course's certificates are printed on.

    It points at the course, not the other way round, so that ``courses`` (below
    certificates) holds no foreign key to certificates. Edited in the course page's
    "Certificate" panel (an inline of at most one); a course without one uses the first
    template (``certificates.selectors.template_for``).
    """

    course = ParentalKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_policies",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        on_delete=models.PROTECT,
        related_name="policies",
    )

    panels = ["template"]

    class Meta:
        verbose_name = _("certificate policy")
        verbose_name_plural = _("certificate policies")
        constraints = [
            models.UniqueConstraint(fields=["course"], name="certificates_one_policy_per_course")
        ]

    def __str__(self) -> str:
        return str(self.template)
