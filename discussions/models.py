"""A discussion case under a module, and the replies a cohort posts to it.

The page is translatable like a lesson; replies point at the default-language page and at
the cohort, so one cohort shares one thread whatever language each member reads in, and
another cohort of the same course never sees it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.fields import SanitizedRichTextField

REPLY_MAX_LENGTH = 3000
REASON_MAX_LENGTH = 300


class DiscussionPage(Page):
    """A short scenario and a few questions that a cohort discusses in writing."""

    scenario = SanitizedRichTextField(_("scenario"))
    questions = StreamField(
        [("question", blocks.CharBlock(max_length=500, label=_("question")))],
        verbose_name=_("questions"),
    )
    # Named like LessonPage.required and QuizPage.required, so that the course outline and
    # the progress counts treat a discussion case like any other required step.
    required = models.BooleanField(
        _("a reply counts towards completion"),
        default=True,
        help_text=_("Learners must post a reply (one that is not hidden) to complete the course."),
    )

    content_panels = [*Page.content_panels, FieldPanel("scenario"), FieldPanel("questions")]
    settings_panels = [*Page.settings_panels, FieldPanel("required")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("scenario"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("discussion case")
        verbose_name_plural = _("discussion cases")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors as course_selectors
        from discussions import selectors

        context = super().get_context(request, *args, **kwargs)
        study = course_selectors.lesson_view_for(lesson=self, user=request.user)
        context["study"] = study
        context["thread"] = selectors.thread_for(
            discussion=self,
            enrolment=study.outline.enrolment,
            user=request.user,
            page_number=request.GET.get("page"),
        )
        context["reply_max_length"] = REPLY_MAX_LENGTH
        return context

    def serve(self, request, *args, **kwargs):
        from courses import serving

        return serving.lesson_serve(self, request, super().serve, *args, **kwargs)


class Reply(models.Model):
    """One cohort member's reply to a discussion case (plain text, shown escaped)."""

    discussion = models.ForeignKey(
        DiscussionPage,
        verbose_name=_("discussion case"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="discussion_replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="discussion_replies",
    )
    text = models.TextField(_("reply"), max_length=REPLY_MAX_LENGTH)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=REASON_MAX_LENGTH, blank=True
    )
    pinned_at = models.DateTimeField(_("pinned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["discussion", "cohort", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} – {self.discussion}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None


class DigestReceipt(models.Model):
    """One digest e-mail sent to one person: every reply up to ``last_reply_id`` is covered.

    The next run lists only replies with a higher id, so running the command twice sends
    nothing new.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="discussion_digests",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    last_reply_id = models.BigIntegerField(_("last reply covered"))
    reply_count = models.PositiveIntegerField(_("replies listed"))

    class Meta:
        verbose_name = _("discussion digest")
        verbose_name_plural = _("discussion digests")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-last_reply_id"])]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.sent_at:%Y-%m-%d}"
