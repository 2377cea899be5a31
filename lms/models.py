"""The user's profile, the home page, and documents with their SHA-256 digest."""

import hashlib
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from lms.fields import SanitizedRichTextField


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone this machine knows, by name.

    A callable, so migrations keep a reference to it rather than six hundred zone names that
    change with each tzdata release.
    """
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """What a practitioner tells us about themselves, one-to-one with the user.

    Gender is optional and used only for aggregate programme statistics; it is never shown to
    other users.
    """

    class AgencyType(models.TextChoices):
        POLICE = "police", _("police or law enforcement")
        PROSECUTION = "prosecution", _("prosecution service")
        JUDICIARY = "judiciary", _("judiciary")
        FINANCIAL_INTELLIGENCE = "fiu", _("financial intelligence unit")
        CENTRAL_BANK = "central_bank", _("central bank")
        OTHER = "other", _("other")

    class Gender(models.TextChoices):
        NOT_STATED = "", _("not stated")
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("another gender")
        PREFER_NOT_TO_SAY = "declined", _("prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    country = CountryField(_("country"), blank=True)
    agency_type = models.CharField(
        _("agency type"), max_length=20, choices=AgencyType.choices, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only, and anonymously, in programme statistics."),
    )
    certificate_name = models.CharField(
        _("name as it should be printed on certificates"),
        max_length=200,
        blank=True,
        help_text=_(
            "Exactly as it should appear, with accents, apostrophes and particles. "
            "Leave empty to use your given and family names."
        ),
    )
    certificate_language = models.CharField(
        _("language of your certificates"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to use your preferred language."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        blank=True,
        help_text=_(
            "Dates and times, such as the end of a timed quiz, are shown in this time zone. "
            "Until you choose one, your browser's time zone is used."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.given_name} {self.family_name}".strip()
        return full or self.user.email

    @property
    def name_for_certificates(self) -> str:
        return self.certificate_name.strip() or self.display_name

    @property
    def language_for_certificates(self) -> str:
        return self.certificate_language or self.preferred_language

    @property
    def is_complete(self) -> bool:
        """Whether the fields that programme reports need have been filled in."""
        return bool(self.country and self.agency_type and self.given_name and self.family_name)


class HomePage(Page):
    """The site's root page in each language: an introduction, then the catalog's courses."""

    intro = SanitizedRichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from lms.home import home_catalog_for

        context = super().get_context(request, *args, **kwargs)
        context["catalog"] = home_catalog_for(home=self, user=request.user)
        return context


class AcademyDocument(AbstractDocument):
    """Wagtail's document with a SHA-256 digest, shown beside every evidence download.

    Wagtail keeps a SHA-1 ``file_hash`` for caching; investigators verify evidence files with
    SHA-256, so that digest is computed from the stored bytes whenever the file changes.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "tags")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def save(self, *args, **kwargs):
        if self.file and (not self.sha256 or self._file_changed()):
            self.sha256 = sha256_of_file(self.file)
        super().save(*args, **kwargs)

    def _file_changed(self) -> bool:
        if self.pk is None:
            return True
        stored = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return stored != self.file.name


def sha256_of_file(field_file) -> str:
    digest = hashlib.sha256()
    field_file.open("rb")
    try:
        field_file.seek(0)
        for chunk in field_file.chunks():
            digest.update(chunk)
    finally:
        field_file.seek(0)
    return digest.hexdigest()


class Notification(models.Model):
    """Something that happened to a person, listed on their notifications page.

    It is stored as a kind and its parameters, not as text, and rendered when shown: a person
    who changes language reads their old notifications in the new one. ``params`` is
    ``{"version": 1, ...}``; each kind's renderer (``lms.notify.notification_kind``) says which
    other keys it reads. Pages are named by ``translation_key`` (``course_key``, ``page_key``),
    so the reader gets the title and link of the page in their language.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
