"""Translations that fell behind their English source: the rule, the page note, the report."""

import csv
import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from courses import services
from courses.models import LessonPage
from courses.translation import is_out_of_date, outdated_translation_for, outdated_translations
from lms import roles
from lms.services import page_translation_import
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/outdated-translations/"
NOTE = "The English original of this page was updated on"


def at(minute: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, 1, 9, minute, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("source_changed", "synced", "translated", "expected"),
    [
        (at(0), at(1), at(2), False),  # translated after the source last changed
        (at(3), at(1), at(2), True),  # the source changed after the sync
        (at(3), at(4), at(2), True),  # synced, but the translation not published since
        (at(3), at(4), at(5), False),  # synced and published again
        (at(3), at(1), at(5), True),  # translation edited by hand, source change never synced
        (None, at(1), at(2), False),  # source never published
        (at(3), None, at(2), False),  # not a synced translation
    ],
)
def test_the_out_of_date_rule(source_changed, synced, translated, expected):
    assert (
        is_out_of_date(
            source_changed_at=source_changed, synced_at=synced, translated_at=translated
        )
        is expected
    )


def _translate(page, language_code, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.translate_tree(page, language_code)


def _resync(page, language_code, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return page_translation_import(page=page, language_code=language_code, strings={})


def _change(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=2, title="Seizing phones")


@pytest.fixture
def english_lesson(course):
    return LessonPage.objects.descendant_of(course).order_by("path").first()


@pytest.fixture
def french_course(course, django_capture_on_commit_callbacks):
    return _translate(course, "fr", django_capture_on_commit_callbacks)


@pytest.fixture
def french_lesson(french_course, english_lesson):
    return LessonPage.objects.get(
        translation_key=english_lesson.translation_key, locale__language_code="fr"
    )


@pytest.fixture
def french_learner_client(client, course, french_course):
    learner = factories.make_learner(preferred_language="fr")
    services.enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    return client


@pytest.fixture
def trainer_client(client):
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    return client


def _report(client, query="") -> str:
    response = client.get(REPORT + query)
    assert response.status_code == 200
    return response.content.decode()


# The note on the page.


def test_a_fresh_translation_has_no_note(french_learner_client, french_lesson, french_course):
    assert NOTE not in french_learner_client.get(french_lesson.url).content.decode()
    assert NOTE not in french_learner_client.get(french_course.url).content.decode()


def test_a_changed_source_puts_a_note_on_the_translation(
    french_learner_client, english_lesson, french_lesson
):
    _change(english_lesson, title="Isolating a seized phone")
    html = french_learner_client.get(french_lesson.url).content.decode()
    assert 'class="translation-note"' in html
    assert f'href="{english_lesson.url}" hreflang="en"' in html


def test_the_note_is_in_the_readers_language_with_the_date(
    french_learner_client, english_lesson, french_lesson
):
    from django.utils.formats import date_format

    _change(english_lesson, title="Isolating a seized phone")
    with translation.override("fr"):
        day = date_format(english_lesson.last_published_at, "DATE_FORMAT")
    html = french_learner_client.get(french_lesson.url).content.decode()
    assert "La version originale anglaise de cette page a été mise à jour le" in html
    assert day in html


def test_a_changed_course_page_puts_the_note_on_its_translation(
    french_learner_client, course, french_course
):
    _change(course, summary="A new summary.")
    html = french_learner_client.get(french_course.url).content.decode()
    assert 'class="translation-note"' in html and f'href="{course.url}"' in html


def test_syncing_and_publishing_the_translation_removes_the_note(
    french_learner_client, english_lesson, french_lesson, django_capture_on_commit_callbacks
):
    _change(english_lesson, title="Isolating a seized phone")
    _resync(english_lesson, "fr", django_capture_on_commit_callbacks)
    html = french_learner_client.get(french_lesson.url).content.decode()
    assert 'class="translation-note"' not in html


def test_a_change_to_another_page_leaves_the_translation_alone(
    french_learner_client, english_lesson, french_lesson, course
):
    other = LessonPage.objects.descendant_of(course).exclude(pk=english_lesson.pk).get()
    _change(other, title="Something else")
    html = french_learner_client.get(french_lesson.url).content.decode()
    assert 'class="translation-note"' not in html


def test_an_english_page_costs_no_query(english_lesson, django_assert_num_queries):
    _change(english_lesson, title="Isolating a seized phone")
    with django_assert_num_queries(0):
        assert outdated_translation_for(english_lesson) is None


def test_a_translated_page_costs_one_query(
    english_lesson, french_lesson, django_assert_num_queries
):
    _change(english_lesson, title="Isolating a seized phone")
    with translation.override("fr"), django_assert_num_queries(1):
        outdated = outdated_translation_for(french_lesson)
    assert outdated.source.pk == english_lesson.pk


@pytest.mark.usefixtures("page_cache_on")
def test_the_kept_note_follows_publishing_and_syncing_at_once(
    french_learner_client, english_lesson, french_lesson, django_capture_on_commit_callbacks
):
    """With the shared cache on (production), the note is kept with the pages; a publish or a
    sync moves the pages' generation on, so the reader sees the change on the next request."""
    assert (
        'class="translation-note"'
        not in french_learner_client.get(french_lesson.url).content.decode()
    )
    _change(english_lesson, title="Isolating a seized phone")
    assert (
        'class="translation-note"' in french_learner_client.get(french_lesson.url).content.decode()
    )
    _resync(english_lesson, "fr", django_capture_on_commit_callbacks)
    assert (
        'class="translation-note"'
        not in french_learner_client.get(french_lesson.url).content.decode()
    )


@pytest.mark.usefixtures("page_cache_on")
def test_a_kept_note_costs_no_query(english_lesson, french_lesson, django_assert_num_queries):
    _change(english_lesson, title="Isolating a seized phone")
    with translation.override("fr"):
        first = outdated_translation_for(french_lesson)
        with django_assert_num_queries(0):
            again = outdated_translation_for(french_lesson)
    assert first.source.pk == again.source.pk == english_lesson.pk


def test_saving_a_translation_source_moves_the_pages_generation_on(english_lesson, french_lesson):
    from wagtail_localize.models import TranslationSource

    from lms import page_cache

    before = page_cache.generation()
    TranslationSource.objects.get(object_id=english_lesson.translation_key).save()
    assert page_cache.generation() > before


# The report.


def test_a_changed_source_is_listed_and_a_resync_clears_it(
    trainer_client, english_lesson, french_lesson, django_capture_on_commit_callbacks
):
    assert "Every translation is up to date with its source." in _report(trainer_client)
    _change(english_lesson, title="Isolating a seized phone")
    html = _report(trainer_client)
    assert "Isolating a seized phone" in html and "French" in html
    assert f"/admin/pages/{french_lesson.pk}/edit/" in html
    _resync(english_lesson, "fr", django_capture_on_commit_callbacks)
    assert "Isolating a seized phone" not in _report(trainer_client)


def test_a_sync_without_publishing_keeps_it_listed(trainer_client, english_lesson, french_lesson):
    from wagtail_localize.models import TranslationSource

    _change(english_lesson, title="Isolating a seized phone")
    TranslationSource.objects.get(object_id=english_lesson.translation_key).update_from_db()
    assert "Isolating a seized phone" in _report(trainer_client)


def test_each_language_is_listed_and_can_be_filtered(
    trainer_client, course, english_lesson, french_course, django_capture_on_commit_callbacks
):
    _translate(course, "es", django_capture_on_commit_callbacks)
    _change(english_lesson, title="Isolating a seized phone")
    rows = outdated_translations()
    assert {row.target_locale.language_code for row in rows} == {"fr", "es"}
    spanish_only = _report(trainer_client, "?language=es")
    assert "Spanish" in spanish_only and "French</td>" not in spanish_only


def test_a_changed_question_is_listed_with_its_snippet_editor(
    trainer_client, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    question = factories.make_question(title="Which phase comes first?")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [Locale.objects.get(language_code="pt")]).create_translations(
            question
        )
    assert "Which phase comes first?" not in _report(trainer_client)
    question.title = "Which phase of an examination comes first?"
    question.save()
    html = _report(trainer_client)
    assert "Which phase of an examination comes first?" in html and "Portuguese" in html
    target = question.get_translation(Locale.objects.get(language_code="pt"))
    assert f"/admin/snippets/assessments/question/edit/{target.pk}/" in html

    source = TranslationSource.objects.get(object_id=question.translation_key)
    source.update_from_db()
    Translation.objects.get(source=source).save_target()
    assert "Which phase of an examination comes first?" not in _report(trainer_client)


def test_the_report_costs_the_same_queries_at_any_size(
    trainer_client, catalog, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    def outdated_course(lessons):
        english = factories.make_course(index=catalog, modules=1, lessons=lessons)
        _translate(english, "fr", django_capture_on_commit_callbacks)
        for lesson in LessonPage.objects.descendant_of(english):
            _change(lesson, title=f"{lesson.title} (revised)")

    def count():
        with django_assert_max_num_queries(REPORT_BUDGET) as queries:
            html = _report(trainer_client)
        return len(queries), html.count("(revised)")

    outdated_course(lessons=2)
    small, small_rows = count()
    outdated_course(lessons=12)
    large, large_rows = count()
    assert (small_rows, large_rows) == (2, 14)
    assert small == large


# Most of these are the admin's frame (session, user, permissions, menu); the report's own
# part is two: the count and the page of rows.
REPORT_BUDGET = 20


# Who may open the report.


@pytest.mark.parametrize("role", [roles.TRAINER, roles.LEAD_TRAINER, roles.COORDINATOR])
def test_staff_roles_open_the_report_and_see_it_in_the_menu(client, role):
    client.force_login(factories.make_staff(role=role, with_totp=True))
    assert client.get(REPORT).status_code == 200
    assert REPORT in client.get("/admin/").content.decode()


def test_a_learner_cannot_open_the_report(learner_client):
    response = learner_client.get(REPORT)
    assert response.status_code == 403


def test_admin_access_without_a_staff_role_is_not_enough(client):
    person = factories.make_learner()
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(person)
    response = client.get(REPORT)  # the admin turns a refusal into a message on its home page
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_only_people_who_submit_translations_get_the_sync_action(
    client, trainer_client, english_lesson, french_lesson
):
    _change(english_lesson, title="Isolating a seized phone")
    assert "Sync from source" in _report(trainer_client)
    client.force_login(factories.make_staff(role=roles.COORDINATOR, with_totp=True))
    coordinator_html = _report(client)
    assert "Isolating a seized phone" in coordinator_html
    assert "Sync from source" not in coordinator_html


def test_the_report_downloads_as_csv(trainer_client, english_lesson, french_lesson):
    _change(english_lesson, title="Isolating a seized phone")
    response = trainer_client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Source,Type,Language,Source last changed")
    assert rows[1].startswith("Isolating a seized phone,Lesson,French,")
    assert f"/admin/pages/{french_lesson.pk}/edit/" in rows[1]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_report_exports_a_title_that_looks_like_a_formula_as_text(
    trainer_client, english_lesson, french_lesson, export
):
    import io

    from openpyxl import load_workbook

    hostile = '=HYPERLINK("https://evil.example/","Open")'
    _change(english_lesson, title=hostile)
    response = trainer_client.get(REPORT + f"?export={export}")
    content = b"".join(response.streaming_content)
    if export == "csv":
        assert content.startswith("\ufeff".encode())
        cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + hostile in cells
    assert hostile not in cells
