"""A coordinator brings a classroom laptop's results back: uploads the bundle, reads what the
import will do, imports it, and finds the room's learners under the programme report's
delivery mode."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import expect

from classroom import bundle as bundles
from classroom import services
from classroom.models import Attendance
from courses.models import Cohort
from lms import roles
from tests import factories
from tests.classroom.test_results_import import results_bundle
from tests.e2e.test_certificates_journey import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_results_come_back_and_count_as_offline_classroom(
    browser, live_server, home_pages, tmp_path, settings
):
    settings.LMS_REPORT_SUPPRESS_BELOW = 0
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Field triage", modules=1, lessons=1)
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    cohort = Cohort.objects.create(course=course, name="Dakar, March", start_date="2026-01-05")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    learners = [factories.make_learner(email=f"room{n}@example.org") for n in range(2)]
    for learner in learners:
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    key = Ed25519PrivateKey.generate()
    services.node_key_register(
        cohort=cohort, fingerprint=bundles.fingerprint(bundles.public_key_text(key))
    )
    days = [{"learner": learner.pk, "day": "2026-01-06"} for learner in learners]
    bundle = tmp_path / "results.zip"
    bundle.write_bytes(
        results_bundle({"cohort": cohort, "learners": learners}, key, attendance=days)
    )

    page = signed_in(browser, live_server, coordinator).new_page()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Classroom results").click()
    page.get_by_label("Results bundle (.zip)").set_input_files(str(bundle))
    page.get_by_role("button", name="Check the bundle").click()
    expect(page.get_by_text("New attendance days: 2")).to_be_visible()
    assert not Attendance.objects.exists()  # nothing written before confirming
    page.get_by_role("button", name="Import these results").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    assert Attendance.objects.count() == 2

    page.get_by_role("link", name="Programme report").click()
    section = page.locator("#report-delivery")
    expect(section.get_by_role("heading", name="By delivery mode")).to_be_visible()
    row = section.get_by_role("row", name="offline classroom")
    expect(row.get_by_role("cell").first).to_have_text("2")
