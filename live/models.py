"""A live session (a webinar on an external video service) and the people registered for it.

The page is translatable like a lesson: title and description go through wagtail-localize,
the schedule, audience and join link are the same in every language. Registrations point at
the default-language page, so one session has one list of registrants whatever language each
person reads in. The platform hosts no video: ``join_url`` leads to BigBlueButton, Jitsi,
Teams or Zoom, and is shown only to registered people, only from ``join_opens_minutes``
before the start.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from live.forms import LiveSessionPageForm
from lms import timezones
from lms.fields import SanitizedRichTextField
from lms.models import Profile, time_zone_choices

NAME_MAX_LENGTH = 150
https_only = URLValidator(
    schemes=["https"], message=_("Enter an address that starts with https://.")
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class LiveSessionPage(Page):
    """One live session, standing alone under the catalog or as a step of a module."""

    class Audience(models.TextChoices):
        COHORT = "cohort", _("the members of one cohort")
        COURSE = "course", _("the learners enrolled in the course")
        PUBLIC = "public", _("anyone who registers, without an account")

    description = SanitizedRichTextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Stored in UTC."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
    )
    reference_time_zone = models.CharField(
        _("reference time zone"),
        max_length=64,
        choices=time_zone_choices,
        default="UTC",
        help_text=_("Times are also shown in this zone, next to the viewer's own."),
    )
    session_language = models.CharField(
        _("language spoken"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    capacity = models.PositiveIntegerField(
        _("places"), default=100, validators=[MinValueValidator(1)]
    )
    audience = models.CharField(
        _("who may register"), max_length=10, choices=Audience.choices, default=Audience.COURSE
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a session open to a course's learners; a module step uses its own."),
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        validators=[https_only],
        help_text=_("The meeting's address on the video service (https)."),
    )
    join_opens_minutes = models.PositiveSmallIntegerField(
        _("join link shown (minutes before the start)"),
        default=15,
        validators=[MaxValueValidator(24 * 60)],
    )
    required = models.BooleanField(
        _("attending counts towards completion"),
        default=True,
        help_text=_("For a session that is a module step."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("duration_minutes"),
                FieldPanel("reference_time_zone"),
                FieldPanel("session_language"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("course"),
                FieldPanel("cohort"),
                FieldPanel("capacity"),
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [FieldPanel("join_url"), FieldPanel("join_opens_minutes")], heading=_("Joining")
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("required")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("starts_at"),
        SynchronizedField("duration_minutes"),
        SynchronizedField("reference_time_zone"),
        SynchronizedField("session_language"),
        SynchronizedField("capacity"),
        SynchronizedField("audience"),
        SynchronizedField("course"),
        SynchronizedField("cohort"),
        SynchronizedField("join_url"),
        SynchronizedField("join_opens_minutes"),
        SynchronizedField("required"),
    ]
    base_form_class = LiveSessionPageForm
    parent_page_types = ["courses.CourseIndexPage", "courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def join_opens_at(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(minutes=self.join_opens_minutes)

    def clean(self):
        super().clean()
        if self.audience == self.Audience.COHORT and not self.cohort_id:
            raise ValidationError({"cohort": _("Choose the cohort this session is for.")})
        if (
            self.audience == self.Audience.COURSE
            and not self.course_id
            and not self._parent_is_module()
        ):
            raise ValidationError({"course": _("Choose the course whose learners may register.")})

    def _parent_is_module(self) -> bool:
        from courses.models import ModulePage

        if not (self.path and self.depth):
            return True  # not placed in the tree yet: the admin's form checks the parent
        parent = self.get_parent()
        return parent is not None and parent.specific_class is ModulePage

    def get_context(self, request, *args, **kwargs):
        from live import selectors

        context = super().get_context(request, *args, **kwargs)
        context["view"] = selectors.session_view_for(
            session=self, user=request.user, now=timezone.now()
        )
        # The recording is attached after the session: look for it only once it has ended.
        context["recording"] = (
            selectors.recording_lesson_for(self) if context["view"].has_ended else None
        )
        # A visitor without an account has not told us their zone: let the browser say it
        # (lms/static/lms/time_zone.js), so that the next page shows times in it.
        context["report_time_zone"] = not request.user.is_authenticated and not (
            timezones.browser_zone(request)
        )
        if context["view"].is_public and not context["view"].registration:
            from django_countries import countries

            context["countries"] = list(countries)
            context["affiliations"] = Profile.AgencyType.choices
            context["genders"] = [
                (value, label) for value, label in Profile.Gender.choices if value
            ]
        return context


class Registration(models.Model):
    """One person's place (or place on the waitlist) in one session.

    A signed-in person is ``user``; a public registrant has no account and is known by the
    name, e-mail, country and affiliation type they gave, with the time they consented.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waitlist")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(
        LiveSessionPage,
        verbose_name=_("live session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="live_registrations",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    email = models.EmailField(_("e-mail"))
    country = CountryField(_("country"), blank=True)
    affiliation_type = models.CharField(
        _("affiliation"), max_length=20, choices=Profile.AgencyType.choices, blank=True
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Profile.Gender.choices,
        blank=True,
        help_text=_("Optional and self-declared. Used only, and anonymously, in statistics."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    certificate = models.OneToOneField(
        "certificates.Certificate",
        verbose_name=_("certificate of attendance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~models.Q(status="cancelled"),
                name="live_one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.email} – {self.session_id}"

    @property
    def display_name(self) -> str:
        if self.user_id and not self.name:
            return self.user.profile.display_name or self.email
        return self.name or self.email
