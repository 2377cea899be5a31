"""The programme report in the admin, and its CSV and XLSX exports. Thin: parse, check, read."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.admin_pages import admin_header
from lms.timezones import local_datetime
from reports import charts, exports, selectors
from reports.forms import ReportFilterForm
from reports.tables import report_tables

EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", exports.report_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.report_xlsx,
    ),
}


def suppress_below() -> int:
    """Counts of 1 to this minus one people are hidden; 0 shows every count."""
    return getattr(settings, "LMS_REPORT_SUPPRESS_BELOW", 5)


class NotAllowed(Exception):
    pass


def _scoped_form(request) -> tuple[selectors.ReportScope, ReportFilterForm]:
    report_scope = selectors.report_scope_for(request.user)
    if report_scope is None:
        raise NotAllowed
    form = ReportFilterForm(request.GET, report_scope=report_scope)
    if not form.is_valid() and form.asks_for_hidden_data():
        raise Http404
    return report_scope, form


def _forbidden(request):
    """A real 403: Wagtail would turn PermissionDenied into a redirect to the dashboard,
    which tells a script downloading the export nothing."""
    return render(
        request,
        "reports/admin/forbidden.html",
        admin_header(_("Programme report"), icon="table"),
        status=403,
    )


def programme_report(request):
    try:
        report_scope, form = _scoped_form(request)
    except NotAllowed:
        return _forbidden(request)
    context = {
        "form": form,
        "whole_programme": report_scope.whole_programme,
        **admin_header(_("Programme report"), icon="table"),
    }
    if form.is_valid():
        report = selectors.programme_report_for(
            report_scope=report_scope, filters=form.report_filters()
        )
        tables = report_tables(report, suppress_below=suppress_below())
        context.update(
            sections=[(table, charts.bar_chart(table)) for table in tables],
            filters=form.description(),
            suppress_below=suppress_below(),
            query=request.GET.urlencode(),
        )
    return render(request, "reports/admin/programme_report.html", context)


def programme_report_export(request, file_format: str):
    if file_format not in EXPORT_TYPES:
        raise Http404
    try:
        report_scope, form = _scoped_form(request)
    except NotAllowed:
        return _forbidden(request)
    if not form.is_valid():
        return redirect(reverse("reports_programme") + "?" + request.GET.urlencode())
    report = selectors.programme_report_for(
        report_scope=report_scope, filters=form.report_filters()
    )
    tables = report_tables(report, suppress_below=suppress_below())
    content_type, writer = EXPORT_TYPES[file_format]
    response = HttpResponse(
        writer(tables, heading=_heading(report_scope, form)), content_type=content_type
    )
    filename = f"programme-report-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _heading(report_scope: selectors.ReportScope, form: ReportFilterForm) -> list[list[str]]:
    """What the file covers, so a spreadsheet passed on still says what it counts."""
    lines = [
        [_("Programme report")],
        [
            _("Scope"),
            _("whole programme")
            if report_scope.whole_programme
            else _("the cohorts you coordinate"),
        ],
        *[[label, value] for label, value in form.description()],
        [_("Produced"), local_datetime(timezone.now())[1]],
    ]
    below = suppress_below()
    if below:
        note = _("Counts of fewer than %(below)s people are shown as <%(below)s.")
        lines.append([note % {"below": below}])
    return lines
