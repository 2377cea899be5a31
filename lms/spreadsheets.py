"""Rows of cells as the files people open in a spreadsheet: CSV and XLSX.

Every export of the platform (quiz results, cohort progress, the programme report) writes
through here, so formula injection (ASVS 1.2.10) and UTF-8 for spreadsheets are handled once.
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
