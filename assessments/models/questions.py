"""The question bank: categories and questions, translatable snippets."""

import secrets
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from assessments import grading
from assessments.blocks import ANSWER_KINDS_BY_TYPE, AnswerStreamBlock
from assessments.forms import QuestionForm
from lms.fields import SanitizedRichTextField

HUNDRED = Decimal(100)


class QuestionCategory(TranslatableMixin, models.Model):
    """A folder of questions. Its course decides who may see and change them.

    ``course`` points at the English course page, as learning records do; a category's
    translations keep the same course (it is synchronised, not translated). Trainers and
    lead trainers reach only the categories of courses whose pages they may edit
    (``assessments.permissions``); a category without a course is for programme managers.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_categories",
        help_text=_("Only this course's trainers and lead trainers see its questions."),
    )

    panels = ["name", "description", FieldPanel("course", widget=forms.Select)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(TranslatableMixin, index.Indexed, models.Model):
    """One question of any type. ``to_spec`` turns it into plain data for grading.

    The expected value of an evidence question is never stored: only its HMAC-SHA-256
    digest under a random salt (``evidence_set``), so neither the database nor the pages can
    give it away.
    """

    Type = grading.QuestionType
    TYPE_CHOICES = [
        (grading.QuestionType.SINGLE, _("single choice")),
        (grading.QuestionType.MULTIPLE, _("multiple response")),
        (grading.QuestionType.TRUE_FALSE, _("true or false")),
        (grading.QuestionType.SHORT, _("short answer")),
        (grading.QuestionType.NUMERIC, _("numeric")),
        (grading.QuestionType.ORDERING, _("ordering")),
        (grading.QuestionType.MATCHING, _("matching")),
        (grading.QuestionType.EVIDENCE, _("evidence answer")),
        (grading.QuestionType.WRITTEN, _("written response (marked by a trainer)")),
    ]

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    type = models.CharField(_("type"), max_length=12, choices=TYPE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    text = SanitizedRichTextField(_("question"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=1)
    answers = StreamField(AnswerStreamBlock(), verbose_name=_("answers"), blank=True)
    correct_is_true = models.BooleanField(
        _("the statement is true"), default=True, help_text=_("True or false questions.")
    )
    general_feedback = SanitizedRichTextField(_("general feedback"), blank=True)
    case_sensitive = models.BooleanField(_("case sensitive"), default=False)
    ignore_accents = models.BooleanField(_("ignore accents"), default=True)
    ignore_spaces = models.BooleanField(
        _("ignore all spaces"), default=False, help_text=_("For hashes typed in groups.")
    )
    evidence_file = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("evidence file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    word_limit = models.PositiveIntegerField(
        _("word limit"),
        null=True,
        blank=True,
        help_text=_("Written responses: the most words an answer may have; empty for no limit."),
    )
    model_answer = SanitizedRichTextField(
        _("model answer"),
        blank=True,
        help_text=_("Written responses: shown to the learner once their answer is marked."),
    )
    accepts_file = models.BooleanField(
        _("the learner may attach a file"),
        default=False,
        help_text=_("Written responses: one PDF, DOCX, ODT or TXT file, 5 MB at most."),
    )
    evidence_salt = models.CharField(max_length=64, blank=True, editable=False)
    evidence_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("category"),
        FieldPanel("type"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("points"),
        FieldPanel("answers"),
        FieldPanel("correct_is_true"),
        FieldPanel("general_feedback"),
        MultiFieldPanel(
            [
                FieldPanel("case_sensitive"),
                FieldPanel("ignore_accents"),
                FieldPanel("ignore_spaces"),
                FieldPanel("evidence_file"),
                FieldPanel("expected_evidence_value"),
            ],
            heading=_("Typed answers and evidence"),
        ),
        MultiFieldPanel(
            [FieldPanel("word_limit"), FieldPanel("model_answer"), FieldPanel("accepts_file")],
            heading=_("Written response"),
        ),
    ]
    # The admin searches as one types (autocomplete), so a half-typed word of the title or
    # the text finds the question. The listing, the chooser and their filters narrow a
    # search by the other columns: the course scope (category), the type and the language.
    # The search backend refuses to filter on a column that is not declared here.
    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.AutocompleteField("text"),
        index.FilterField("category"),
        index.FilterField("type"),
        index.FilterField("locale"),
        index.FilterField("translation_key"),
    ]
    base_form_class = QuestionForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__name", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def text_options(self) -> grading.TextOptions:
        return grading.TextOptions(
            case_sensitive=self.case_sensitive,
            ignore_accents=self.ignore_accents,
            remove_spaces=self.ignore_spaces,
        )

    def evidence_set(self, expected_value: str) -> None:
        """Store the digest of the expected evidence value (not the value) under a new salt."""
        self.evidence_salt = secrets.token_hex(16)
        self.evidence_digest = grading.evidence_digest(
            expected_value, self.evidence_salt, self.text_options
        )

    def _blocks(self, block_type: str):
        return [block for block in self.answers if block.block_type == block_type]

    def to_spec(self) -> grading.QuestionSpec:
        """This question as plain data; answer keys are the answer blocks' ids."""
        qtype = grading.QuestionType(self.type)
        common = {
            "type": qtype,
            "text": self.text,
            "title": self.title,
            "general_feedback": self.general_feedback,
            "text_options": self.text_options,
        }
        if qtype in (grading.QuestionType.SINGLE, grading.QuestionType.MULTIPLE):
            choices = tuple(
                grading.Choice(
                    key=b.id,
                    text=b.value["text"],
                    weight=Decimal(b.value["weight"] or 0) / HUNDRED,
                    feedback=b.value["feedback"],
                )
                for b in self._blocks("choice")
            )
            return grading.QuestionSpec(**common, choices=choices)
        if qtype == grading.QuestionType.TRUE_FALSE:
            right, wrong = (Decimal(1), Decimal(0))
            return grading.QuestionSpec(
                **common,
                choices=(
                    grading.Choice("true", "true", right if self.correct_is_true else wrong),
                    grading.Choice("false", "false", wrong if self.correct_is_true else right),
                ),
            )
        if qtype == grading.QuestionType.SHORT:
            accepted = tuple(
                grading.AcceptedText(
                    text=b.value["text"],
                    weight=Decimal(b.value["weight"]) / HUNDRED,
                    regex=b.value["regex"],
                    feedback=b.value["feedback"],
                )
                for b in self._blocks("accepted_text")
            )
            return grading.QuestionSpec(**common, accepted_texts=accepted)
        if qtype == grading.QuestionType.NUMERIC:
            numbers = tuple(
                grading.AcceptedNumber(
                    value=b.value["value"],
                    tolerance=b.value["tolerance"] or Decimal(0),
                    minimum=b.value["minimum"],
                    maximum=b.value["maximum"],
                    weight=Decimal(b.value["weight"]) / HUNDRED,
                    feedback=b.value["feedback"],
                )
                for b in self._blocks("accepted_number")
            )
            return grading.QuestionSpec(**common, accepted_numbers=numbers)
        if qtype == grading.QuestionType.ORDERING:
            items = tuple(
                grading.Item(b.id, b.value["text"]) for b in self._blocks("ordering_item")
            )
            return grading.QuestionSpec(**common, items=items)
        if qtype == grading.QuestionType.MATCHING:
            pairs = self._blocks("matching_pair")
            answers: dict[str, str] = {}
            for b in pairs:
                answers.setdefault(b.value["answer"], b.id)
            prompts = tuple(
                grading.Item(b.id, b.value["prompt"]) for b in pairs if b.value["prompt"]
            )
            matches = tuple((b.id, answers[b.value["answer"]]) for b in pairs if b.value["prompt"])
            answer_items = tuple(grading.Item(key, text) for text, key in answers.items())
            return grading.QuestionSpec(
                **common, prompts=prompts, answers=answer_items, matches=matches
            )
        if qtype == grading.QuestionType.WRITTEN:
            rubric = tuple(
                grading.Criterion(
                    key=b.id,
                    title=b.value["title"],
                    description=b.value["description"],
                    levels=tuple(
                        grading.RubricLevel(
                            label=level["label"],
                            points=Decimal(level["points"] or 0),
                            description=level["description"],
                        )
                        for level in b.value["levels"]
                    ),
                )
                for b in self._blocks("rubric_criterion")
            )
            return grading.QuestionSpec(**common, rubric=rubric, word_limit=self.word_limit)
        return grading.QuestionSpec(
            **common, evidence_digest=self.evidence_digest, evidence_salt=self.evidence_salt
        )

    def clean(self):
        super().clean()
        problems = question_problems(self)
        if problems:
            raise ValidationError({"answers": problems})


