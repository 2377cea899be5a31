"""A Spanish-speaking practitioner in a cohort picks up where they left off, reads the syllabus,
opens their calendar and downloads it as an .ics file."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses import services
from courses.models import Cohort, LessonPage
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_learner_continues_reads_the_syllabus_and_downloads_the_calendar(
    page, live_server, home_pages
):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(
        index=catalog, modules=0, pacing="cohort", title="Diploma on online exploitation"
    )
    for week in range(3):
        module = factories.make_module(
            course=course, title=f"Week {week + 1} module", release_offset_days=7 * week
        )
        for number in range(2 if week == 0 else 1):
            factories.make_lesson(module=module, title=f"Lesson {week + 1}.{number + 1}")
    factories.translate_tree(course, "es")
    cohort = Cohort.objects.create(
        course=course,
        name="Madrid intake",
        start_date=timezone.localdate() - datetime.timedelta(days=3),
        end_date=timezone.localdate() + datetime.timedelta(days=80),
    )
    learner = factories.make_learner(email="fiscal@example.org", preferred_language="es")
    services.enrolment_create(learner=learner, course=course, cohort=cohort)
    first = LessonPage.objects.filter(locale__language_code="en").get(title="Lesson 1.1")
    services.lesson_complete(learner=learner, lesson=first)

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/es/accounts/login/")
    page.locator("input[name=login]").fill("fiscal@example.org")
    page.locator("input[name=password]").fill(factories.PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/es/")

    # The dashboard: progress counted in lessons, and Continue skips the lesson already done.
    page.get_by_role("link", name="Mi aprendizaje").first.click()
    expect(page.get_by_text("1 de 4 lecciones completadas")).to_be_visible()
    assert _no_sideways_scroll(page)
    page.get_by_role("link", name="Continuar: Lesson 1.2").click()
    expect(page.locator("h1")).to_have_text("Lesson 1.2")
    # The syllabus: weeks, what is done, and when the third week opens.
    page.locator(".breadcrumb a").click()
    syllabus = page.locator("section", has=page.locator("#syllabus-heading"))
    expect(syllabus.get_by_text("Semana 3")).to_be_visible()
    assert syllabus.get_by_text("Este módulo se abre el").count() == 2  # weeks 2 and 3
    expect(syllabus.get_by_text("completada", exact=True).first).to_be_visible()

    # The calendar, then its .ics file.
    syllabus.get_by_role("link", name="Mi calendario").click()
    expect(page.locator("h1")).to_have_text("Mi calendario")
    expect(page.get_by_text("Apertura del módulo: Week 3 module")).to_be_visible()
    expect(page.get_by_text("Fin del grupo: Madrid intake")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Apertura del módulo: Week 3 module\r\n" in text.replace("\r\n ", "")

    # On a wide screen the upcoming dates sit beside the course cards.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Mi aprendizaje").first.click()
    cards = page.locator(".dashboard-main").bounding_box()
    aside = page.locator(".dashboard-aside").bounding_box()
    assert aside["x"] >= cards["x"] + cards["width"]
    assert page.js_errors == []
