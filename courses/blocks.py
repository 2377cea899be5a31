"""The blocks a trainer builds a lesson from, and the one LessonStreamBlock.

Every block has an icon, a label and an accessible template under courses/blocks/. Derived
values live on StructValue subclasses, not in templates. Rich text is limited to the
project's Draftail features and rendered through the sanitizer (lms.sanitize) by the
templates' ``sanitized_richtext`` filter.
"""

import random

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from lms.sanitize import RICH_TEXT_FEATURES, sanitize_stored_rich_text


class RichTextBlock(blocks.RichTextBlock):
    """Rich text limited to the project's features and cleaned by the sanitizer when saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return RichText(sanitize_stored_rich_text(value.source))

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "courses/blocks/rich_text.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("section heading")), ("h3", _("subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A recording served by the platform, with captions and a transcript.

    Videos are uploaded as documents, not embedded from another site: no third-party request,
    and the transcript is always there for slow connections and for screen readers.
    """

    title = blocks.CharBlock(label=_("title"), max_length=200)
    video_file = DocumentChooserBlock(
        label=_("video file"), required=False, help_text=_("An MP4 or WebM file.")
    )
    captions_file = DocumentChooserBlock(
        label=_("captions file"), required=False, help_text=_("A WebVTT (.vtt) file.")
    )
    duration_minutes = blocks.IntegerBlock(label=_("duration in minutes"), min_value=1)
    transcript = blocks.TextBlock(label=_("transcript"))

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "courses/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("note", _("note")),
            ("warning", _("warning")),
            ("legal_safeguard", _("legal safeguard")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    body = RichTextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class KeyTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=200)
    definition = blocks.TextBlock(label=_("definition"))


class KeyTermsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, default=_("Key terms"))
    terms = blocks.ListBlock(KeyTermBlock(), label=_("terms"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key terms")
        template = "courses/blocks/key_terms.html"


class ProcedureStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    detail = blocks.TextBlock(label=_("detail"), required=False)


class ProcedureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    steps = blocks.ListBlock(ProcedureStepBlock(), label=_("steps"), min_num=2)

    class Meta:
        icon = "list-ol"
        label = _("Procedure")
        template = "courses/blocks/procedure.html"


class EvidenceFileBlock(blocks.StructBlock):
    """A file to download and examine; its SHA-256 digest is shown beside the link.

    Unless ``show_digest`` is off: when a quiz asks learners to compute the file's SHA-256,
    the digest printed here would be the answer.
    """

    document = DocumentChooserBlock(label=_("file"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    show_digest = blocks.BooleanBlock(
        label=_("show its SHA-256"),
        required=False,
        default=True,
        help_text=_("Turn this off when a quiz asks learners to compute this file's SHA-256."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Evidence file")
        template = "courses/blocks/evidence_file.html"


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        label=_("language"),
        choices=[
            ("text", _("plain text")),
            ("shell", _("shell")),
            ("sql", "SQL"),
            ("python", "Python"),
            ("json", "JSON"),
        ],
        default="text",
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    code = blocks.TextBlock(label=_("code or command"))

    class Meta:
        icon = "code"
        label = _("Code or command")
        template = "courses/blocks/code.html"


class KnowledgeCheckChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"), required=False)


class KnowledgeCheckValue(blocks.StructValue):
    def choice_at(self, index: int | None):
        choices = self.get("choices") or []
        if index is None or not 0 <= index < len(choices):
            return None
        return choices[index]

    def shown_choices(self, block_id) -> list[tuple[int, object]]:
        """The choices as (index as written, choice), in the order the page shows them.

        Shuffled with the block's id as the seed: the same order on every reload and for
        every reader (so the page can be cached), and not the author's, in which the right
        answer tends to come first. An author can keep the order (scales, sequences).
        """
        shown = list(enumerate(self.get("choices") or []))
        if not self.get("keep_order"):
            random.Random(str(block_id)).shuffle(shown)  # noqa: S311 - display order only
        return shown


class KnowledgeCheckBlock(blocks.StructBlock):
    """One ungraded question. Feedback comes from the server on a GET, so no JavaScript needed."""

    question = blocks.CharBlock(label=_("question"), max_length=500)
    choices = blocks.ListBlock(KnowledgeCheckChoiceBlock(), label=_("answers"), min_num=2)
    keep_order = blocks.BooleanBlock(
        label=_("Show the answers in this order"),
        required=False,
        help_text=_("Otherwise they are shown in a mixed order, the same for every learner."),
    )
    explanation = blocks.TextBlock(label=_("explanation"), required=False)

    class Meta:
        icon = "help"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"
        value_class = KnowledgeCheckValue

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["correct"]) != 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": blocks.ListBlockValidationError(
                        non_block_errors=[_("Mark exactly one answer as correct.")]
                    )
                }
            )
        return value


class ReadingLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=300)
    url = blocks.URLBlock(label=_("address"))
    description = blocks.TextBlock(label=_("description"), required=False)


class FurtherReadingBlock(blocks.StructBlock):
    links = blocks.ListBlock(ReadingLinkBlock(), label=_("links"), min_num=1)

    class Meta:
        icon = "link"
        label = _("Further reading")
        template = "courses/blocks/further_reading.html"


class LessonContentBlock(blocks.StreamBlock):
    """Every lesson block but the sensitive section: what a sensitive section may hold."""

    rich_text = RichTextBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_terms = KeyTermsBlock()
    procedure = ProcedureBlock()
    evidence_file = EvidenceFileBlock()
    code = CodeBlock()
    knowledge_check = KnowledgeCheckBlock()
    further_reading = FurtherReadingBlock()


class SensitiveValue(blocks.StructValue):
    def block_ids(self) -> set[str]:
        """Ids of the blocks inside, so a knowledge-check answer reopens the section."""
        return {str(child.id) for child in self.get("content") or [] if child.id}


class SensitiveBlock(blocks.StructBlock):
    """Content collapsed behind a warning until the learner chooses to open it.

    A native <details> element: keyboard and screen-reader accessible, no JavaScript. It
    holds any other lesson block, but not another sensitive section.
    """

    note = blocks.CharBlock(
        label=_("warning"),
        required=False,
        default="",
        max_length=300,
        help_text=_(
            "What the learner should know before opening the section. Leave empty for the "
            "standard warning."
        ),
    )
    content = LessonContentBlock(label=_("content"), min_num=1)

    class Meta:
        icon = "view"
        label = _("Sensitive section")
        template = "courses/blocks/sensitive.html"
        value_class = SensitiveValue


class LessonStreamBlock(LessonContentBlock):
    sensitive = SensitiveBlock()
