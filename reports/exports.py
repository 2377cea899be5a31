"""The programme report as a CSV file (one section per table) or an XLSX workbook (one sheet
per table), with the same suppressed cells as the page."""

from django.utils.translation import gettext as _

from lms import spreadsheets
from reports.tables import Suppressed, Table


def _value(value) -> object:
    """A cell as a spreadsheet should hold it: numbers stay numbers, text cannot be a formula."""
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return str(value)
    return spreadsheets.cell(value)


def report_rows(tables: list[Table], *, heading: list[list[str]]) -> list[list[object]]:
    """Every table one after another: its title, its header, its rows and a blank line."""
    rows: list[list[object]] = [[_value(cell) for cell in line] for line in heading]
    rows.append([])
    for table in tables:
        rows.append([_value(table.title)])
        rows.append([_value(label) for label in table.header])
        rows.extend([_value(cell) for cell in row] for row in table.rows)
        rows.append([])
    return rows


def report_csv(tables: list[Table], *, heading: list[list[str]]) -> bytes:
    return spreadsheets.csv_bytes(report_rows(tables, heading=heading))


def report_xlsx(tables: list[Table], *, heading: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    about = workbook.active
    about.title = _sheet_title(_("Report"), set())
    for line in heading:
        about.append([_value(cell) for cell in line])
    used = {about.title}
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        used.add(sheet.title)
        sheet.append([_value(label) for label in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_value(cell) for cell in row])
        sheet.column_dimensions["A"].width = 40
    return spreadsheets.workbook_bytes(workbook)


def _sheet_title(title: str, used: set[str]) -> str:
    """At most 31 characters, none of the ones Excel refuses, and unique in the workbook."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()[:31] or "Sheet"
    candidate, n = cleaned, 2
    while candidate in used:
        suffix = f" {n}"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    return candidate
