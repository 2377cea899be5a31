"""A coordinator uploads a CSV, reads the validation report, imports the valid rows and opens
the cohort's progress table."""

import pytest
from playwright.sync_api import expect

from courses.models import Cohort, Enrolment
from lms import roles
from tests import factories
from tests.e2e.test_certificates_journey import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CSV = (
    "\ufeffemail;given_name;family_name;country;agency_type;job_title;preferred_language\n"
    "ines.sousa@pj.example;Inês;Sousa;Portugal;police;Inspetora;pt\n"
    "not-an-address;Rui;Costa;PT;police;Agente;pt\n"
    "chidi.okeke@efcc.example;Chidi;Okeke;NG;fiu;Analyst;en\n"
)


def test_csv_import_report_then_progress(browser, live_server, home_pages, tmp_path):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Digital evidence", modules=2, lessons=2)
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    cohort = Cohort.objects.create(course=course, name="Lisboa 2026", start_date="2026-01-05")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    csv_file = tmp_path / "intake.csv"
    csv_file.write_text(CSV, encoding="utf-8")

    page = signed_in(browser, live_server, coordinator).new_page()
    page.goto(f"{live_server.url}/admin/coordination/cohorts/")
    page.get_by_role("link", name="Import a CSV").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check the file").click()

    page.get_by_text("2 rows can be imported; 1 rows have problems.").wait_for()
    expect(page.get_by_text("The e-mail address is malformed.")).to_be_visible()
    assert Enrolment.objects.count() == 0  # nothing written before confirming
    page.get_by_role("button", name="Import only the valid rows").click()
    page.get_by_text("2 people enrolled").wait_for()
    assert set(Enrolment.objects.values_list("learner__email", flat=True)) == {
        "ines.sousa@pj.example",
        "chidi.okeke@efcc.example",
    }

    page.get_by_role("link", name="Progress").first.click()
    page.wait_for_url(f"**/admin/coordination/cohorts/{cohort.pk}/progress/**")
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.get_by_text("Sousa").first).to_be_visible()
