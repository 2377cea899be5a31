"""The course page tree: catalog -> course -> module -> lesson.

Pages are translatable (wagtail-localize); learning records (enrolments, completions) always
point at the pages of the default language, so progress is the same whichever language a
person reads in. ``courses.selectors`` does the reading, ``courses.services`` the writing;
``get_context`` only calls selectors.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from courses.forms import CoursePageForm
from lms.fields import SanitizedRichTextField


class CourseIndexPage(Page):
    """The catalog: every live course in the current language, with filters and search."""

    intro = SanitizedRichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["courses.CoursePage", "live.LiveSessionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalog")
        verbose_name_plural = _("course catalogs")

    def route(self, request, path_components):
        """Find a page below the catalog by its URL path in one query, not one per level.

        Wagtail's default routing reads each level of the tree in turn (course, module,
        lesson); the result is the same page, and the same rule applies: it must be live.
        """
        if len(path_components) < 2:
            return super().route(request, path_components)
        from django.http import Http404
        from wagtail.url_routing import RouteResult

        url_path = self.url_path + "/".join(path_components) + "/"
        page = (
            Page.objects.filter(url_path=url_path, path__startswith=self.path, live=True)
            .specific()
            .first()
        )
        if page is None:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["catalog"] = selectors.catalog_for(
            index=self, user=request.user, params=request.GET
        )
        return context


class CourseTopic(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class CoursePage(Page):
    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("introductory")
        INTERMEDIATE = "intermediate", _("intermediate")
        ADVANCED = "advanced", _("advanced")

    class Pacing(models.TextChoices):
        SELF_PACED = "self", _("self-paced")
        COHORT_PACED = "cohort", _("cohort-paced")

    class Enrolment(models.TextChoices):
        OPEN = "open", _("open to every verified account")
        INVITATION = "invitation", _("by invitation, through a cohort")
        APPROVAL = "approval", _("on application, approved by a coordinator")

    class Illustration(models.TextChoices):
        PROTECTION = "protection", _("protection (a shield in circles)")
        BLOCKS = "blocks", _("linked blocks")
        LAYERS = "layers", _("layered network")
        DEVICE = "device", _("mobile device")

    class CertificateIssue(models.TextChoices):
        AUTOMATIC = "automatic", _("automatically when the learner completes the course")
        COORDINATOR = "coordinator", _("by a coordinator")
        NONE = "none", _("no certificate")

    summary = models.TextField(_("summary"), max_length=500)
    description = SanitizedRichTextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    illustration = models.CharField(
        _("illustration"),
        max_length=20,
        choices=Illustration.choices,
        blank=True,
        help_text=_("A small abstract drawing on the course's card and at the top of its page."),
    )
    pacing = models.CharField(
        _("pacing"), max_length=10, choices=Pacing.choices, default=Pacing.SELF_PACED
    )
    enrolment = models.CharField(
        _("enrolment"), max_length=12, choices=Enrolment.choices, default=Enrolment.OPEN
    )
    is_open = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_(
            "Anyone may read the lessons without an account; progress is kept in their browser "
            "until they sign up. Needs self-paced pacing and enrolment open to every account."
        ),
    )
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=CourseTopic, blank=True)
    certificate_issue = models.CharField(
        _("certificates"),
        max_length=12,
        choices=CertificateIssue.choices,
        default=CertificateIssue.AUTOMATIC,
    )
    certificate_min_grade = models.PositiveSmallIntegerField(
        _("minimum overall grade (%)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. The average of the required quizzes a learner needs for the certificate, "
            "besides completing every required lesson and passing every required quiz."
        ),
    )
    certificate_validity_years = models.PositiveSmallIntegerField(
        _("certificate valid for (years)"),
        null=True,
        blank=True,
        help_text=_("For certifications that must be renewed; empty means no expiry."),
    )
    content_note = SanitizedRichTextField(
        _("content note"),
        blank=True,
        help_text=_(
            "Shown at the top of the course page, e.g. for a course on a distressing subject."
        ),
    )
    wellbeing_reminder = models.CharField(
        _("wellbeing reminder"),
        max_length=300,
        blank=True,
        help_text=_("A short reminder shown on every lesson of the course."),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="trained_courses",
        help_text=_("Trainers who may add and edit pages in this course."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("content_note"), FieldPanel("wellbeing_reminder")],
            heading=_("Sensitive subject"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_hours"),
                FieldPanel("topics"),
                FieldPanel("illustration"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [FieldPanel("pacing"), FieldPanel("enrolment"), FieldPanel("is_open")],
            heading=_("Pacing and enrolment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_issue"),
                FieldPanel("certificate_min_grade"),
                # certificates.CertificatePolicy points at the course (courses has no foreign
                # key to certificates): at most one, naming the template.
                InlinePanel(
                    "certificate_policies",
                    label=_("certificate template"),
                    max_num=1,
                    help_text=_("Empty: the first certificate template is used."),
                ),
                FieldPanel("certificate_validity_years"),
            ],
            heading=_("Certificate"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("trainers"),
        # mentoring.CourseMentor and mentoring.MentoringPolicy point at the course (courses
        # does not import mentoring): who answers learners' questions, and whether they may ask.
        MultiFieldPanel(
            [
                InlinePanel("mentors", label=_("mentor")),
                InlinePanel("mentoring_policies", label=_("questions to mentors"), max_num=1),
            ],
            heading=_("Mentoring"),
        ),
    ]
    base_form_class = CoursePageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("level"),
        index.FilterField("pacing"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        refusal = self.open_course_refusal(
            is_open=self.is_open, pacing=self.pacing, enrolment=self.enrolment
        )
        if refusal:
            from django.core.exceptions import ValidationError

            raise ValidationError({"is_open": refusal})

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline_for(course=self, user=request.user)
        return context

    @classmethod
    def open_course_refusal(cls, *, is_open: bool, pacing: str, enrolment: str) -> str:
        """Why a course with these settings cannot be open to everyone, or "" when it can.

        An open course is read without an account and joined in one click: a cohort's
        schedule or a coordinator's vetting would contradict that.
        """
        if not is_open:
            return ""
        if pacing == cls.Pacing.COHORT_PACED:
            return _("An open course cannot be cohort-paced: make it self-paced, or not open.")
        if enrolment != cls.Enrolment.OPEN:
            return _(
                "An open course cannot need approval or an invitation: open its enrolment to "
                "every verified account, or make it not open."
            )
        return ""

    @property
    def illustration_template(self) -> str:
        """The template that draws the course's illustration, or "" for none."""
        if self.illustration not in self.Illustration.values:
            return ""
        return f"courses/illustrations/{self.illustration}.svg"

    @property
    def is_cohort_paced(self) -> bool:
        return self.pacing == self.Pacing.COHORT_PACED


