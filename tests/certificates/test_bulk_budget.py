"""A bulk issue costs a fixed number of queries per certificate (the 500 benchmark's budget)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import services
from certificates.models import Certificate, IssueRun
from courses.models import CoursePage
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]

# 11, plus two to draw a random unused position in the revocation list, plus the holder's
# notification.
PER_CERTIFICATE = 14


def queries_to_issue(catalog, learners: int) -> int:
    course = factories.make_course(
        index=catalog, modules=1, lessons=2, certificate_issue="coordinator"
    )
    for _ in range(learners):
        complete(factories.make_learner(), course)
    run = IssueRun.objects.create(course=course)
    with CaptureQueriesContext(connection) as queries:
        services.issue_run_execute(run_id=run.pk)
    assert Certificate.objects.filter(course=course).count() == learners
    return len(queries.captured_queries)


def test_queries_grow_by_a_fixed_amount_per_certificate(catalog):
    queries_to_issue(catalog, 1)  # the first run fills Wagtail's site and locale caches
    small, large = queries_to_issue(catalog, 2), queries_to_issue(catalog, 6)
    per_certificate = (large - small) / 4
    assert per_certificate == int(per_certificate)  # the same cost for every certificate
    assert per_certificate <= PER_CERTIFICATE
    assert small - 2 * per_certificate <= 10  # the run's own fixed cost


def test_the_benchmark_command_measures_and_leaves_nothing_behind(catalog):
    courses_before = CoursePage.objects.count()
    out = io.StringIO()
    call_command("benchmark_issue", count=3, stdout=out)
    assert "bulk issue of 3 certificates" in out.getvalue()
    assert "per certificate" in out.getvalue()
    assert CoursePage.objects.count() == courses_before
    assert not Certificate.objects.exists()
