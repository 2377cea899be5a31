"""CSV and XLSX downloads: the same tables as the page, suppression included."""

import csv
import io

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from lms.models import Profile

pytestmark = pytest.mark.django_db

URL = "/admin/reports/programme/"


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    """The header and rows of one table of the CSV, up to the blank line after it."""
    start = rows.index([title]) + 1
    end = rows.index([], start)
    return rows[start:end]


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
@pytest.mark.engine_sensitive
def test_csv_holds_every_table(manager_client, programme):
    response = manager_client.get(URL + "export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="programme-report-')
    rows = csv_rows(response)
    assert rows[0] == ["Programme report"]
    assert ["Scope", "whole programme"] in rows
    assert section(rows, "By country") == [
        ["Country", "Practitioners enrolled", "Practitioners who completed"],
        ["Portugal", "2", "2"],
        ["Brazil", "2", "1"],
        ["Mozambique", "2", "1"],
    ]
    assert section(rows, "Knowledge gain")[1:] == [
        ["Digital evidence", "all cohorts", "3", "40.0", "80.0", "40.0"],
        ["Digital evidence", "Lisbon intake", "2", "50.0", "85.0", "35.0"],
        ["Digital evidence", "Maputo intake", "1", "20.0", "70.0", "50.0"],
    ]
    assert ["Certificates issued", "5"] in section(rows, "Summary")


def test_csv_suppresses_small_counts(manager_client, programme):
    rows = csv_rows(manager_client.get(URL + "export.csv"))
    assert ["Counts of fewer than 5 people are shown as <5."] in rows
    # Suppressed rows come in alphabetical order, which says nothing about their sizes.
    assert section(rows, "By country")[1:] == [
        ["Brazil", "<5", "<5"],
        ["Mozambique", "<5", "<5"],
        ["Portugal", "<5", "<5"],
    ]
    summary = section(rows, "Summary")
    assert ["Practitioners enrolled", "6"] in summary  # five or more is shown
    assert ["Practitioners who completed", "<5"] in summary
    assert ["Countries of the practitioners enrolled", "3"] in summary  # not a count of people
    # Averages of fewer than five people would give their scores away.
    assert section(rows, "Knowledge gain")[1] == [
        "Digital evidence",
        "all cohorts",
        "<5",
        "",
        "",
        "",
    ]


def test_xlsx_has_a_sheet_per_table_with_the_same_cells(manager_client, programme):
    response = manager_client.get(URL + "export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Report", "Summary", "By year"]
    assert "Knowledge gain" in workbook.sheetnames
    countries = [list(row) for row in workbook["By country"].iter_rows(values_only=True)]
    assert countries[0] == ["Country", "Practitioners enrolled", "Practitioners who completed"]
    assert countries[1:] == [
        ["Brazil", "<5", "<5"],
        ["Mozambique", "<5", "<5"],
        ["Portugal", "<5", "<5"],
    ]
    summary = dict(workbook["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Practitioners enrolled"] == 6  # a number, not text


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
@pytest.mark.engine_sensitive
def test_xlsx_numbers_stay_numbers_without_suppression(manager_client, programme):
    workbook = load_workbook(io.BytesIO(manager_client.get(URL + "export.xlsx").content))
    gain = list(workbook["Knowledge gain"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert gain == [("Digital evidence", "all cohorts", 3, 40.0, 80.0, 40.0)]


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
def test_a_job_title_that_looks_like_a_formula_stays_text(manager_client, programme):
    Profile.objects.filter(user=programme.learners[1]).update(job_title='=HYPERLINK("x")')
    rows = csv_rows(manager_client.get(URL + "export.csv"))
    assert ['\'=HYPERLINK("x")', "1", "1"] in section(rows, "By job title")
    workbook = load_workbook(io.BytesIO(manager_client.get(URL + "export.xlsx").content))
    cells = [row[0] for row in workbook["By job title"].iter_rows(min_row=2)]
    quoted = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert quoted.value == '\'=HYPERLINK("x")' and quoted.data_type == "s"


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
def test_exports_follow_the_filters_and_say_so(manager_client, programme):
    rows = csv_rows(
        manager_client.get(
            URL + f"export.csv?cohort={programme.lisbon.pk}&date_from=2025-01-01&country=PT"
        )
    )
    assert ["Cohort", "Lisbon intake"] in rows and ["From", "2025-01-01"] in rows
    assert ["Country", "Portugal"] in rows
    assert section(rows, "By cohort")[1:] == [["Lisbon intake (Digital evidence)", "2", "2"]]


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
def test_a_coordinators_export_holds_only_their_cohorts(coordinator_client, programme):
    rows = csv_rows(coordinator_client.get(URL + "export.csv"))
    assert ["Scope", "the cohorts you coordinate"] in rows
    assert section(rows, "By cohort")[1:] == [["Lisbon intake (Digital evidence)", "3", "2"]]
    text = "\n".join(",".join(row) for row in rows)
    assert "Maputo" not in text and "Accra" not in text and "Cryptocurrency" not in text
