"""A practitioner in São Paulo, reading in French, sees a timed quiz's deadline in São Paulo time.

Their profile has no zone yet: the browser reports its own, and it is saved to the profile.
"""

from zoneinfo import ZoneInfo

import pytest

from assessments import services as quiz_services
from courses import services as course_services
from lms.models import Profile
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def sao_paulo_page(browser):
    context = browser.new_context(
        locale="fr-FR", timezone_id="America/Sao_Paulo", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


def test_the_deadline_is_shown_in_the_browsers_zone_in_french(
    sao_paulo_page, live_server, home_pages
):
    page = sao_paulo_page
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Evidence basics", modules=1, lessons=1)
    module = course.get_children().first().specific
    quiz = factories.make_quiz(
        module=module, questions=[factories.make_question()], time_limit_minutes=30
    )
    learner = factories.make_user(email="investigadora@example.org", preferred_language="fr")
    Profile.objects.filter(user=learner).update(time_zone="")
    course_services.enrolment_create(learner=learner, course=course)
    attempt = quiz_services.attempt_start(learner=learner, quiz=quiz)

    page.goto(f"{live_server.url}/fr/accounts/login/?next=/fr/accounts/profile/")
    page.get_by_label("E-mail").fill("investigadora@example.org")
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/fr/accounts/profile/")
    # No zone chosen yet: the profile proposes the browser's.
    assert page.get_by_label("Fuseau horaire").input_value() == "America/Sao_Paulo"

    page.goto(f"{live_server.url}/fr/learn/attempt/{attempt.pk}/")
    local = attempt.deadline.astimezone(ZoneInfo("America/Sao_Paulo"))
    deadline = page.locator("p.deadline time")
    assert deadline.inner_text().endswith(f" à {local:%H:%M} (America/Sao Paulo)")
    assert deadline.get_attribute("datetime") == f"{attempt.deadline:%Y-%m-%dT%H:%M:%SZ}"
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "America/Sao_Paulo"
    assert page.js_errors == []
