"""Every figure of the report on the hand-counted programme of conftest.py."""

import datetime

import pytest
from django.utils import timezone

from reports import selectors
from reports.selectors import Breakdown, CertificateCounts, KnowledgeGain, ReportFilters

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]

WHOLE_PROGRAMME = selectors.ReportScope(cohorts=None)


def report_for(filters=None, report_scope=WHOLE_PROGRAMME):
    return selectors.programme_report_for(
        report_scope=report_scope, filters=filters or ReportFilters()
    )


def figures(rows: list[Breakdown]) -> dict[str, tuple[int, int]]:
    return {row.label: (row.enrolled, row.completed) for row in rows}


def test_totals_for_the_whole_programme(programme):
    totals = report_for().totals
    assert totals.enrolments == 7
    assert (totals.enrolled, totals.completions, totals.completed) == (6, 4, 4)
    assert (totals.countries_enrolled, totals.countries_completed) == (3, 3)
    # L1, L2, L5, L4's first certificate and the in-person award; the correction is not new.
    assert (totals.certificates_issued, totals.certificates_revoked) == (5, 1)


def test_practitioners_by_year_and_quarter(programme):
    report = report_for()
    assert figures(report.by_year) == {"2025": (6, 3), "2026": (1, 1)}
    assert figures(report.by_quarter) == {
        "2025 Q1": (5, 0),
        "2025 Q2": (0, 1),
        "2025 Q3": (0, 1),
        "2025 Q4": (1, 1),
        "2026 Q1": (1, 1),
    }
    assert [row.label for row in report.by_quarter][0] == "2025 Q1"


def test_enrolments_against_completions_by_course_and_cohort(programme):
    report = report_for()
    assert figures(report.by_course) == {
        "Cryptocurrency tracing": (2, 1),
        "Digital evidence": (5, 3),
    }
    assert figures(report.by_cohort) == {
        "Accra intake (Cryptocurrency tracing)": (1, 0),
        "no cohort: enrolled on their own (Cryptocurrency tracing)": (1, 1),
        "Lisbon intake (Digital evidence)": (3, 2),
        "Maputo intake (Digital evidence)": (2, 1),
    }


def test_practitioners_by_country_agency_job_title_and_gender(programme):
    report = report_for()
    assert figures(report.by_country) == {
        "Portugal": (2, 2),
        "Mozambique": (2, 1),
        "Brazil": (2, 1),
    }
    assert [row.label for row in report.by_country][0] == "Portugal"  # most completions first
    assert figures(report.by_agency_type) == {
        "police or law enforcement": (3, 1),
        "prosecution service": (1, 1),
        "judiciary": (1, 1),
        "financial intelligence unit": (1, 1),
    }
    assert figures(report.by_job_title) == {
        "Investigator": (3, 1),
        "Prosecutor": (1, 1),
        "Analyst": (1, 1),
        "not stated": (1, 1),
    }
    assert figures(report.by_gender) == {
        "female": (2, 2),
        "male": (2, 1),
        "prefer not to say": (1, 1),
        "not stated": (1, 0),
    }
    assert [row.label for row in report.by_gender][-1] == "not stated"


def test_certificates_issued_and_revoked_per_course(programme):
    assert report_for().certificates == [
        CertificateCounts(label="Cryptocurrency tracing", issued=2, revoked=0),
        CertificateCounts(label="Digital evidence", issued=3, revoked=1),
    ]


def test_knowledge_gain_pairs_first_attempts_of_current_learners(programme):
    rows = report_for().knowledge_gain
    assert [(row.course, row.cohort, row.learners) for row in rows] == [
        ("Digital evidence", "all cohorts", 3),
        ("Digital evidence", "Lisbon intake", 2),
        ("Digital evidence", "Maputo intake", 1),
    ]
    course, lisbon, maputo = rows
    assert percents(course) == (40.0, 80.0, 40.0)
    assert percents(lisbon) == (50.0, 85.0, 35.0)
    # L4's retake of the pre-test (90 %) does not count; their first attempt (20 %) does.
    assert percents(maputo) == (20.0, 70.0, 50.0)


