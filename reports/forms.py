"""The report's filters: a plain GET form, limited to what the person may see."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from reports import selectors


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(cohort)s (%(course)s)") % {"cohort": obj.name, "course": obj.course.title}


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Both days included. Leave empty for all time."),
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All courses"),
    )
    cohort = CohortChoiceField(
        label=gettext_lazy("Cohort"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All cohorts"),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, report_scope: selectors.ReportScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.report_courses_for(report_scope)
        self.fields["cohort"].queryset = selectors.report_cohorts_for(report_scope)
        self.fields["country"].choices = [("", _("All countries")), *countries]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned

    def asks_for_hidden_data(self) -> bool:
        """A course or cohort outside the person's scope, as when an id is changed by hand."""
        return any(
            error.code == "invalid_choice"
            for name in ("course", "cohort")
            for error in self.errors.as_data().get(name, [])
        )

    def report_filters(self) -> selectors.ReportFilters:
        data = self.cleaned_data
        return selectors.ReportFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            course_id=data["course"].pk if data.get("course") else None,
            cohort_id=data["cohort"].pk if data.get("cohort") else None,
            country=data.get("country") or "",
        )

    def description(self) -> list[tuple[str, str]]:
        """The filters applied, as (label, value) lines for the page and the exports."""
        data = self.cleaned_data
        lines = []
        for name in ("date_from", "date_to"):
            if data.get(name):
                lines.append((str(self.fields[name].label), data[name].isoformat()))
        if data.get("course"):
            lines.append((_("Course"), data["course"].title))
        if data.get("cohort"):
            lines.append((_("Cohort"), data["cohort"].name))
        if data.get("country"):
            lines.append((_("Country"), str(countries.name(data["country"]))))
        return lines
