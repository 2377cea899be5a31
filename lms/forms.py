"""Forms for the profile, used at sign-up and on the profile page."""

from django import forms
from django.utils.translation import get_language

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


class ProfileForm(forms.ModelForm):
    """The practitioner's own profile. Names, country and agency type are required here."""

    class Meta:
        model = Profile
        fields = [*PROFILE_FIELDS, *CERTIFICATE_FIELDS]
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
