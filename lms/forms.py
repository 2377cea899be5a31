"""Forms for the profile, used at sign-up and on the profile page."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms import services
from lms.models import Profile

PROFILE_FIELDS = [
    "given_name",
    "family_name",
    "country",
    "agency_type",
    "job_title",
    "preferred_language",
    "gender",
]
CERTIFICATE_FIELDS = ["certificate_name", "certificate_language"]

# Joiners shape letters in Arabic, Persian and Indic names, so they stay.
PRINTED_NAME_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def status_for(*forms_) -> int:
    """400 when a submitted form was refused, else 200: the page with the errors is the same,
    but a refused upload or edit is a client error, for scripts and monitoring alike."""
    return 400 if any(form.is_bound and form.errors for form in forms_) else 200


def validate_printed_name(name: str) -> None:
    """Refuse characters that change how a printed name reads without being seen.

    Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make
    "Ana Silva" display as another name on the certificate and the verification page; other
    invisible format characters (zero-width space, marks, BOM, soft hyphen) and control
    characters make two names that look the same compare different. Nobody reviews a printed
    name before it is signed, so it is checked here.
    """
    for character in name:
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp") or (
            category == "Cf" and character not in PRINTED_NAME_ALLOWED_FORMAT
        ):
            raise ValidationError(
                _(
                    "The name contains an invisible or text-direction character "
                    "(%(code)s). Type it again without copying and pasting."
                ),
                code="invisible_character",
                params={"code": f"U+{ord(character):04X}"},
            )


class ProfileForm(forms.ModelForm):
    """The practitioner's own profile. Names, country and agency type are required here."""

    class Meta:
        model = Profile
        fields = [*PROFILE_FIELDS, "time_zone", *CERTIFICATE_FIELDS]
        widgets = {
            "given_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "country": forms.Select(attrs={"autocomplete": "country"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("given_name", "family_name", "country", "agency_type"):
            self.fields[name].required = True
        if "time_zone" in self.fields:
            field = self.fields["time_zone"]
            # Left out of the submitted form (an older page, a script), the zone stays as it is.
            field.required = False
            field.choices = [
                ("", _("Not chosen: your browser's time zone, else UTC")),
                *[choice for choice in field.choices if choice[0]],
            ]
            # While no zone is chosen, time_zone.js selects the browser's. (Once the browser has
            # reported it, TimeZoneMiddleware has saved it to the profile already.)
            field.widget.attrs["data-browser-time-zone"] = ""
        if "certificate_name" in self.fields:
            self.fields["certificate_name"].validators.append(validate_printed_name)

    def clean_time_zone(self) -> str:
        return self.cleaned_data["time_zone"] or self.instance.time_zone


class SignupProfileForm(ProfileForm):
    """Extra fields on allauth's sign-up form; allauth calls ``signup`` once the user exists."""

    # allauth's sign-up form inherits from this class and applies this order.
    field_order = ["email", "password1", "password2", *PROFILE_FIELDS]

    class Meta(ProfileForm.Meta):
        fields = PROFILE_FIELDS  # certificate details are confirmed later, on the profile page

    def __init__(self, *args, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    def signup(self, request, user) -> None:
        services.profile_update(user=user, **{f: self.cleaned_data[f] for f in PROFILE_FIELDS})
