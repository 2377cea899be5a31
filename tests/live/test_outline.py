"""A live session that is a module step shows in the course outline and the lesson sidebar, so
the outline's percentage is the course completion's (issue 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import selectors
from courses import services as course_services
from courses.models import Enrolment, LessonPage
from live import services
from live.models import LiveSessionPage, Registration
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db


def _sidebar(client, url) -> str:
    html = client.get(url).content.decode()
    start = html.index('<aside class="lesson-sidebar"')
    return html[start : html.index("</aside>", start)]


def _attend(session, person):
    registration = Registration.objects.create(
        session=session, user=person, email=person.email, status="registered"
    )
    services.attendance_mark(session=session, attended_ids=[registration.pk])


def test_the_outline_percentage_equals_the_course_completion_with_a_required_session(
    enrolled, course, module, course_session
):
    lesson = LessonPage.objects.descendant_of(course).get()
    course_services.lesson_complete(learner=enrolled, lesson=lesson)
    outline = selectors.course_outline_for(course=course, user=enrolled)
    enrolment = Enrolment.objects.get(learner=enrolled, course=course)
    assert [item.page.specific_class for item in outline.lessons] == [
        LessonPage,
        LiveSessionPage,
    ]
    assert outline.percent == enrolment.progress_percent == 50
    assert not outline.modules[0].is_complete

    _attend(course_session, enrolled)
    outline = selectors.course_outline_for(course=course, user=enrolled)
    enrolment.refresh_from_db()
    assert outline.percent == enrolment.progress_percent == 100
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert outline.modules[0].is_complete


def test_the_sidebar_lists_the_session_as_a_live_session_and_marks_it_attended(
    client, enrolled, course, course_session
):
    lesson = LessonPage.objects.descendant_of(course).get()
    client.force_login(enrolled)
    sidebar = _sidebar(client, lesson.url)
    assert course_session.title in sidebar
    assert '<span class="badge">live session</span><span class="badge">to do</span>' in sidebar
    assert "0 of 1 live session attended" in sidebar

    _attend(course_session, enrolled)
    sidebar = _sidebar(client, lesson.url)
    assert '<span class="badge badge-done">attended</span>' in sidebar
    assert "1 of 1 live session attended" in sidebar


def test_the_outline_costs_the_same_for_one_session_and_many(enrolled, course, module):
    def cost():
        with CaptureQueriesContext(connection) as queries:
            selectors.course_outline_for(course=course, user=enrolled)
        return len(queries)

    make_live_session(parent=module, audience=LiveSessionPage.Audience.COURSE)
    one = cost()
    for _ in range(5):
        make_live_session(parent=module, audience=LiveSessionPage.Audience.COURSE)
    assert cost() == one <= 12


def test_a_course_without_a_session_pays_no_query_for_sessions(enrolled, course):
    with CaptureQueriesContext(connection) as queries:
        selectors.course_outline_for(course=course, user=enrolled)
    session_reads = [
        query["sql"]
        for query in queries.captured_queries
        if "live_livesessionpage" in query["sql"] and "EXISTS" not in query["sql"]
    ]
    assert session_reads == []
