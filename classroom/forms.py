from django import forms
from django.utils.translation import gettext_lazy as _


class CodeSignInForm(forms.Form):
    code = forms.CharField(
        label=_("Classroom code"),
        max_length=20,
        help_text=_("The code on the sheet your trainer gave you, for example ABCDE-FGH23."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
