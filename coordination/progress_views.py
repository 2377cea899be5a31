"""The cohort progress table, its exports, and reminders to at-risk learners (admin views).

Every view finds the cohort through ``scope.cohorts_for(request.user)``: a cohort someone
else coordinates answers 404; people who coordinate nothing get 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from coordination import progress, reminders, scope
from coordination.admin_views import cohort_parents
from lms import roles
from lms.admin_pages import admin_header

EXPORTS = {
    "csv": (progress.export_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        progress.export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


class ReminderForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message (optional)"),
        help_text=gettext_lazy("Plain text, added to the standard reminder."),
        required=False,
        max_length=reminders.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _cohort_for(request, cohort_id: int):
    if not roles.is_coordinator(request.user):
        raise PermissionDenied
    cohorts = scope.cohorts_for(request.user).select_related("course")
    return get_object_or_404(cohorts, pk=cohort_id)


def cohort_progress(request, cohort_id: int):
    cohort = _cohort_for(request, cohort_id)
    return render(
        request,
        "coordination/progress.html",
        {
            "cohort": cohort,
            "progress": progress.cohort_progress_for(cohort=cohort, params=request.GET),
            "reminders": reminders.reminder_batches_for(cohort=cohort),
            "form": ReminderForm(),
            "show_choices": progress.SHOW_CHOICES,
            **admin_header(
                _("Progress"),
                parents=cohort_parents(cohort),
                icon="group",
                subtitle=cohort.name,
            ),
        },
    )


def cohort_progress_export(request, cohort_id: int, fmt: str):
    """The table as shown (same filters and order) in CSV or XLSX."""
    if fmt not in EXPORTS:
        raise Http404
    cohort = _cohort_for(request, cohort_id)
    table = progress.cohort_progress_for(cohort=cohort, params=request.GET)
    export, content_type = EXPORTS[fmt]
    filename = f"{slugify(cohort.name) or 'cohort'}-progress-{timezone.localdate()}.{fmt}"
    return HttpResponse(
        export(table),
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@require_POST
def cohort_remind(request, cohort_id: int):
    """Send a reminder to the cohort's at-risk learners (by a background task)."""
    cohort = _cohort_for(request, cohort_id)
    form = ReminderForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("message", []):
            messages.error(request, error)
        return redirect("coordination_progress", cohort.pk)
    try:
        batch = reminders.reminder_batch_create(
            cohort=cohort, sent_by=request.user, message=form.cleaned_data["message"]
        )
    except reminders.ReminderRefused as refusal:
        messages.error(request, refusal.message)
    else:
        count = batch.recipients.count()
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d at-risk learner.",
                "A reminder is on its way to %(count)d at-risk learners.",
                count,
            )
            % {"count": count},
        )
    return redirect("coordination_progress", cohort.pk)
