"""The programme report counts classroom learners by delivery mode, from merged results."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrolment, LessonPage
from lms import roles
from reports import selectors
from reports.tables import Suppressed, report_tables
from tests import factories
from tests.classroom.test_results_import import node_attempt, registered_key, results_bundle
from tests.reports.test_queries import REPORT_QUERIES

pytestmark = pytest.mark.django_db

URL = "/admin/reports/programme/"


def _modes(report) -> dict[str, tuple[int, int]]:
    return {row.label: (row.enrolled, row.completed) for row in report.by_delivery}


def _report():
    return selectors.programme_report_for(
        report_scope=selectors.ReportScope(cohorts=None), filters=selectors.ReportFilters()
    )


@pytest.fixture
def merged(classroom_world):
    """Awa studied only on the node and passed; João on the node and online too; Ines online."""
    world = classroom_world
    awa, joao = world["learners"]
    ines = factories.make_learner(email="ines@example.org")
    factories.make_enrolment(learner=ines, course=world["course"], cohort=world["cohort"])
    lesson = LessonPage.objects.get(locale__language_code="en")
    course_services.lesson_complete(learner=joao, lesson=lesson)  # online, on the platform
    key = registered_key(world)
    day = timezone.localdate().isoformat()
    services_data = results_bundle(
        world,
        key,
        attempts=[node_attempt(world, key, 1)],
        completions=[
            {"learner": awa.pk, "lesson": lesson.pk, "completed_at": timezone.now().isoformat()}
        ],
        attendance=[{"learner": awa.pk, "day": day}, {"learner": joao.pk, "day": day}],
    )
    from classroom import services

    services.results_import(data=services_data)
    assert Enrolment.objects.get(learner=awa).status == Enrolment.Status.COMPLETED
    return world


def test_each_enrolment_counts_once_by_how_it_was_taught(merged):
    assert _modes(_report()) == {
        "online": (1, 0),
        "offline classroom": (1, 1),
        "both online and in an offline classroom": (1, 0),
    }


def test_an_attempt_brought_from_a_node_does_not_make_a_learner_online(merged):
    """Awa's only attempt came from the node: she stays offline, whatever her attempts."""
    assert _modes(_report())["offline classroom"] == (1, 1)


def test_without_classroom_results_everyone_is_online(classroom_world):
    assert _modes(_report()) == {"online": (2, 0)}


def test_small_delivery_cells_are_suppressed_like_every_other_count(merged):
    table = next(t for t in report_tables(_report(), suppress_below=5) if t.key == "delivery")
    assert all(isinstance(cell, Suppressed) for row in table.rows for cell in row[1:] if cell)


@pytest.fixture
def manager_client(client):
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


def test_the_page_and_both_exports_show_the_delivery_mode(merged, manager_client, settings):
    settings.LMS_REPORT_SUPPRESS_BELOW = 0
    page = manager_client.get(URL).content.decode()
    assert 'id="report-delivery"' in page and "offline classroom" in page
    csv_text = manager_client.get(URL + "export.csv").content.decode("utf-8-sig")
    assert "By delivery mode" in csv_text
    assert "both online and in an offline classroom,1,0" in csv_text
    workbook = manager_client.get(URL + "export.xlsx").content
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        names = " ".join(archive.namelist())
        workbook_xml = archive.read("xl/workbook.xml").decode()
    assert "worksheet" in names and "By delivery mode" in workbook_xml


def test_the_delivery_breakdown_is_one_query_whatever_the_cohort_size(merged):
    with CaptureQueriesContext(connection) as small:
        _report()
    world = merged
    for n in range(6):
        learner = factories.make_learner(email=f"extra{n}@example.org")
        factories.make_enrolment(learner=learner, course=world["course"], cohort=world["cohort"])
    with CaptureQueriesContext(connection) as large:
        report = _report()
    assert _modes(report)["online"] == (7, 0)
    # The whole report's fixed count (tests/reports/test_queries.py), delivery mode included.
    assert len(small.captured_queries) == len(large.captured_queries) == REPORT_QUERIES


def test_an_attempt_submitted_online_makes_a_classroom_learner_both(merged):
    from assessments import services as assessment_services

    awa = merged["learners"][0]
    attempt = assessment_services.attempt_start(learner=awa, quiz=merged["quiz"])
    assessment_services.attempt_submit(attempt=attempt, learner=awa)
    assert Enrolment.objects.get(learner=awa).last_activity_at is None  # only the attempt
    assert _modes(_report()) == {
        "online": (1, 0),
        "both online and in an offline classroom": (2, 1),
    }
