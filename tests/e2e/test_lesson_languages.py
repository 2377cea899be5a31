"""A learner reads a real demo lesson and switches it between the four languages: each one
shows its own translated text, made through wagtail-localize from the content PO files."""

import pytest

from courses.demo.seed import catalog_ensure
from courses.models import LessonPage
from curriculum.loading import programme_load
from curriculum.reader import programmes_read
from curriculum.translating import programme_translate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = {"fr": "Français", "pt": "Português", "es": "Español"}


def test_a_lesson_switches_between_four_languages(
    page, live_server, home_pages, django_capture_on_commit_callbacks
):
    (programme,) = programmes_read(None, ["mobile-forensics"])
    with django_capture_on_commit_callbacks(execute=True):
        loaded = programme_load(index=catalog_ensure(home_pages["en"]), programme=programme)
        for language in LANGUAGES:
            programme_translate(loaded=loaded, language_code=language)
    lesson = LessonPage.objects.live().get(
        slug="where-mobile-evidence-lives", locale__language_code="en"
    )
    page.goto(f"{live_server.url}{lesson.url}")  # a free-preview lesson: no sign-in needed
    english = page.locator("main h1").inner_text()
    assert english == lesson.title
    english_text = page.locator("main").inner_text()
    assert "the data that matters may be spread across several places" in english_text

    for code, name in LANGUAGES.items():
        translated = lesson.get_translation(
            lesson.locale.__class__.objects.get(language_code=code)
        )
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_url(f"**/{code}/**")
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("main h1").inner_text() == translated.title != english
        body = page.locator("main").inner_text()
        assert body != english_text
        # the first paragraph of the English lesson is nowhere on the translated page
        assert "the data that matters may be spread across several places" not in body
    assert page.js_errors == []
