"""The answer blocks of a question, one StreamField per question.

Keeping a question's answers in a StreamField lets wagtail-localize translate choice texts and
feedback with the question, and keeps each answer's id (the block id) the same in every
language, so attempts and statistics do not depend on the language a learner used.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=500)
    weight = blocks.DecimalBlock(
        label=_("credit (%)"),
        default=0,
        min_value=-100,
        max_value=100,
        decimal_places=3,
        help_text=_("100 for a right answer; in multiple response, parts that add up to 100."),
    )
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class AcceptedTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("accepted answer"), max_length=500)
    weight = blocks.DecimalBlock(label=_("credit (%)"), default=100, min_value=0, max_value=100)
    regex = blocks.BooleanBlock(label=_("regular expression"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "edit"
        label = _("Accepted text")


class AcceptedNumberBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("value"), required=False)
    tolerance = blocks.DecimalBlock(label=_("tolerance (±)"), required=False, min_value=0)
    minimum = blocks.DecimalBlock(label=_("or from"), required=False)
    maximum = blocks.DecimalBlock(label=_("to"), required=False)
    weight = blocks.DecimalBlock(label=_("credit (%)"), default=100, min_value=0, max_value=100)
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "order"
        label = _("Accepted number")

    def clean(self, value):
        value = super().clean(value)
        has_value = value.get("value") is not None
        has_range = value.get("minimum") is not None and value.get("maximum") is not None
        if has_value == has_range:
            raise blocks.StructBlockValidationError(
                {"value": _("Give either a value (with a tolerance) or a range, not both.")}
            )
        if has_range and value["minimum"] > value["maximum"]:
            raise blocks.StructBlockValidationError(
                {"maximum": _("The end of the range is below its start.")}
            )
        return value


class OrderingItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("item"), max_length=300)

    class Meta:
        icon = "list-ol"
        label = _("Item (in the right order)")


class MatchingPairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("prompt"), max_length=300, required=False)
    answer = blocks.CharBlock(label=_("matching answer"), max_length=300)

    class Meta:
        icon = "arrows-up-down"
        label = _("Pair")
        help_text = _("Leave the prompt empty to add a distractor answer.")


class RubricLevelBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("level"), max_length=100)
    points = blocks.DecimalBlock(label=_("points"), min_value=0, max_value=1000, decimal_places=2)
    description = blocks.TextBlock(label=_("what the answer shows"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Level")


class RubricCriterionBlock(blocks.StructBlock):
    """One criterion of a written response's rubric, with its levels (lowest first, usually)."""

    title = blocks.CharBlock(label=_("criterion"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    levels = blocks.ListBlock(RubricLevelBlock(), label=_("levels"), min_num=2)

    class Meta:
        icon = "tasks"
        label = _("Rubric criterion")


class AnswerStreamBlock(blocks.StreamBlock):
    choice = ChoiceBlock()
    accepted_text = AcceptedTextBlock()
    accepted_number = AcceptedNumberBlock()
    ordering_item = OrderingItemBlock()
    matching_pair = MatchingPairBlock()
    rubric_criterion = RubricCriterionBlock()


# The answer blocks each type of question takes (true or false and evidence take none).
ANSWER_KINDS_BY_TYPE: dict[str, frozenset[str]] = {
    "single": frozenset({"choice"}),
    "multiple": frozenset({"choice"}),
    "true_false": frozenset(),
    "short": frozenset({"accepted_text"}),
    "numeric": frozenset({"accepted_number"}),
    "ordering": frozenset({"ordering_item"}),
    "matching": frozenset({"matching_pair"}),
    "evidence": frozenset(),
    "written": frozenset({"rubric_criterion"}),
}


def answer_stream_block_for(kinds, *, required: bool = False) -> AnswerStreamBlock:
    """An answer stream offering only the blocks named in ``kinds``.

    Block names and definitions stay those of ``AnswerStreamBlock``, so stored answers keep
    reading and saving the same way; only the editor's choice of blocks to add changes.
    """
    block = AnswerStreamBlock(required=required)
    block.child_blocks = {
        name: child for name, child in block.child_blocks.items() if name in kinds
    }
    return block
