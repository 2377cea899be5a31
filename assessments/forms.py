"""The question editor's form: the expected evidence value is typed, hashed, and forgotten."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks.base import BlockWidget

from assessments import grading
from assessments.blocks import ANSWER_KINDS_BY_TYPE, AnswerStreamBlock, answer_stream_block_for


class QuestionForm(WagtailAdminModelForm):
    """The question editor. Its *answers* field offers only the blocks of the question's type.

    The type is the one submitted, or else the question's own, or else the one chosen before
    the editor opened (``?type=``). Answer blocks the question already has are shown too,
    even when they do not fit its type, so nothing is dropped unseen: saving them is refused
    with the model's own message (``question_problems``) until they are removed.
    """

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("answers")
        if field is not None:
            kinds = ANSWER_KINDS_BY_TYPE.get(self._question_type())
            if kinds is not None:
                block = answer_stream_block_for(
                    kinds | self._kinds_present(), required=field.block.meta.required
                )
                field.block = block
                field.widget = BlockWidget(block)

    def _question_type(self) -> str | None:
        if self.is_bound:
            return self.data.get(self.add_prefix("type"))
        return self.initial.get("type") or self.instance.type or None

    def _kinds_present(self) -> frozenset[str]:
        """The kinds of answer blocks in the answers being edited (posted or saved)."""
        known = AnswerStreamBlock.base_blocks.keys()
        if not self.is_bound:
            return frozenset(block.block_type for block in self.instance.answers or [])
        prefix = self.add_prefix("answers")
        try:
            count = int(self.data.get(f"{prefix}-count", 0))
        except ValueError:
            return frozenset()
        posted = (self.data.get(f"{prefix}-{n}-type") for n in range(min(count, 1000)))
        return frozenset(kind for kind in posted if kind in known)

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
    ``q<id>-<item token>`` = position; for matching ``q<id>-<prompt token>`` = answer token.
    Tokens are the attempt's opaque names for answer keys (``selectors.answer_token``) and are
    mapped back to the keys here, so what is stored and graded is the same as before. A value
    that is not one of the question's own tokens in this attempt is dropped.
    """
    answers: dict[int, object] = {}
    for shown in questions:
        name = shown.field_name
        question_id = shown.source_id or shown.question.pk
        kind = shown.spec.type
        if kind == grading.QuestionType.MULTIPLE:
            keys = (shown.answer_key(token) for token in data.getlist(name))
            answers[question_id] = list(dict.fromkeys(key for key in keys if key))
        elif kind in (grading.QuestionType.SINGLE, grading.QuestionType.TRUE_FALSE):
            answers[question_id] = shown.answer_key(data.get(name, ""))
        elif kind == grading.QuestionType.ORDERING:
            positions = {}
            for key, token in shown.tokens.items():
                try:
                    positions[key] = int(data.get(f"{name}-{token}", ""))
                except ValueError:
                    positions[key] = len(shown.tokens) + 1
            answers[question_id] = sorted(shown.tokens, key=lambda k: (positions[k], k))
        elif kind == grading.QuestionType.MATCHING:
            answers[question_id] = {
                prompt.key: shown.answer_key(data.get(f"{name}-{shown.prompt_tokens[prompt.key]}"))
                or ""
                for prompt in shown.spec.prompts
            }
        elif kind == grading.QuestionType.WRITTEN:
            # Plain text as typed (line breaks kept, the server's caps checked by the
            # service); it is escaped wherever it is shown.
            answers[question_id] = str(data.get(name, "")).replace("\r\n", "\n")
        else:
            answers[question_id] = str(data.get(name, ""))[:1000]
    return answers


def files_from_post(questions, files) -> dict[int, object]:
    """The files attached to the shown written responses (``q<id>-file``), by question id."""
    attached = {}
    for shown in questions:
        if shown.spec.type != grading.QuestionType.WRITTEN:
            continue
        upload = files.get(f"{shown.field_name}-file")
        if upload is not None:
            attached[shown.source_id or shown.question.pk] = upload
    return attached
