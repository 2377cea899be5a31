from django import forms
from django.utils.translation import gettext_lazy as _


class CodeSignInForm(forms.Form):
    code = forms.CharField(
        label=_("Classroom code"),
        max_length=20,
        help_text=_("The code on the sheet your trainer gave you, for example ABCDE-FGH23."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


def language_choices():
    from django.conf import settings

    return list(settings.LANGUAGES)


class ExportForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The course travels in these languages; each learner reads their own."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=365,
        initial=60,
        help_text=_("After this, the node refuses the bundle and the codes stop working."),
    )


class NodeRegisterForm(forms.Form):
    fingerprint = forms.CharField(
        label=_("Node key fingerprint"),
        max_length=60,
        help_text=_("As printed by the node when it was opened: 8 groups of 4 characters."),
    )
    label = forms.CharField(label=_("Label"), max_length=120, required=False)


class ResultsUploadForm(forms.Form):
    file = forms.FileField(label=_("Results bundle (.zip)"))
