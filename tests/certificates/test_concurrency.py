"""Two bulk-issue runs executing at the same moment still give each learner one certificate.

PostgreSQL only: SQLite serialises writers, so it cannot show the race. ``serialized_rollback``
puts back the rows migrations create (locales, groups, the page tree) after the flush that a
transactional test ends with, so the tests that run after this one still find them.
"""

import threading

import pytest
from django.db import connections

from certificates import services
from certificates.models import Certificate, IssueRun
from courses.models import Cohort
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.engine_sensitive,
]


@pytest.mark.postgres
def test_two_runs_at_once_issue_one_certificate_each(catalog):
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )
    cohort = Cohort.objects.create(course=course, name="Accra 2026", start_date="2026-02-02")
    learners = [factories.make_learner() for _ in range(6)]
    for learner in learners:
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
        complete(learner, course)
    # Recorded directly: the service would also run them at once with the test task backend.
    runs = [IssueRun.objects.create(course=course, cohort=cohort) for _ in range(2)]

    barrier = threading.Barrier(2)
    errors = []

    def execute(run_id):
        try:
            barrier.wait(timeout=10)
            services.issue_run_execute(run_id=run_id)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=execute, args=(run.pk,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    for learner in learners:
        assert Certificate.objects.filter(learner=learner, course=course).count() == 1
    assert Certificate.objects.filter(course=course).count() == 6
    for run in runs:
        run.refresh_from_db()
        assert run.state == "done"
        assert run.issued == run.total  # a learner issued by the other run counts as done
