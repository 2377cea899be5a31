"""Coordinators' screens in the admin: members, CSV import, applications, audit log,
course assignments, the cohort progress table with its exports, and reminders.

Every object is fetched through coordination.scope, so an id typed by hand that belongs to
someone else's cohort answers 404.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordination import csv_import, reminders, scope, selectors, services
from coordination.forms import (
    CourseAssignmentForm,
    CsvUploadForm,
    DecisionForm,
    MemberSearchForm,
    ReminderForm,
)
from coordination.models import AuditEvent, CourseAssignment, EnrolmentApplication, MemberImport
from courses.models import Enrolment
from lms import roles
from lms.admin_pages import admin_header
from lms.forms import status_for

User = get_user_model()


def _require_coordinator(request) -> None:
    if not roles.is_coordinator(request.user):
        raise PermissionDenied


def _cohort(request, cohort_id: int):
    _require_coordinator(request)
    return get_object_or_404(
        scope.cohorts_for(request.user).select_related("course"), pk=cohort_id
    )


def cohort_parents(cohort, *, members: bool = True) -> list[tuple[str, str]]:
    """Cohorts, then (below the members page) the cohort's members, as breadcrumbs."""
    parents = [(_("Cohorts"), reverse("cohorts:index"))]
    if members:
        parents.append((cohort.name, reverse("coordination_members", args=[cohort.pk])))
    return parents


def members(request, cohort_id: int):
    """The cohort's members, and people found by a search to add."""
    cohort = _cohort(request, cohort_id)
    enrolments = selectors.cohort_members_for(cohort=cohort)
    search = MemberSearchForm(request.GET or None)
    found = []
    if search.is_valid():
        member_ids = [e.learner_id for e in enrolments if e.status != Enrolment.Status.WITHDRAWN]
        found = selectors.member_candidates_list(
            user=request.user, query=search.cleaned_data["q"], exclude_ids=member_ids
        )
    return render(
        request,
        "coordination/admin/members.html",
        {
            "cohort": cohort,
            "enrolments": enrolments,
            "search": search,
            "found": found,
            **admin_header(
                _("Members"),
                parents=cohort_parents(cohort, members=False),
                icon="group",
                subtitle=cohort.name,
            ),
        },
    )


@require_POST
def member_add(request, cohort_id: int):
    """Add a learner named by their exact e-mail address; staff and unknown people refused."""
    cohort = _cohort(request, cohort_id)
    learner = scope.member_addable(request.user, request.POST.get("email", ""))
    if learner is None:
        messages.error(request, _("Only a learner can be added, by their exact e-mail address."))
        return redirect("coordination_members", cohort.pk)
    try:
        services.member_add(cohort=cohort, learner=learner, by=request.user)
    except services.CoordinationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s is now a member.") % {"person": learner.email})
    return redirect("coordination_members", cohort.pk)


@require_POST
def member_remove(request, cohort_id: int):
    cohort = _cohort(request, cohort_id)
    learner = get_object_or_404(User, pk=request.POST.get("user"))
    try:
        services.member_remove(cohort=cohort, learner=learner, by=request.user)
    except services.CoordinationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s was removed; their progress is kept.") % {"person": learner.email},
        )
    return redirect("coordination_members", cohort.pk)


def member_import(request, cohort_id: int):
    """Upload a CSV: every row is checked and reported before anything is written."""
    cohort = _cohort(request, cohort_id)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = services.member_import_check(
                cohort=cohort,
                filename=upload.name,
                data=upload.read(csv_import.MAX_BYTES + 1),
                by=request.user,
            )
        except csv_import.CsvError as error:
            form.add_error("file", str(error))
        else:
            return redirect("coordination_import_report", cohort.pk, checked.pk)
    return render(
        request,
        "coordination/admin/import.html",
        {
            "cohort": cohort,
            "form": form,
            **admin_header(
                _("Import a CSV"),
                parents=cohort_parents(cohort),
                icon="upload",
                subtitle=cohort.name,
            ),
        },
        status=status_for(form),
    )


