"""The user's profile and the home page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.sanitize import RICH_TEXT_FEATURES


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
    def is_complete(self) -> bool:
        """Whether the fields that programme reports need have been filled in."""
        return bool(self.country and self.agency_type and self.given_name and self.family_name)


class HomePage(Page):
    """The site's root page in each language; it will list the catalog."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
