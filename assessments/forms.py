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


def answers_from_post(questions, data) -> dict[int, object]:
    """Read the answers of the shown questions from a submitted attempt page.

    Field names: ``q<id>`` (one value, or several for multiple response); for ordering
    ``q<id>-<item key>`` = position; for matching ``q<id>-<prompt key>`` = answer key. Values
    that are not among the question's own options are dropped, so nothing else is stored.
    """
    answers: dict[int, object] = {}
    for shown in questions:
        name = shown.field_name
        question_id = shown.source_id or shown.question.pk
        kind = shown.spec.type
        option_keys = {option.key for option in shown.options}
        if kind == grading.QuestionType.MULTIPLE:
            answers[question_id] = [k for k in data.getlist(name) if k in option_keys]
        elif kind in (grading.QuestionType.SINGLE, grading.QuestionType.TRUE_FALSE):
            value = data.get(name, "")
            answers[question_id] = value if value in option_keys else None
        elif kind == grading.QuestionType.ORDERING:
            positions = {}
            for key in option_keys:
                try:
                    positions[key] = int(data.get(f"{name}-{key}", ""))
                except ValueError:
                    positions[key] = len(option_keys) + 1
            answers[question_id] = sorted(option_keys, key=lambda k: (positions[k], k))
        elif kind == grading.QuestionType.MATCHING:
            answers[question_id] = {
                prompt.key: (
                    data.get(f"{name}-{prompt.key}")
                    if data.get(f"{name}-{prompt.key}") in option_keys
                    else ""
                )
                for prompt in shown.spec.prompts
            }
        else:
            answers[question_id] = str(data.get(name, ""))[:1000]
    return answers
