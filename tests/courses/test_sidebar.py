"""The outline beside a lesson (courses.sidebar): the learner's progress on parts kept per course.

What does not depend on the learner (links, titles, kinds) is rendered once per course,
language and publication; done, to do, locked and the current step are the learner's own.
"""

from unittest import mock

import pytest
from wagtail.models import Page

from courses import services
from courses.models import LessonPage
from tests import factories

pytestmark = pytest.mark.django_db


def _sidebar(client, url) -> str:
    html = client.get(url).content.decode()
    start = html.index('<aside class="lesson-sidebar"')
    return html[start : html.index("</aside>", start)]


@pytest.fixture
def course(catalog):
    course = factories.make_course(index=catalog, modules=0)
    first = factories.make_module(course=course, title="Seizure")
    for title in ("Isolate the phone", "Photograph the scene"):
        factories.make_lesson(module=first, title=title)
    second = factories.make_module(course=course, title="Extraction", prerequisite=first)
    factories.make_lesson(module=second, title="Logical extraction")
    return course


def test_the_sidebar_shows_the_learners_own_progress(client, course, catalog):
    isolate, photograph, extraction = LessonPage.objects.descendant_of(course).order_by("path")
    ahead, behind = factories.make_learner(), factories.make_learner()
    for learner in (ahead, behind):
        services.enrolment_create(learner=learner, course=course)
    services.lesson_complete(learner=ahead, lesson=isolate)

    client.force_login(ahead)
    mine = _sidebar(client, photograph.url)
    assert (
        f'<li class="is-done"><a href="{isolate.url}">Isolate the phone</a>'
        '<span class="badge badge-done">done</span></li>'
    ) in mine
    assert (
        f'<li class=" is-current"><a href="{photograph.url}" aria-current="page">'
        'Photograph the scene</a><span class="badge">to do</span></li>'
    ) in mine
    assert "Complete the module “Seizure” first." in mine
    assert '<li class=""><span>Logical extraction</span></li>' in mine

    client.force_login(behind)
    theirs = _sidebar(client, isolate.url)
    assert (
        f'<li class=" is-current"><a href="{isolate.url}" aria-current="page">'
        'Isolate the phone</a><span class="badge">to do</span></li>'
    ) in theirs
    assert 'class="is-done"' not in theirs


def test_a_published_title_shows_in_the_sidebar_at_once(learner_client, learner, course):
    isolate, photograph, extraction = LessonPage.objects.descendant_of(course).order_by("path")
    services.enrolment_create(learner=learner, course=course)
    assert "Logical extraction" in _sidebar(learner_client, isolate.url)
    extraction.title = "Extracting a file system"
    extraction.save_revision().publish()
    sidebar = _sidebar(learner_client, isolate.url)
    assert "Extracting a file system" in sidebar
    assert "Logical extraction" not in sidebar


def _links_built(client, url) -> int:
    client.get(url)
    original = Page.get_url_parts
    with mock.patch.object(Page, "get_url_parts", autospec=True, side_effect=original) as spy:
        assert client.get(url).status_code == 200
    return spy.call_count


def test_the_links_of_the_outline_are_built_once_per_course(learner_client, learner, catalog):
    """A request builds the same few links (breadcrumb, previous, next) at any course size."""
    counts = []
    for modules, lessons in ((2, 2), (6, 6)):
        course = factories.make_course(index=catalog, modules=modules, lessons=lessons)
        services.enrolment_create(learner=learner, course=course)
        second = LessonPage.objects.descendant_of(course).order_by("path")[1]
        counts.append(_links_built(learner_client, second.url))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            '<span class="step-counts"><span>1 of 1 lesson done</span> · '
            "<span>0 of 2 quizzes passed</span> · <span>2 of 3 live sessions attended</span>"
            "</span>",
        ),
        (
            "fr",
            '<span class="step-counts"><span>1 leçon terminée sur 1</span> · '
            "<span>0 quiz réussis sur 2</span> · <span>2 sessions en direct suivies sur 3</span>"
            "</span>",
        ),
    ],
)
def test_step_counts_leave_out_absent_kinds_and_follow_the_language(language, expected):
    """The counts under each module (and on the course page and dashboard) are written in
    Python for speed (courses.sidebar.step_counts_html) with the template's own messages."""
    from django.utils import translation

    from courses.selectors import StepCounts
    from courses.sidebar import step_counts_html

    steps = StepCounts(lessons=1, lessons_done=1, quizzes=2, live_sessions=3, live_sessions_done=2)
    with translation.override(language):
        assert step_counts_html(steps) == expected
    assert step_counts_html(StepCounts()) == '<span class="step-counts"></span>'