def percents(row: KnowledgeGain) -> tuple[float, float, float]:
    return tuple(round(float(value) * 100, 1) for value in (row.before, row.after, row.gain))


def test_a_date_range_counts_each_event_by_its_own_date(programme):
    report = report_for(
        ReportFilters(date_from=datetime.date(2025, 4, 1), date_to=datetime.date(2025, 12, 1))
    )
    totals = report.totals
    assert (totals.enrolments, totals.enrolled) == (1, 1)  # L5 in November
    assert totals.completed == 3  # L1 in May, L2 in July, L5 on the last day, included
    assert (totals.certificates_issued, totals.certificates_revoked) == (3, 1)
    assert figures(report.by_year) == {"2025": (1, 3)}
    # Knowledge gain: post-tests sat in the range (L1 and L2, both of Lisbon).
    assert [(row.cohort, row.learners) for row in report.knowledge_gain] == [
        ("all cohorts", 2),
        ("Lisbon intake", 2),
    ]


def test_filters_by_course_cohort_and_country(programme):
    by_course = report_for(ReportFilters(course_id=programme.course_b.pk))
    assert (by_course.totals.enrolled, by_course.totals.certificates_issued) == (2, 2)
    assert by_course.knowledge_gain == []
    by_cohort = report_for(ReportFilters(cohort_id=programme.maputo.pk))
    assert figures(by_cohort.by_country) == {"Mozambique": (2, 1)}
    assert by_cohort.totals.certificates_issued == 1  # L4's; the in-person award has no cohort
    by_country = report_for(ReportFilters(country="BR"))
    assert (by_country.totals.enrolled, by_country.totals.completed) == (2, 1)
    assert by_country.totals.certificates_issued == 1  # L5's
    assert by_country.knowledge_gain == []  # L6 withdrew


def test_a_coordinator_counts_only_their_cohorts(programme):
    report_scope = selectors.report_scope_for(programme.coordinator)
    report = report_for(report_scope=report_scope)
    assert not report_scope.whole_programme
    assert (report.totals.enrolments, report.totals.enrolled, report.totals.completed) == (3, 3, 2)
    assert (report.totals.countries_enrolled, report.totals.countries_completed) == (2, 1)
    assert figures(report.by_cohort) == {"Lisbon intake (Digital evidence)": (3, 2)}
    assert report.certificates == [
        CertificateCounts(label="Digital evidence", issued=2, revoked=1)
    ]
    assert [row.cohort for row in report.knowledge_gain] == ["all cohorts", "Lisbon intake"]


def test_a_coordinator_filtering_on_another_cohort_gets_nothing(programme):
    report_scope = selectors.report_scope_for(programme.coordinator)
    report = report_for(ReportFilters(cohort_id=programme.maputo.pk), report_scope)
    assert report.totals.enrolments == 0 and report.certificates == []
    assert report.knowledge_gain == [] and report.by_country == []


def test_learners_and_trainers_have_no_report_scope(programme):
    from lms import roles
    from tests import factories

    assert selectors.report_scope_for(programme.learners[0]) is None
    assert selectors.report_scope_for(factories.make_staff(role=roles.TRAINER)) is None


def test_knowledge_gain_row_without_both_scores_has_no_gain():
    row = KnowledgeGain(course="C", cohort="K", learners=0, before=None, after=None)
    assert row.gain is None


def test_the_figures_are_counted_in_utc_whatever_the_readers_time_zone(programme):
    until = ReportFilters(date_to=datetime.date(2025, 5, 20))  # L1 completed that day, at noon
    in_utc = report_for(until)
    # In Kiritimati (UTC+14), 20 May ends at 10:00 UTC, before L1 completed.
    with timezone.override("Pacific/Kiritimati"):
        far_east = report_for(until)
    assert figures(far_east.by_quarter) == figures(in_utc.by_quarter)
    assert far_east.totals == in_utc.totals
