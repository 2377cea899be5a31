"""A coordinator issues certificates to a cohort, a learner downloads the PDF, and anyone can
verify it: valid, then revoked once the coordinator revokes it."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.models import Cohort
from lms import roles
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signed_in(browser, live_server, user):
    """A browser context already signed in as ``user`` (two-factor done beforehand)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_issue_download_verify_and_revoke(browser, live_server, home_pages):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(
        index=catalog, title="Digital evidence", modules=1, lessons=1,
        certificate_issue="coordinator",
    )  # fmt: skip
    cohort = Cohort.objects.create(course=course, name="Dakar 2026", start_date="2026-01-05")
    learner = factories.make_learner(given_name="Awa", family_name="Ndiaye")
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    complete(learner, course)
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)

    admin = signed_in(browser, live_server, coordinator).new_page()
    admin.goto(f"{live_server.url}/admin/certificates/course/{course.pk}/?cohort={cohort.pk}")
    admin.get_by_role("button", name="Issue their certificates").click()
    admin.get_by_text("1 of 1 certificates issued").wait_for()

    learner_page = signed_in(browser, live_server, learner).new_page()
    learner_page.goto(f"{live_server.url}/en/learn/")
    with learner_page.expect_download() as download:
        learner_page.get_by_role("link", name="Download the certificate (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    certificate = Certificate.objects.get(learner=learner)
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(f"{live_server.url}/verify/{certificate.code}/")  # the QR link, no language
    expect(visitor.get_by_text("Certificat valide")).to_be_visible()
    expect(visitor.get_by_text("Awa Ndiaye")).to_be_visible()

    admin.goto(f"{live_server.url}/admin/certificates/{certificate.code}/revoke/")
    admin.get_by_label("Reason for revocation").select_option("error")
    admin.get_by_role("button", name="Revoke").click()
    admin.wait_for_url(f"**/admin/certificates/course/{course.pk}/")

    visitor.reload()
    expect(visitor.get_by_text("Ce certificat a été révoqué.")).to_be_visible()
