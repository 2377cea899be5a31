"""Rows of cells as the files people open in a spreadsheet: CSV and XLSX.

Every export of the platform (quiz results, cohort progress, the programme report) writes
through here, so formula injection (ASVS 1.2.10) and UTF-8 for spreadsheets are handled once.
Wagtail's own listing and report exports (the cohorts listing, the out-of-date translations
report, site history, locked and aging pages, workflows, redirects, form submissions) are
routed through ``cell`` as well, by ``wagtail_exports_make_formula_safe``.
"""

import csv
import io


def cell(value) -> object:
    """A spreadsheet cell that cannot run as a formula (CSV injection, ASVS 1.2.10)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheets read UTF-8


def xlsx_bytes(rows, *, title: str) -> bytes:
    """One sheet named ``title`` (cut to Excel's 31 characters) holding ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CSV_BOM = "\ufeff"


def wagtail_exports_make_formula_safe() -> None:
    """Make every Wagtail ``SpreadsheetExportMixin`` export write its cells through ``cell``.

    Wagtail writes CSV cells as typed (it only turns XLSX formulas into text), so a cohort
    name or page title starting with ``=`` reached the coordinator's spreadsheet as a formula.
    Patching the mixin once, at start-up, covers every view that inherits it (Wagtail's
    reports and listings and ours) including those added by a later Wagtail release, where
    overriding view by view would miss them. Headings go through ``cell`` too, and CSV
    files start with a BOM so that spreadsheets read them as UTF-8, like our own exports.
    Calling it twice changes nothing.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_lms_formula_safe", False):
        return
    plain_value = SpreadsheetExportMixin.preprocess_field_value
    plain_heading = SpreadsheetExportMixin.get_heading
    plain_stream = SpreadsheetExportMixin.stream_csv

    def preprocess_field_value(self, field, value, export_format):
        return cell(plain_value(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return cell(plain_heading(self, queryset, field))

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from plain_stream(self, queryset)

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin._lms_formula_safe = True
