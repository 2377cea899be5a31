"""A member of the public in Bangkok registers for a public webinar without an account."""

import pytest
from django.core import mail

from live.models import Registration
from tests import factories
from tests.live.factories import make_live_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def bangkok_page(browser):
    context = browser.new_context(
        locale="en-GB", timezone_id="Asia/Bangkok", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


def test_a_public_registrant_sees_bangkok_time_registers_and_gets_a_personal_link(
    bangkok_page, live_server, home_pages
):
    page = bangkok_page
    catalog = factories.make_catalog(home_pages["en"])
    session = make_live_session(
        parent=catalog, title="Sextortion: what parents can do", reference_time_zone="Europe/Paris"
    )
    url = f"{live_server.url}{session.get_url()}"
    page.goto(url)
    page.reload()  # the first visit reported the browser's zone in a cookie
    assert page.locator(".live-times time").first.inner_text().endswith("(Asia/Bangkok)")
    assert "(Europe/Paris)" in page.locator(".live-times").inner_text()

    page.get_by_label("Name", exact=True).fill("Somchai <b>P.</b>")
    page.get_by_label("E-mail", exact=True).fill("somchai@example.org")
    page.get_by_label("Country", exact=True).select_option("TH")
    page.get_by_label("Affiliation", exact=True).select_option("other")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Check your e-mail").wait_for()

    registration = Registration.objects.get()
    assert (registration.name, registration.time_zone) == ("Somchai <b>P.</b>", "Asia/Bangkok")
    (message,) = mail.outbox
    assert "(Asia/Bangkok)" in message.body
    access = next(line for line in message.body.splitlines() if "/live/access/" in line)
    page.goto(live_server.url + access[access.index("/en/live/access/") :].strip())
    page.get_by_text("Registration of Somchai <b>P.</b>.").wait_for()
    assert page.get_by_role("link", name="Join the session").count() == 0
    assert page.js_errors == []
