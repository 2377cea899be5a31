"""Quiz pages (inside modules), attempts and responses."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from lms.fields import SanitizedRichTextField


class QuizPage(Page):
    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("highest attempt")
        LAST = "last", _("last attempt")
        AVERAGE = "average", _("average of attempts")

    class Role(models.TextChoices):
        ORDINARY = "", _("an ordinary quiz")
        PRE_TEST = "pre_test", _("pre-test (knowledge before the course)")
        POST_TEST = "post_test", _("post-test (knowledge after the course)")

    class ReviewPolicy(models.TextChoices):
        IMMEDIATELY = "immediately", _("right after each attempt")
        AFTER_LAST = "after_last", _("after the last attempt")
        NEVER = "never", _("never")

    intro = SanitizedRichTextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("The score needed to pass, in percent.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 for unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=GradingMethod.choices, default="highest"
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    review_policy = models.CharField(
        _("show answers and feedback"),
        max_length=12,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.IMMEDIATELY,
    )
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, help_text=_("0 puts every question on one page.")
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Learners must pass this quiz to complete the course."),
    )
    role = models.CharField(
        _("knowledge-gain role"),
        max_length=10,
        choices=Role.choices,
        default=Role.ORDINARY,
        blank=True,
        help_text=_(
            "Programme reports compare the average score of a course's pre-test and post-test."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("fixed_questions", heading=_("Questions"), label=_("question")),
        InlinePanel("random_draws", heading=_("Questions drawn at random"), label=_("draw")),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("grading_method"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("review_policy"),
                FieldPanel("questions_per_page"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("required"),
                FieldPanel("role"),
            ],
            heading=_("Quiz rules"),
        ),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def get_context(self, request, *args, **kwargs):
        from assessments import selectors
        from courses import selectors as course_selectors
        from courses.translation import source_page

        context = super().get_context(request, *args, **kwargs)
        context["study"] = course_selectors.lesson_view_for(lesson=self, user=request.user)
        context["quiz_view"] = selectors.quiz_view_for(
            quiz=self, source=source_page(self), user=request.user
        )
        return context

    def serve(self, request, *args, **kwargs):
        from courses import serving

        return serving.lesson_serve(self, request, super().serve, *args, **kwargs)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    @property
    def pass_fraction(self) -> Decimal:
        return Decimal(self.pass_mark) / Decimal(100)


class QuizQuestion(Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey(
        "assessments.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = ["question"]


class QuizRandomDraw(Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="random_draws")
    category = models.ForeignKey(
        "assessments.QuestionCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(_("number of questions"), default=5)

    panels = ["category", "count"]


class Attempt(models.Model):
    """One try at a quiz.

    ``layout`` fixes what the learner sees, so a reload shows the same thing:
    ``{"version": 1, "questions": [{"id": <question id>, "order": [<answer keys>]}, ...]}``
    (question ids of the default language; ``order`` is the shuffled order of choices,
    items or matching answers, empty where the type has none).
    """

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        AWAITING_MARKING = "awaiting", _("awaiting marking")
        EXPIRED = "expired", _("closed at the time limit")

    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    seed = models.CharField(max_length=32)
    layout = models.JSONField(default=dict)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=4, null=True)
    passed = models.BooleanField(_("passed"), null=True)
    # The language the learner last answered in: grading uses the question as translated
    # into it (see grading.in_language). Empty: the course's own language.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "learner", "number"], name="attempt_number_unique"
            )
        ]
        indexes = [models.Index(fields=["learner", "quiz", "state"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.quiz} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    @property
    def awaits_marking(self) -> bool:
        return self.state == self.State.AWAITING_MARKING


class Response(models.Model):
    """The answer to one question of an attempt. ``answer`` follows assessments.grading."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(
        "assessments.Question", on_delete=models.PROTECT, related_name="responses"
    )
    position = models.PositiveSmallIntegerField()
    answer = models.JSONField(null=True, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=4, null=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_response_each")
        ]
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.attempt} – {self.position + 1}"