def question_problems(question: Question) -> list[str]:
    """What is wrong with a question's answers for its type (translated messages)."""
    qtype = question.type
    kinds = {block.block_type for block in question.answers}
    allowed = ANSWER_KINDS_BY_TYPE.get(qtype, frozenset())
    problems = []
    if kinds - allowed:
        problems.append(_("Some answers do not belong to this type of question."))
    count = len(question.answers)
    if qtype in ("single", "multiple") and count < 2:
        problems.append(_("Give at least two choices."))
    if qtype == "single":
        best = max((Decimal(b.value["weight"] or 0) for b in question.answers), default=0)
        if best != HUNDRED:
            problems.append(_("One choice must give full credit."))
    if qtype == "multiple":
        positive = sum(
            (Decimal(b.value["weight"] or 0) for b in question.answers if b.value["weight"] > 0),
            Decimal(0),
        )
        if abs(positive - HUNDRED) > Decimal("0.1"):
            problems.append(_("The credits of the right choices must add up to 100%."))
    if qtype in ("short", "numeric") and count < 1:
        problems.append(_("Give at least one accepted answer."))
    if qtype == "ordering" and count < 2:
        problems.append(_("Give at least two items to order."))
    if qtype == "matching":
        prompts = [b for b in question.answers if b.value["prompt"]]
        if len(prompts) < 2:
            problems.append(_("Give at least two pairs."))
    if qtype == "written" and count < 1:
        problems.append(_("Give the rubric at least one criterion."))
    if qtype == "written" and any(
        max((Decimal(level["points"] or 0) for level in b.value["levels"]), default=0) <= 0
        for b in question.answers
        if b.block_type == "rubric_criterion"
    ):
        problems.append(_("Each criterion needs a level worth more than 0 points."))
    if qtype == "evidence" and not question.evidence_digest:
        problems.append(_("Enter the expected value of the evidence."))
    return problems