def import_report(request, cohort_id: int, import_id: int):
    cohort = _cohort(request, cohort_id)
    member_import = get_object_or_404(MemberImport, pk=import_id, cohort=cohort)
    if request.method == "POST":
        try:
            result = services.member_import_run(
                member_import=member_import,
                only_valid=request.POST.get("rows") == "valid",
                by=request.user,
            )
        except services.CoordinationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "%(enrolled)s people enrolled (%(created)s new accounts invited by "
                    "e-mail); %(skipped)s rows skipped."
                )
                % result,
            )
            return redirect("coordination_members", cohort.pk)
        member_import.refresh_from_db()
    rows = member_import.rows
    invalid = [row for row in rows if row["errors"]]
    return render(
        request,
        "coordination/admin/import_report.html",
        {
            "cohort": cohort,
            "member_import": member_import,
            "rows": rows,
            "invalid_count": len(invalid),
            "valid_count": len(rows) - len(invalid),
            **admin_header(
                _("Import report"),
                parents=[
                    *cohort_parents(cohort),
                    (_("Import a CSV"), reverse("coordination_import", args=[cohort.pk])),
                ],
                icon="upload",
                subtitle=member_import.filename,
            ),
        },
    )


def applications(request):
    _require_coordinator(request)
    status = request.GET.get("status", EnrolmentApplication.Status.PENDING)
    if status not in EnrolmentApplication.Status.values:
        status = EnrolmentApplication.Status.PENDING
    listed = scope.applications_for(request.user).filter(status=status)[:500]
    return render(
        request,
        "coordination/admin/applications.html",
        {
            "applications": listed,
            "status": status,
            "statuses": EnrolmentApplication.Status.choices,
            **admin_header(_("Applications"), icon="form"),
        },
    )


def application_detail(request, application_id: int):
    _require_coordinator(request)
    application = get_object_or_404(scope.applications_for(request.user), pk=application_id)
    cohorts = scope.cohorts_for(request.user).filter(course_id=application.course_id)
    form = DecisionForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                cohort=form.cleaned_data["cohort"],
                by=request.user,
            )
        except services.CoordinationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision was recorded and the applicant told."))
            return redirect("coordination_applications")
    return render(
        request,
        "coordination/admin/application.html",
        {
            "application": application,
            "form": form,
            **admin_header(
                _("Application"),
                parents=[(_("Applications"), reverse("coordination_applications"))],
                icon="form",
                subtitle=application.course.title,
            ),
        },
    )


def application_letter(request, application_id: int):
    """The nomination letter, to people who may decide the application only."""
    _require_coordinator(request)
    application = get_object_or_404(scope.applications_for(request.user), pk=application_id)
    if not application.letter:
        raise Http404
    response = FileResponse(
        application.letter.open("rb"),
        as_attachment=True,
        filename=f"nomination-{application.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def audit_log(request):
    """Every coordinator change, newest first: programme managers only."""
    if not request.user.has_perm("coordination.view_auditevent"):
        raise PermissionDenied
    action = request.GET.get("action", "")
    events = selectors.audit_events_for(action=action)
    return render(
        request,
        "coordination/admin/audit_log.html",
        {
            "events": events[:500],
            "actions": AuditEvent.Action.choices,
            "action": action,
            **admin_header(_("Audit log"), icon="history"),
        },
    )


def course_assignments(request):
    """Programme managers put coordinators in charge of courses, and take them off."""
    if not roles.is_programme_manager(request.user):
        raise PermissionDenied
    form = CourseAssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_assign(
                course=form.cleaned_data["course"],
                coordinator=form.cleaned_data["coordinator"],
                by=request.user,
            )
        except services.CoordinationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The coordinator is assigned to the course."))
            return redirect("coordination_assignments")
    assignments = selectors.course_assignments_list()
    return render(
        request,
        "coordination/admin/assignments.html",
        {
            "assignments": assignments,
            "form": form,
            **admin_header(_("Course assignments"), icon="user"),
        },
    )


@require_POST
def course_assignment_remove(request, assignment_id: int):
    if not roles.is_programme_manager(request.user):
        raise PermissionDenied
    assignment = get_object_or_404(
        CourseAssignment.objects.select_related("course", "coordinator"), pk=assignment_id
    )
    services.course_unassign(assignment=assignment, by=request.user)
    messages.success(request, _("The assignment was removed."))
    return redirect("coordination_assignments")


# The cohort progress table, its exports and reminders. Every view finds the cohort through
# ``scope.cohorts_for(request.user)``: a cohort someone else coordinates answers 404; people who
# coordinate nothing get 403.

EXPORTS = {
    "csv": (selectors.export_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        selectors.export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


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
            "progress": selectors.cohort_progress_for(cohort=cohort, params=request.GET),
            "reminders": selectors.reminder_batches_for(cohort=cohort),
            "form": ReminderForm(),
            "show_choices": selectors.SHOW_CHOICES,
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
    table = selectors.cohort_progress_for(cohort=cohort, params=request.GET)
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
