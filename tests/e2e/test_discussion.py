"""A Spanish-speaking learner replies to a discussion case; a trainer pins one reply and hides
another; the learner sees both, and the module's progress has moved."""

import datetime

import pytest
from django.utils import timezone

from courses import services as course_services
from courses.models import Cohort, LessonPage
from discussions import services
from discussions.models import DiscussionPage
from tests import factories
from tests.e2e.test_staff_journeys import PASSWORDS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPLY = "Primero preservaría la conversación y pediría la conservación de los datos."


def test_learner_replies_in_spanish_and_a_trainer_pins_and_hides(
    browser, live_server, home_pages, monkeypatch
):
    from playwright.sync_api import expect

    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(
        index=catalog, title="OCSEA basics", modules=1, lessons=1, pacing="cohort"
    )
    module = course.get_children().first().specific
    case = factories.make_discussion(module=module, title="The Friday referral")
    factories.translate_tree(course, "es")
    spanish_case = DiscussionPage.objects.get(
        translation_key=case.translation_key, locale__language_code="es"
    )
    cohort = Cohort.objects.create(
        course=course, name="Bogotá 2026", start_date=timezone.localdate() - datetime.timedelta(1)
    )
    learner = factories.make_user(
        email="fiscal@example.org",
        preferred_language="es",
        given_name="Lucía",
        family_name="Gómez",
    )
    classmate = factories.make_learner(given_name="Carla", family_name="Ruiz")
    for person in (learner, classmate):
        factories.make_enrolment(learner=person, course=course, cohort=cohort)
    lesson = LessonPage.objects.get(locale=case.locale)
    course_services.lesson_complete(learner=learner, lesson=lesson)
    services.reply_post(author=classmate, discussion=case, text="Llamaría a la fiscalía de turno.")
    trainer = factories.make_course_trainer(course=course)
    monkeypatch.setitem(PASSWORDS, trainer.email, factories.PASSWORD)

    # The learner reads the case in Spanish and replies; the case counts, so the course is done.
    context = browser.new_context(locale="es", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/es/accounts/login/")
    page.locator("input[name=login]").fill("fiscal@example.org")
    page.locator("input[name=password]").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/es/")
    page.goto(f"{live_server.url}{spanish_case.url}")
    sidebar = page.locator(".lesson-sidebar")
    assert "0 de 1 caso para debatir respondido" in sidebar.inner_text()
    expect(page.get_by_text("Llamaría a la fiscalía de turno.")).to_be_visible()
    page.get_by_label("Su respuesta").fill(REPLY)
    page.get_by_role("button", name="Publicar su respuesta").click()
    expect(page.get_by_text("Su respuesta se ha publicado para su grupo.")).to_be_visible()
    expect(page.get_by_text(REPLY)).to_be_visible()
    assert "1 de 1 caso para debatir respondido" in sidebar.inner_text()
    assert sidebar.locator(".progress-value").inner_text().startswith("100")

    # The trainer pins the learner's reply and hides the classmate's, with a reason.
    admin = sign_in(browser, live_server.url, trainer.email, "en")
    admin.goto("/admin/discussions/")
    admin.page.get_by_role("link", name="The Friday referral").click()
    mine = admin.page.get_by_role("region", name="Reply by Lucía Gómez")
    mine.get_by_role("button", name="Pin as exemplary").click()
    expect(
        admin.page.get_by_text("The reply is pinned: the cohort sees it first.")
    ).to_be_visible()
    theirs = admin.page.get_by_role("region", name="Reply by Carla Ruiz")
    theirs.get_by_label("Reason for hiding (the author reads it)").fill("Fuera de tema")
    theirs.get_by_role("button", name="Hide").click()
    expect(admin.page.get_by_text("The reply is hidden; its author sees why.")).to_be_visible()
    assert admin.problems == []
    admin.page.context.close()

    # The learner sees their reply first, marked exemplary, and the hidden one is gone.
    page.reload()
    replies = page.locator("article.reply")
    assert replies.count() == 1
    assert "respuesta ejemplar" in replies.first.inner_text()
    assert page.get_by_text("Llamaría a la fiscalía de turno.").count() == 0
    context.close()
