"""Screens of wagtail-localize and Wagtail that did not ask whether one may edit the object."""

import pytest
from wagtail_localize.models import Translation, TranslationSource

from courses.models import LessonPage
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalog, django_capture_on_commit_callbacks):
    """Course X, translated into French, with its trainer; course Y with its own."""
    course_x = factories.make_course(index=catalog, modules=1, lessons=1, title="Course X")
    course_y = factories.make_course(index=catalog, modules=1, lessons=1, title="Course Y")
    with django_capture_on_commit_callbacks(execute=True):
        factories.translate_tree(course_x, "fr")
    return {
        "lesson": LessonPage.objects.descendant_of(course_x).get(locale__language_code="en"),
        "trainer_x": factories.make_course_trainer(course=course_x),
        "trainer_y": factories.make_course_trainer(course=course_y),
    }


def _translation_of(page):
    source = TranslationSource.objects.get(object_id=page.translation_key)
    return source, Translation.objects.filter(source=source).first()


def test_a_trainer_of_another_course_cannot_submit_translate_or_update_its_pages(client, courses):
    lesson = courses["lesson"]
    source, translation = _translation_of(lesson)
    client.force_login(courses["trainer_y"])
    before = Translation.objects.count()
    for url in (
        f"/admin/localize/submit/page/{lesson.pk}/",
        f"/admin/localize/update/{source.pk}/",
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"locales": ["es"]}).status_code == 403, url
    assert Translation.objects.count() == before


def test_the_courses_own_trainer_still_reaches_those_screens(client, courses):
    lesson = courses["lesson"]
    source, translation = _translation_of(lesson)
    client.force_login(courses["trainer_x"])
    assert client.get(f"/admin/localize/submit/page/{lesson.pk}/").status_code == 200
    assert client.get(f"/admin/localize/update/{source.pk}/").status_code == 200
    response = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200


def test_a_coordinator_sees_no_move_or_cancellation_dialog_of_a_course_page(client, courses):
    lesson = courses["lesson"]
    client.force_login(factories.make_staff(role=roles.COORDINATOR, with_totp=True))
    module = lesson.get_parent()
    assert client.get(f"/admin/pages/{lesson.pk}/move/{module.pk}/confirm/").status_code == 403
    url = f"/admin/pages/workflow/confirm_cancellation/{lesson.pk}/"
    assert client.get(url).status_code == 403
