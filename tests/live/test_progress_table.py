"""A live session that is a module step in the coordinator's progress table: attended,
registered or nothing per learner, in the page and the exports, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.selectors import cohort_progress_for, export_rows
from courses.models import Cohort, ModulePage
from live import services
from live.models import LiveSessionPage
from tests import factories
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db


def _cohort(catalog, *, learners: int, modules: int = 1):
    course = factories.make_course(index=catalog, modules=modules, lessons=1)
    cohort = Cohort.objects.create(
        course=course, name="Spring", start_date=timezone.localdate() - datetime.timedelta(7)
    )
    sessions = [
        make_live_session(parent=module, audience=LiveSessionPage.Audience.COURSE, capacity=50)
        for module in ModulePage.objects.child_of(course).order_by("path")
    ]
    people = []
    for n in range(learners):
        person = factories.make_learner(given_name="Person", family_name=f"Number{n:02d}")
        factories.make_enrolment(learner=person, course=course, cohort=cohort)
        people.append(person)
    return cohort, sessions, people


def _table(cohort):
    cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)
    return cohort_progress_for(cohort=cohort, params={"sort": "name"})


def test_a_session_step_shows_who_attended_and_who_registered(catalog):
    cohort, (session,), (ana, ben, chi) = _cohort(catalog, learners=3)
    came = services.registration_create(session=session, user=ana)
    services.registration_create(session=session, user=ben)
    services.attendance_mark(session=session, attended_ids=[came.pk])
    progress = _table(cohort)
    marks = [row.cells[0].sessions[0].label for row in progress.rows]
    assert marks == ["attended", "registered", "–"]
    assert progress.modules[0].sessions[0].title == session.title
    # The module is done only for the one who did its lesson and attended its session.
    assert [row.cells[0].is_complete for row in progress.rows] == [False, False, False]


def test_the_exports_have_an_attendance_column_per_session(catalog):
    cohort, (session,), (ana, ben, _chi) = _cohort(catalog, learners=3)
    came = services.registration_create(session=session, user=ana)
    services.registration_create(session=session, user=ben)
    services.attendance_mark(session=session, attended_ids=[came.pk])
    header, *rows = export_rows(_table(cohort))
    column = header.index(f"{session.title}: attendance")
    assert [row[column] for row in rows] == ["attended", "registered", None]


def test_the_page_shows_attendance(coordinator, coordinator_client, catalog):
    cohort, (session,), (ana, _ben) = _cohort(catalog, learners=2)
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=cohort.course)
    came = services.registration_create(session=session, user=ana)
    services.attendance_mark(session=session, attended_ids=[came.pk])
    html = coordinator_client.get(f"/admin/coordination/cohorts/{cohort.pk}/progress/")
    assert f"<small>{session.title}: attended</small>" in html.content.decode()


def test_the_table_with_sessions_costs_the_same_at_any_size(catalog):
    def cost(cohort):
        cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)
        with CaptureQueriesContext(connection) as queries:
            export_rows(cohort_progress_for(cohort=cohort, params={"sort": "risk"}))
        return len(queries.captured_queries)

    small, sessions, people = _cohort(catalog, learners=2, modules=1)
    services.registration_create(session=sessions[0], user=people[0])
    large, sessions, people = _cohort(catalog, learners=6, modules=3)
    for session in sessions:
        for person in people:
            services.registration_create(session=session, user=person)
    assert cost(small) == cost(large) <= 13
