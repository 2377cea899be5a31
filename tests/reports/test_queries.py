"""The report costs the same number of queries for six learners as for many more."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Cohort
from reports import selectors
from tests import factories
from tests.reports.conftest import attempt, certify, enrol, person

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]

URL = "/admin/reports/programme/"
REPORT_QUERIES = 15  # the selector alone; see reports.selectors.programme_report_for
PAGE_BUDGET = 40  # the admin page, with session, user, menu, filters and the report
# The coordinator's page asked the database for the user's groups on every role check (35
# queries against 29 for a manager); lms.roles reads them once per request. Two more since:
# the delivery mode (online, offline classroom, both) and the live-session tables.
COORDINATOR_PAGE_BUDGET = 29


def grow(programme, *, learners: int = 24) -> None:
    """A third course with its own tests and cohorts, and many more learners everywhere."""
    course_c = factories.make_course(title="Open-source intelligence", modules=1, lessons=1)
    module = course_c.get_children().first().specific
    pre_test = factories.make_quiz(module=module, role="pre_test")
    post_test = factories.make_quiz(module=module, role="post_test")
    cohorts = [
        Cohort.objects.create(
            course=course_c, name=f"Intake {n}", country="KE", start_date=datetime.date(2025, 1, 1)
        )
        for n in range(3)
    ]
    cohorts[0].coordinators.add(programme.coordinator)
    factories.make_course_assignment(coordinator=programme.coordinator, course=course_c)
    countries = ["KE", "NG", "SN", "PE", "PH", "TH"]
    for n in range(learners):
        learner = person(
            countries[n % 6], "police", f"Title {n % 7}", ["", "female", "male"][n % 3]
        )
        enrol(learner, course_c, cohorts[n % 3], f"2024-0{n % 9 + 1}-10", completed="2025-03-03")
        enrol(learner, programme.course_a, programme.lisbon, "2025-02-10")
        certify(learner, course_c, "2025-03-04")
        attempt(pre_test, learner, "0.3000")
        attempt(post_test, learner, "0.7500", submitted="2025-03-02")
        attempt(programme.pre_test, learner, "0.5000")


def report_queries(report_scope) -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.programme_report_for(
            report_scope=report_scope, filters=selectors.ReportFilters()
        )
    return len(queries.captured_queries)


def page_queries(client, url=URL) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_report_takes_a_fixed_number_of_queries(programme, django_assert_num_queries):
    whole = selectors.ReportScope(cohorts=None)
    coordinator = selectors.report_scope_for(programme.coordinator)
    small = (report_queries(whole), report_queries(coordinator))
    grow(programme)
    with django_assert_num_queries(REPORT_QUERIES):
        report = selectors.programme_report_for(
            report_scope=whole, filters=selectors.ReportFilters()
        )
    assert report.totals.enrolled == 6 + 24 and len(report.by_cohort) == 4 + 3
    assert (report_queries(whole), report_queries(coordinator)) == small == (REPORT_QUERIES,) * 2


def test_filters_and_dates_do_not_add_queries(programme):
    filters = selectors.ReportFilters(
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
        course_id=programme.course_a.pk,
        cohort_id=programme.lisbon.pk,
        country="PT",
    )
    with CaptureQueriesContext(connection) as queries:
        selectors.programme_report_for(
            report_scope=selectors.ReportScope(cohorts=None), filters=filters
        )
    assert len(queries.captured_queries) == REPORT_QUERIES


def test_the_page_takes_a_fixed_number_of_queries(
    manager_client, programme, django_assert_max_num_queries
):
    small = page_queries(manager_client)
    grow(programme)
    with django_assert_max_num_queries(PAGE_BUDGET):
        large = page_queries(manager_client)
    assert large == small


def test_a_coordinators_page_takes_a_fixed_number_of_queries(
    coordinator_client, programme, django_assert_max_num_queries
):
    url = f"{URL}?cohort={programme.lisbon.pk}&date_from=2025-01-01"
    with django_assert_max_num_queries(COORDINATOR_PAGE_BUDGET) as captured:
        small = page_queries(coordinator_client, url)
    role_reads = [
        query["sql"]
        for query in captured.captured_queries
        if 'SELECT "auth_group"."name"' in query["sql"]
    ]
    assert len(role_reads) == 1, role_reads
    grow(programme)
    with django_assert_max_num_queries(PAGE_BUDGET):
        large = page_queries(coordinator_client, url)
    assert large == small


def test_exports_take_a_fixed_number_of_queries(manager_client, programme):
    small = [page_queries(manager_client, URL + f"export.{kind}") for kind in ("csv", "xlsx")]
    grow(programme)
    assert [page_queries(manager_client, URL + f"export.{kind}") for kind in ("csv", "xlsx")] == (
        small
    )
