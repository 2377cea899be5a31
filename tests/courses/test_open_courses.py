"""Courses open to everyone (issue 19): read without an account, progress kept in the browser
until sign-up and then merged, one-click enrolment, and the page cache serving the lessons."""

import json
import uuid

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from tests import factories

pytestmark = pytest.mark.django_db

MERGE_URL = "/en/learn/open-progress/"


@pytest.fixture
def open_course(catalog):
    return factories.make_course(index=catalog, title="Safer online", modules=2, is_open=True)


@pytest.fixture
def open_lessons(open_course):
    return list(LessonPage.objects.descendant_of(open_course).order_by("path"))


@pytest.fixture
def closed_course(catalog):
    return factories.make_course(index=catalog, title="Vetted techniques", modules=1)


def keys_of(lessons) -> list[str]:
    return [str(lesson.translation_key) for lesson in lessons]


def merge_post(client, keys, url=MERGE_URL):
    return client.post(url, {"lessons": json.dumps(keys)})


# The course's settings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pacing", "enrolment", "words"),
    [
        ("cohort", "open", "cannot be cohort-paced"),
        ("self", "approval", "cannot need approval"),
        ("self", "invitation", "cannot need approval or an invitation"),
    ],
)
def test_an_open_course_cannot_be_cohort_paced_or_vetted(catalog, pacing, enrolment, words):
    course = factories.make_course(index=catalog, modules=0)
    course.is_open, course.pacing, course.enrolment = True, pacing, enrolment
    with pytest.raises(ValidationError) as refused:
        course.full_clean()
    assert words in " ".join(refused.value.message_dict["is_open"])


def test_a_self_paced_course_open_to_every_account_may_be_open(catalog):
    course = factories.make_course(index=catalog, modules=0)
    course.is_open = True
    course.full_clean()
    course.save_revision().publish()
    assert CoursePage.objects.get(pk=course.pk).is_open


def test_courses_are_not_open_unless_said_so(catalog):
    assert factories.make_course(index=catalog, modules=0).is_open is False


# Reading without an account -----------------------------------------------------------------


def test_a_visitor_reads_a_lesson_of_an_open_course(client, open_lessons):
    response = client.get(open_lessons[0].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "teaches one thing well" in html
    assert "Mark as done in this browser" in html
    assert "courses/open_progress.js" in html
    assert f'data-open-progress="{open_lessons[0].translation_key}"' in html


def test_a_visitor_does_not_read_a_lesson_of_a_closed_course(client, closed_course):
    lesson = LessonPage.objects.descendant_of(closed_course).first()
    html = client.get(lesson.url).content.decode()
    assert "teaches one thing well" not in html
    assert "This lesson is for learners enrolled in the course." in html
    assert "open_progress.js" not in html


def test_a_module_behind_a_prerequisite_is_readable_by_a_visitor(client, open_course):
    from courses.models import ModulePage

    first, second = ModulePage.objects.child_of(open_course).order_by("path")
    second.prerequisite = first
    second.save_revision().publish()
    lesson = LessonPage.objects.child_of(second).first()
    html = client.get(lesson.url).content.decode()
    assert "teaches one thing well" in html
    assert "Complete the module" not in html


def test_a_quiz_of_an_open_course_asks_a_visitor_to_sign_up(client, open_course):
    from courses.models import ModulePage

    module = ModulePage.objects.child_of(open_course).first()
    quiz = factories.make_quiz(module=module, title="Check yourself")
    html = client.get(quiz.url).content.decode()
    assert "Quizzes and discussion cases are for learners with an account" in html
    assert reverse("account_signup") in html


def test_the_outline_lets_the_browser_mark_the_lessons_a_visitor_did(client, open_lessons):
    html = client.get(open_lessons[1].url).content.decode()
    for lesson in open_lessons:
        assert f'data-open-step="{lesson.translation_key}"' in html
    course_html = client.get(open_lessons[0].get_parent().get_parent().url).content.decode()
    assert 'data-open-done-label="done"' in course_html
    assert f'data-open-step="{open_lessons[0].translation_key}"' in course_html
    assert "Start reading" in course_html


def test_the_catalog_shows_which_courses_are_open_to_everyone(client, open_course, closed_course):
    html = client.get("/en/courses/").content.decode()
    assert html.count("Open to everyone") == 1
    card = html[html.index("Safer online") :]
    assert "Open to everyone" in card[: card.index("</li>")]


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_a_visitor_reads_a_translated_lesson_in_their_language(
    client, open_course, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translated = factories.translate_tree(open_course, language)
    english = LessonPage.objects.descendant_of(open_course).order_by("path").first()
    lesson = LessonPage.objects.get(
        translation_key=english.translation_key, locale=translated.locale
    )
    html = client.get(lesson.url).content.decode()
    with translation.override(language):
        button = translation.gettext("Mark as done in this browser")
    assert button != "Mark as done in this browser"
    assert button in html
    # The browser keeps the key every language shares, so progress follows the learner.
    assert f'data-open-progress="{english.translation_key}"' in html


def course_editor_post(course, **changes):
    """The course editor's form, posted with the course as it is plus ``changes``."""
    from wagtail.test.utils.form_data import rich_text

    form_class = CoursePage.get_edit_handler().get_form_class()
    editor = factories.make_staff()
    shown = form_class(instance=course, for_user=editor)
    data = {
        name: shown[name].value()
        for name in shown.fields
        if shown[name].value() not in (None, False)
    }
    data.update(description=rich_text("<p>About.</p>"), content_note=rich_text(""))
    for formset in shown.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
    data.update(changes)
    return form_class(data, instance=course, for_user=editor, parent_page=course.get_parent())


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"pacing": "cohort"}, "An open course cannot be cohort-paced"),
        ({"enrolment": "approval"}, "An open course cannot need approval"),
    ],
)
def test_the_course_editor_refuses_an_open_course_that_is_paced_or_vetted(catalog, changes, words):
    course = factories.make_course(index=catalog, modules=0)
    form = course_editor_post(course, is_open="on", **changes)
    assert not form.is_valid()
    assert words in " ".join(form.errors["is_open"])


