"""Live sessions in the programme report: places and attendances by country, affiliation and
gender, small cells suppressed like every other count, scoped like the rest of the report."""

import pytest
from django.test import override_settings

from live.models import Registration
from reports.selectors import ReportFilters, ReportScope, programme_report_for
from reports.tables import Suppressed, report_tables
from tests.live.factories import make_live_session
from tests.reports.conftest import moment

pytestmark = pytest.mark.django_db

URL = "/admin/reports/programme/"


@pytest.fixture
def sessions(catalog, programme):
    """One public session on 2025-06-10:

    | who | country | affiliation | gender | status | attended |
    | --- | --- | --- | --- | --- | --- |
    | P1 (public) | SN | other | female | registered | yes |
    | P2 (public) | SN | other | – | registered | no |
    | P3 (public) | BR | police | male | waitlisted | no |
    | P4 (public) | BR | police | male | cancelled | no |
    | L1 (Lisbon) | PT | police | female | registered | yes |
    """
    session = make_live_session(parent=catalog, starts_at=moment("2025-06-10"))
    rows = [
        ("p1@example.org", None, "SN", "other", "female", "registered", True),
        ("p2@example.org", None, "SN", "other", "", "registered", False),
        ("p3@example.org", None, "BR", "police", "male", "waitlisted", False),
        ("p4@example.org", None, "BR", "police", "male", "cancelled", False),
        ("l1@example.org", programme.learners[0], "PT", "police", "female", "registered", True),
    ]
    for email, user, country, affiliation, gender, status, attended in rows:
        Registration.objects.create(
            session=session, user=user, email=email, country=country,
            affiliation_type=affiliation, gender=gender, status=status, attended=attended,
        )  # fmt: skip
    return session


def _figures(rows):
    return {row.label: (row.registered, row.attended) for row in rows}


def test_the_whole_programme_counts_every_participant(sessions):
    report = programme_report_for(report_scope=ReportScope(cohorts=None), filters=ReportFilters())
    assert _figures(report.live_by_country) == {
        "Brazil": (0, 0),
        "Portugal": (1, 1),
        "Senegal": (2, 1),
    }
    assert _figures(report.live_by_affiliation) == {
        "police or law enforcement": (1, 1),
        "other": (2, 1),
    }
    assert _figures(report.live_by_gender) == {
        "female": (2, 2),
        "male": (0, 0),
        "not stated": (1, 0),
    }


def test_a_coordinator_counts_only_the_learners_of_their_cohorts(sessions, programme):
    from coordination import scope

    report = programme_report_for(
        report_scope=ReportScope(cohorts=scope.cohorts_for(programme.coordinator)),
        filters=ReportFilters(),
    )
    assert _figures(report.live_by_country) == {"Portugal": (1, 1)}


def test_dates_select_sessions_by_their_start(sessions):
    import datetime

    after = ReportFilters(date_from=datetime.date(2025, 7, 1))
    report = programme_report_for(report_scope=ReportScope(cohorts=None), filters=after)
    assert report.live_by_country == []


def test_small_cells_are_suppressed_as_in_the_rest_of_the_report(sessions):
    report = programme_report_for(report_scope=ReportScope(cohorts=None), filters=ReportFilters())
    tables = {table.key: table for table in report_tables(report, suppress_below=5)}
    senegal = next(row for row in tables["live_country"].rows if row[0] == "Senegal")
    assert senegal[1] == Suppressed(5) and senegal[2] == Suppressed(5)
    brazil = next(row for row in tables["live_country"].rows if row[0] == "Brazil")
    assert brazil[1:] == [0, 0]  # zero hides nobody


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
def test_the_page_shows_the_live_tables(manager_client, sessions):
    html = manager_client.get(URL).content.decode()
    section = html.split('id="report-live_gender"')[1].split("</section>")[0]
    assert "Live sessions by gender" in section
    assert '<th scope="row">female</th><td class="report-number">2</td>' in section
