"""Forms of the coordinators' workspace and of the learner's application."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from coordination import reminders
from coordination.models import EnrolmentApplication
from courses.models import Cohort, CoursePage
from lms import roles
from lms.models import Profile


class CohortForm(forms.ModelForm):
    """Course, name, country, dates and coordinators.

    The courses offered are those ``for_user`` is assigned to, in the source language; a
    cohort with members keeps its course (coordination.services.cohort_save says why).
    """

    class Meta:
        model = Cohort
        fields = ["course", "name", "country", "start_date", "end_date", "coordinators"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "coordinators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from coordination.scope import assigned_courses_for

        if for_user is not None:
            courses = assigned_courses_for(for_user)
        else:
            courses = CoursePage.objects.filter(locale_id=Locale.get_default().pk)
        self.fields["course"].queryset = courses.order_by("title")
        self.fields["coordinators"].queryset = (
            get_user_model()
            .objects.filter(groups__name__in=[roles.COORDINATOR, roles.PROGRAMME_MANAGER])
            .distinct()
            .order_by("email")
        )
        self.fields["coordinators"].required = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        course = cleaned.get("course")
        if (
            self.instance.pk
            and course is not None
            and course.pk != self.instance.course_id
            and self.instance.enrolments.exists()
        ):
            self.add_error("course", _("The course cannot change: the cohort has members."))
        return cleaned


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find people by name or e-mail"),
        max_length=200,
        help_text=_(
            "Members of your cohorts by name or part of their address; anyone else by their "
            "exact e-mail address."
        ),
    )


class CourseAssignmentForm(forms.Form):
    """A programme manager puts a coordinator in charge of a course."""

    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=get_user_model()
        .objects.filter(groups__name=roles.COORDINATOR)
        .distinct()
        .order_by("email"),
    )
    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(
            locale_id=Locale.get_default().pk
        ).order_by("title")


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, given_name, family_name, country, agency_type, job_title, "
            "preferred_language. UTF-8, separated by commas or semicolons."
        ),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort to join"), queryset=Cohort.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts if cohorts is not None else Cohort.objects.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", _("Give the reason for declining; the applicant will read it.")
            )
        return cleaned


class ApplicationForm(forms.ModelForm):
    """What a practitioner tells the coordinators when applying for a vetted course."""

    agency_type = forms.ChoiceField(label=_("agency type"), choices=Profile.AgencyType.choices)
    letter = forms.FileField(
        label=_("Nomination letter (PDF, up to 2 MB, optional)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = EnrolmentApplication
        fields = ["agency_name", "agency_type", "job_title", "supervisor_email", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 5})}

    def clean_letter(self):
        from coordination.services import letter_problem

        letter = self.cleaned_data.get("letter")
        problem = letter_problem(letter)
        if problem:
            raise forms.ValidationError(problem)
        return letter


class ReminderForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        help_text=_("Plain text, added to the standard reminder."),
        required=False,
        max_length=reminders.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
