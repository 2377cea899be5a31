"""The question editor's form: the expected evidence value is typed, hashed, and forgotten."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from assessments import grading


class QuestionForm(WagtailAdminModelForm):
    expected_evidence_value = forms.CharField(
        label=_("expected evidence value"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Evidence questions: the hash, flag or value the learner must find. Only a salted "
            "digest is stored; leave empty to keep the current one."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get("expected_evidence_value")
        if value:
            options = grading.TextOptions(
                case_sensitive=cleaned.get("case_sensitive", False),
                ignore_accents=cleaned.get("ignore_accents", True),
                remove_spaces=cleaned.get("ignore_spaces", False),
            )
            self.instance.evidence_salt = secrets.token_hex(16)
            self.instance.evidence_digest = grading.evidence_digest(
                value, self.instance.evidence_salt, options
            )
        return cleaned
