"""Time a bulk issue of N certificates (default 500) and count its queries.

Creates a throw-away course and N learners who completed it, runs the bulk issue the way the
background task does, prints wall time and queries per certificate, and rolls everything back
(nothing is left in the database unless ``--keep``). Results go in docs/performance.md.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import services
from certificates.models import IssueRun
from courses.models import CourseIndexPage, CoursePage, Enrolment
from devtools import benchdata


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure a bulk certificate issue (wall time, queries per certificate); rolls back."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=500)
        parser.add_argument("--keep", action="store_true", help="Keep the generated data.")

    def handle(self, *args, count, keep, **options):
        try:
            with transaction.atomic():
                result = self._measure(count)
                if not keep:
                    raise Rollback
        except Rollback:
            pass
        seconds, queries = result
        self.stdout.write(
            f"bulk issue of {count} certificates: {seconds:.2f} s wall time, "
            f"{queries} queries ({queries / count:.1f} per certificate), "
            f"{count / seconds:.0f} certificates/s on {connection.vendor}"
        )

    def _measure(self, count: int) -> tuple[float, int]:
        index = CourseIndexPage.objects.filter(locale__language_code="en").first()
        if index is None:
            raise SystemExit("No course catalog: run manage.py seed_demo first.")
        course = CoursePage(
            title="Benchmark course",
            slug=f"benchmark-{int(time.time())}",
            summary="Throw-away course for benchmark_issue.",
            certificate_issue=CoursePage.CertificateIssue.COORDINATOR,
        )
        index.add_child(instance=course)
        learner_ids = benchdata.people_create(count, prefix="issue", rng=random.Random(5))  # noqa: S311 - synthetic data
        now = timezone.now()
        for batch in benchdata.batched(learner_ids):
            Enrolment.objects.bulk_create(
                [
                    Enrolment(
                        learner_id=pk,
                        course=course,
                        status=Enrolment.Status.COMPLETED,
                        completed_at=now,
                        progress_percent=100,
                    )
                    for pk in batch
                ]
            )
        run = IssueRun.objects.create(course=course)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            services.issue_run_execute(run_id=run.pk)
            seconds = time.perf_counter() - started
        run.refresh_from_db()
        assert run.issued == count, f"issued {run.issued} of {count}"
        return seconds, len(queries.captured_queries)