def test_the_course_editor_saves_an_open_self_paced_course(catalog):
    course = factories.make_course(index=catalog, modules=0)
    form = course_editor_post(course, is_open="on")
    assert form.is_valid(), form.errors
    assert form.save(commit=False).is_open


# The page cache ---------------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_serves_an_open_lesson_to_visitors(client, open_lessons, page_cache_on):
    first = client.get(open_lessons[0].url)
    assert first["X-Page-Cache"] == "miss"
    assert set(first.cookies) <= {"lms_language"}  # nothing of anybody's: no CSRF token
    with CaptureQueriesContext(connection) as queries:
        again = client.get(open_lessons[0].url)
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert again.content == first.content


def test_a_signed_in_readers_open_lesson_is_not_kept(client, learner, open_lessons, page_cache_on):
    client.force_login(learner)
    response = client.get(open_lessons[0].url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


# Query budgets ----------------------------------------------------------------------------

VISITOR_LESSON_BUDGET = 17  # the enrolled lesson page's budget (tests/courses/test_queries.py)


def test_an_open_lesson_costs_a_visitor_the_same_queries_at_any_course_size(
    client, catalog, django_assert_max_num_queries
):
    counts = []
    for modules in (1, 6):
        course = factories.make_course(index=catalog, modules=modules, lessons=4, is_open=True)
        lesson = LessonPage.objects.descendant_of(course).order_by("path").last()
        cache.clear()
        with (
            django_assert_max_num_queries(VISITOR_LESSON_BUDGET),
            CaptureQueriesContext(connection) as queries,
        ):
            assert client.get(lesson.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


MERGE_BUDGET = 40


def test_a_merge_costs_the_same_queries_for_few_and_many_lessons(
    learner_client, catalog, django_assert_max_num_queries
):
    counts = []
    for modules in (1, 5):
        course = factories.make_course(index=catalog, modules=modules, lessons=4, is_open=True)
        lessons = LessonPage.objects.descendant_of(course)
        with (
            django_assert_max_num_queries(MERGE_BUDGET),
            CaptureQueriesContext(connection) as queries,
        ):
            assert merge_post(learner_client, keys_of(lessons)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Enrolling in one click -----------------------------------------------------------------------


def test_a_signed_in_learner_enrols_in_an_open_course_in_one_click(
    learner_client, learner, open_course
):
    html = learner_client.get(open_course.url).content.decode()
    assert "Enrol in this course" in html
    response = learner_client.post(reverse("courses:enrol", args=[open_course.pk]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=learner, course=open_course)
    assert enrolment.status == Enrolment.Status.ACTIVE and enrolment.cohort is None


def test_signed_in_pages_offer_the_merge_to_the_browser(learner_client, open_lessons):
    for url in ("/en/", reverse("courses:dashboard"), open_lessons[0].url):
        html = learner_client.get(url).content.decode()
        assert f'data-open-progress-merge="{MERGE_URL}"' in html, url
    assert (
        "Mark as done in this browser"
        not in learner_client.get(open_lessons[0].url).content.decode()
    )


# The merge ----------------------------------------------------------------------------------


def test_the_merge_enrols_and_marks_the_lessons_done(learner, open_lessons):
    merged = services.open_progress_merge(learner=learner, lesson_keys=keys_of(open_lessons[:2]))
    assert merged.lessons_added == 2
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.cohort is None and enrolment.progress_percent == 50
    done = set(LessonCompletion.objects.filter(learner=learner).values_list("lesson", flat=True))
    assert done == {open_lessons[0].pk, open_lessons[1].pk}


def test_merging_twice_adds_nothing_the_second_time(learner, open_lessons):
    keys = keys_of(open_lessons[:2])
    services.open_progress_merge(learner=learner, lesson_keys=keys)
    again = services.open_progress_merge(learner=learner, lesson_keys=keys)
    assert again.lessons_added == 0
    assert LessonCompletion.objects.filter(learner=learner).count() == 2
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_the_merge_keeps_what_was_done_online(learner, open_course, open_lessons):
    factories.make_enrolment(learner=learner, course=open_course)
    services.lesson_complete(learner=learner, lesson=open_lessons[3])
    services.open_progress_merge(learner=learner, lesson_keys=keys_of(open_lessons[:1]))
    done = set(LessonCompletion.objects.filter(learner=learner).values_list("lesson", flat=True))
    assert done == {open_lessons[0].pk, open_lessons[3].pk}
    assert Enrolment.objects.get(learner=learner).progress_percent == 50


def test_merging_every_lesson_completes_the_course(learner, open_lessons):
    services.open_progress_merge(learner=learner, lesson_keys=keys_of(open_lessons))
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.COMPLETED


def nothing_changed(learner) -> bool:
    return not Enrolment.objects.filter(learner=learner).exists() and not (
        LessonCompletion.objects.filter(learner=learner).exists()
    )


def test_a_lesson_of_a_closed_course_refuses_the_whole_merge(learner, open_lessons, closed_course):
    stranger = LessonPage.objects.descendant_of(closed_course).first()
    with pytest.raises(services.OpenProgressRefused, match="courses open to everyone"):
        services.open_progress_merge(
            learner=learner, lesson_keys=keys_of([open_lessons[0], stranger])
        )
    assert nothing_changed(learner)


def test_an_unknown_lesson_refuses_the_whole_merge(learner, open_lessons):
    with pytest.raises(services.OpenProgressRefused, match="no longer exist"):
        services.open_progress_merge(
            learner=learner, lesson_keys=[*keys_of(open_lessons[:1]), str(uuid.uuid4())]
        )
    assert nothing_changed(learner)


def test_an_unpublished_lesson_is_unknown(learner, open_lessons):
    open_lessons[1].unpublish()
    with pytest.raises(services.OpenProgressRefused):
        services.open_progress_merge(learner=learner, lesson_keys=keys_of(open_lessons[:2]))
    assert nothing_changed(learner)


def test_a_course_no_longer_open_refuses_the_merge(learner, open_course, open_lessons):
    open_course.is_open = False
    open_course.save_revision().publish()
    with pytest.raises(services.OpenProgressRefused):
        services.open_progress_merge(learner=learner, lesson_keys=keys_of(open_lessons[:1]))
    assert nothing_changed(learner)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "could not be read"),
        ('{"lessons": []}', "could not be read"),
        ("[1, 2]", "could not be read"),
        ('["../../etc/passwd"]', "could not be read"),
        (json.dumps([str(uuid.uuid4()) for _ in range(501)]), "Too many lessons"),
        ("[" + " " * 30000 + "]", "Too many lessons"),
    ],
)
def test_unreadable_progress_is_refused(text, words):
    with pytest.raises(services.OpenProgressRefused, match=words):
        services.open_progress_parse(text)


def test_the_same_lesson_twice_is_read_once(open_lessons):
    key = str(open_lessons[0].translation_key)
    assert services.open_progress_parse(json.dumps([key, key.upper()])) == [key]


# The merge endpoint -------------------------------------------------------------------------


def test_the_endpoint_merges_and_says_so_on_the_next_page(learner_client, learner, open_lessons):
    response = merge_post(learner_client, keys_of(open_lessons[:2]))
    assert response.status_code == 200
    assert response.json() == {"added": 2}
    dashboard = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert (
        "The 2 lessons you marked as done before signing in are now in your record." in dashboard
    )
    assert "Safer online" in dashboard


def test_the_endpoint_refuses_hostile_input_with_a_translated_reason(
    learner_client, learner, open_lessons, closed_course
):
    stranger = LessonPage.objects.descendant_of(closed_course).first()
    response = merge_post(learner_client, keys_of([stranger]), url="/fr/learn/open-progress/")
    assert response.status_code == 400
    with translation.override("fr"):
        expected = translation.gettext(
            "Only lessons of courses open to everyone can be added: nothing was added."
        )
    assert response.json() == {"error": expected}
    assert expected != "Only lessons of courses open to everyone can be added: nothing was added."
    assert nothing_changed(learner)


def test_the_endpoint_refuses_a_body_that_is_not_json(learner_client, learner):
    response = learner_client.post(MERGE_URL, {"lessons": "{{{"})
    assert response.status_code == 400
    assert "could not be read" in response.json()["error"]
    assert nothing_changed(learner)


def test_the_endpoint_needs_an_account_and_a_post(client, learner_client, open_lessons):
    assert learner_client.get(MERGE_URL).status_code == 405
    client.logout()
    response = merge_post(client, keys_of(open_lessons[:1]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not LessonCompletion.objects.exists()


# Files of an open course ------------------------------------------------------------------


def test_a_visitor_downloads_the_files_of_an_open_course(client, open_course):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    collection = Collection.get_first_root_node().add_child(name="Open course files")
    services.course_collection_link(course=open_course, collection=collection)
    document = get_document_model().objects.create(
        title="Worksheet", file=ContentFile(b"a worksheet\n", name="worksheet.txt"),
        collection=collection,
    )  # fmt: skip
    assert client.get(document.url).status_code == 200

    open_course.is_open = False
    open_course.save_revision().publish()
    assert client.get(document.url).status_code == 302  # to the sign-in page again
