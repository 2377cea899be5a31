"""A coordinator working in English declines the application of a Portuguese-speaking learner;
the learner signs in, is greeted in Portuguese and reads the reason in their notifications, and
the e-mail they were sent is in Portuguese with a link to the public address."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from coordination import services as coordination_services
from lms import roles
from tests import factories
from tests.e2e.test_certificates_journey import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC = "https://academy.example.org"
REASON = "Esta edição é reservada a magistrados."


def test_declined_application_reaches_a_portuguese_learner(
    browser, page, live_server, home_pages, settings
):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(
        index=catalog, title="Digital evidence", modules=1, lessons=1, enrolment="approval"
    )
    learner = factories.make_learner(email="ines@pj.example", preferred_language="pt")
    application = coordination_services.application_submit(
        course=course, applicant=learner, agency_name="PJ", agency_type="police",
        job_title="Inspetora", motivation="Casos de fraude.",
    )  # fmt: skip
    coordinator = factories.make_staff(
        role=roles.COORDINATOR, with_totp=True, preferred_language="en"
    )
    factories.make_course_assignment(coordinator=coordinator, course=course)

    admin = signed_in(browser, live_server, coordinator).new_page()
    admin.goto(f"{live_server.url}/admin/coordination/applications/{application.pk}/")
    admin.get_by_label("Decline").check()
    admin.locator("textarea[name=reason]").fill(REASON)
    admin.get_by_role("button", name="Record the decision").click()
    admin.get_by_text("The decision was recorded and the applicant told.").wait_for()

    (message,) = [m for m in mail.outbox if m.to == [learner.email]]
    assert "não foi aprovada" in message.body
    assert REASON in message.body
    assert f"{PUBLIC}/en/" in message.body  # the course is not translated: its English page
    assert "localhost" not in message.body and "127.0.0.1" not in message.body

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("ines@pj.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/pt/")
    expect(page.get_by_text("Iniciou a sessão como")).to_be_visible()

    page.get_by_role("link", name="Notificações").click()
    page.wait_for_url(f"{live_server.url}/pt/learn/notifications/")
    declined = "A sua candidatura a Digital evidence não foi aprovada"
    expect(page.get_by_text(declined)).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    page.get_by_role("button", name="Marcar como lida").click()
    page.wait_for_url(f"{live_server.url}/pt/learn/notifications/")
    assert page.get_by_text("Não tem notificações.").count() == 0
    assert page.get_by_role("button", name="Marcar como lida").count() == 0
    assert page.js_errors == []