class CourseCollection(models.Model):
    """The collection that holds a course's images and documents.

    Kept apart from ``CoursePage`` so that publishing an older revision of the course
    cannot change it. The course's trainers and the lead trainers add, change and choose
    images and documents in it (``courses.services.course_trainers_sync``).
    """

    course = models.OneToOneField(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="media_collection",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("course collection")
        verbose_name_plural = _("course collections")

    def __str__(self) -> str:
        return str(self.collection)


class ModulePage(Page):
    """A module; its place among its siblings in the page tree is its order."""

    summary = models.TextField(_("summary"), max_length=500, blank=True)
    release_offset_days = models.PositiveSmallIntegerField(
        _("opens after (days)"),
        default=0,
        help_text=_("Cohort-paced courses: days after the cohort's start date."),
    )
    due_offset_days = models.PositiveSmallIntegerField(
        _("due after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Cohort-paced courses: the day, counted from the cohort's start date, by which "
            "learners should have finished the module. Empty for no due date."
        ),
    )
    prerequisite = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("prerequisite module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("This module stays locked until the learner completes that one."),
    )
    # What a learner can do after the module; each quiz question of the curriculum files
    # names the one it tests (content/README.md). Block ids come from the outcome ids.
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
        default=list,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("outcomes"),
        FieldPanel("release_offset_days"),
        FieldPanel("due_offset_days"),
        FieldPanel("prerequisite"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = [
        "courses.LessonPage",
        "assessments.QuizPage",
        "discussions.DiscussionPage",
        "live.LiveSessionPage",
    ]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self):
        super().clean()
        if self.due_offset_days is not None and self.due_offset_days < self.release_offset_days:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"due_offset_days": _("A module cannot be due before it opens.")}
            )

    def serve(self, request, *args, **kwargs):
        """A module has no page of its own: send people to its first lesson, or the course.

        In the admin's preview it renders its lessons, so trainers can check it before
        publishing.
        """
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        from django.shortcuts import redirect

        first = self.get_children().live().first()
        return redirect((first or self.get_parent()).get_url(request))


class LessonPage(Page):
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone may read this lesson without enrolling."),
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Learners must complete this lesson to complete the course."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("estimated_minutes"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("free_preview"), FieldPanel("required")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["study"] = selectors.lesson_view_for(lesson=self, user=request.user)
        return context

    def serve(self, request, *args, **kwargs):
        from courses import serving

        return serving.lesson_serve(self, request, super().serve, *args, **kwargs)
