"""Time the programme report on a large programme and count its queries.

Generates 50,000 learners (by default) with varied profiles, 4 courses of 10 lessons with a
pre-test and a post-test, 40 cohorts, two enrolments per learner spread over three years,
500,000 lesson completions, a certificate per completion and first attempts at both tests;
then builds the report (every table, suppression and charts, not the HTML) several times and
prints the median, and rolls everything back unless ``--keep``. Results go in
docs/performance.md.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Attempt, QuizPage
from certificates.models import Certificate
from courses.models import (
    Cohort,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
)
from devtools import benchdata
from reports import charts, selectors
from reports.tables import report_tables

COURSES = 4
MODULES = 5
LESSONS_PER_MODULE = 2
COHORTS_PER_COURSE = 10
# Quarters the data is spread over, from January 2024.
QUARTERS = 12


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the programme report on generated data (median time, queries); rolls back."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=50_000)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--keep", action="store_true", help="Keep the generated data.")

    def handle(self, *args, learners, runs, keep, **options):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                counts = self._generate(learners)
                generated = time.perf_counter() - started
                if connection.vendor == "postgresql":
                    # A running database has planner statistics (autovacuum gathers them);
                    # tables filled inside this transaction have none, and PostgreSQL then
                    # plans nested loops over 100,000 rows (8 s for a coordinator's report
                    # instead of 0.14 s). SQLite gathers none unless asked, so it is left as is.
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                results = self._measure(runs)
                if not keep:
                    raise Rollback
        except Rollback:
            pass
        self.stdout.write(
            "generated in {:.0f} s: {learners:,} learners, {courses} courses, {cohorts} cohorts, "
            "{enrolments:,} enrolments, {completions:,} lesson completions, "
            "{certificates:,} certificates, {attempts:,} quiz attempts".format(generated, **counts)
        )
        for label, (times, queries) in results.items():
            self.stdout.write(
                f"{label}: median {statistics.median(times) * 1000:.0f} ms of {len(times)} runs "
                f"({', '.join(f'{t * 1000:.0f}' for t in times)} ms), {queries} queries, "
                f"on {connection.vendor}"
            )
        if not keep:
            self.stdout.write("rolled back: nothing was kept")

    def _measure(self, runs: int) -> dict[str, tuple[list[float], int]]:
        coordinator_cohorts = Cohort.objects.filter(
            pk__in=Cohort.objects.order_by("pk").values("pk")[:3]
        )
        cases = {
            "whole programme, no filter": (selectors.ReportScope(cohorts=None), {}),
            "whole programme, year 2025": (
                selectors.ReportScope(cohorts=None),
                {"date_from": datetime.date(2025, 1, 1), "date_to": datetime.date(2025, 12, 31)},
            ),
            "coordinator of 3 cohorts": (selectors.ReportScope(cohorts=coordinator_cohorts), {}),
        }
        results = {}
        for label, (report_scope, filters) in cases.items():
            times, queries = [], 0
            for _run in range(runs):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    report = selectors.programme_report_for(
                        report_scope=report_scope, filters=selectors.ReportFilters(**filters)
                    )
                    for table in report_tables(report, suppress_below=5):
                        charts.bar_chart(table)
                    times.append(time.perf_counter() - started)
                queries = len(captured.captured_queries)
            results[label] = (times, queries)
        return results

    def _generate(self, count: int) -> dict[str, int]:
        rng = random.Random(11)  # noqa: S311 - synthetic data
        index = CourseIndexPage.objects.filter(locale__language_code="en").first()
        if index is None:
            raise SystemExit("No course catalog: run manage.py seed_demo first.")
        courses = [self._course(index, n) for n in range(COURSES)]
        cohorts = {
            course.pk: Cohort.objects.bulk_create(
                [
                    Cohort(
                        course=course,
                        name=f"Benchmark cohort {n + 1}",
                        country=benchdata.COUNTRIES[n % len(benchdata.COUNTRIES)],
                        start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=90 * n),
                    )
                    for n in range(COHORTS_PER_COURSE)
                ]
            )
            for course, _lessons, _tests in courses
        }
        learner_ids = benchdata.people_create(count, prefix="report", rng=rng)
        enrolments = self._enrolments(learner_ids, courses, cohorts, rng)
        lessons = {course.pk: lesson_ids for course, lesson_ids, _tests in courses}
        tests = {course.pk: quiz_ids for course, _lessons, quiz_ids in courses}
        completions = self._lesson_completions(enrolments, lessons)
        certificates = self._certificates(enrolments, {c.pk: c.title for c, _l, _t in courses})
        attempts = self._attempts(enrolments, tests, rng)
        return {
            "learners": count,
            "courses": COURSES,
            "cohorts": COURSES * COHORTS_PER_COURSE,
            "enrolments": len(enrolments),
            "completions": completions,
            "certificates": certificates,
            "attempts": attempts,
        }

    def _course(self, index, n: int) -> tuple[CoursePage, list[int], tuple[int, int]]:
        """A course of MODULES modules of LESSONS_PER_MODULE lessons, a pre- and a post-test."""
        stamp = int(time.time())
        course = CoursePage(
            title=f"Benchmark course {n + 1}",
            slug=f"benchmark-report-{stamp}-{n}",
            summary="Throw-away course for benchmark_report.",
        )
        index.add_child(instance=course)
        lesson_ids, tests = [], []
        for m in range(MODULES):
            module = course.add_child(
                instance=ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}")
            )
            if m == 0:
                tests.append(self._quiz(module, QuizPage.Role.PRE_TEST))
            for lesson in range(LESSONS_PER_MODULE):
                page = module.add_child(
                    instance=LessonPage(
                        title=f"Lesson {m + 1}.{lesson + 1}",
                        slug=f"lesson-{m + 1}-{lesson + 1}",
                        body=[("rich_text", "<p>Benchmark lesson.</p>")],
                    )
                )
                lesson_ids.append(page.pk)
            if m == MODULES - 1:
                tests.append(self._quiz(module, QuizPage.Role.POST_TEST))
        return course, lesson_ids, (tests[0], tests[1])

    @staticmethod
    def _quiz(module, role: str) -> int:
        quiz = module.add_child(
            instance=QuizPage(title=role, slug=role.replace("_", "-"), role=role, required=False)
        )
        return quiz.pk

    def _enrolments(self, learner_ids, courses, cohorts, rng) -> list[Enrolment]:
        """Two courses per learner; 40 % completed, 5 % withdrawn, 3 in 4 through a cohort.

        Dates are spread over QUARTERS quarters; ``auto_now_add`` overrides them on insert,
        so they are set afterwards with one update per quarter.
        """
        rows = []
        for n, learner_id in enumerate(learner_ids):
            for k in (0, 1):
                course = courses[(n + k) % COURSES][0]
                position = 2 * n + k
                status = Enrolment.Status.ACTIVE
                if position % 5 < 2:
                    status = Enrolment.Status.COMPLETED
                elif position % 20 == 19:
                    status = Enrolment.Status.WITHDRAWN
                rows.append(
                    Enrolment(
                        learner_id=learner_id,
                        course=course,
                        cohort=rng.choice(cohorts[course.pk]) if rng.random() < 0.75 else None,
                        status=status,
                        progress_percent=100 if status == Enrolment.Status.COMPLETED else 30,
                    )
                )
        created = []
        for batch in benchdata.batched(rows):
            created.extend(Enrolment.objects.bulk_create(batch))
        if not all(enrolment.pk for enrolment in created):
            raise SystemExit("This database does not return ids from bulk inserts.")
        for quarter, members in self._by_quarter(created).items():
            enrolled = _quarter_start(quarter) + datetime.timedelta(days=3)
            completed = enrolled + datetime.timedelta(days=80)
            for batch in benchdata.batched(members):
                ids = [enrolment.pk for enrolment in batch]
                Enrolment.objects.filter(pk__in=ids).update(enrolled_at=enrolled)
                Enrolment.objects.filter(pk__in=ids, status=Enrolment.Status.COMPLETED).update(
                    completed_at=completed
                )
                for enrolment in batch:  # the attempts below are dated from these
                    enrolment.enrolled_at = enrolled
                    if enrolment.status == Enrolment.Status.COMPLETED:
                        enrolment.completed_at = completed
        return created

    @staticmethod
    def _by_quarter(rows) -> dict[int, list]:
        groups: dict[int, list] = {}
        for n, row in enumerate(rows):
            groups.setdefault(n * QUARTERS // len(rows), []).append(row)
        return groups

    def _lesson_completions(self, enrolments, lessons) -> int:
        """Every lesson of a completed course; 0, 2 or 3 lessons of the others, in turn."""
        partial = [0, 2, 3]
        created = 0

        def rows():
            for n, enrolment in enumerate(enrolments):
                course_lessons = lessons[enrolment.course_id]
                done = (
                    len(course_lessons)
                    if enrolment.status == Enrolment.Status.COMPLETED
                    else partial[n % 3]
                )
                for lesson_id in course_lessons[:done]:
                    yield LessonCompletion(learner_id=enrolment.learner_id, lesson_id=lesson_id)

        for batch in benchdata.batched(rows(), 5000):
            LessonCompletion.objects.bulk_create(batch)
            created += len(batch)
        return created

    def _certificates(self, enrolments, titles) -> int:
        """One per completion, 2 % of them revoked; issued the day after completing."""
        completed = [e for e in enrolments if e.status == Enrolment.Status.COMPLETED]
        now = timezone.now()
        # bulk_create skips Certificate.save, which draws positions one query at a time.
        first_index = (Certificate.objects.aggregate(m=Max("status_index"))["m"] or 0) + 1
        rows = [
            Certificate(
                status_index=first_index + n,
                learner_id=enrolment.learner_id,
                course_id=enrolment.course_id,
                course_title=titles[enrolment.course_id],
                name_as_printed=f"Bench Person {enrolment.learner_id}",
                language="en",
                revoked_at=now if n % 50 == 0 else None,
                revocation_reason=Certificate.RevocationReason.ISSUED_IN_ERROR
                if n % 50 == 0
                else "",
            )
            for n, enrolment in enumerate(completed)
        ]
        created = []
        for batch in benchdata.batched(rows):
            created.extend(Certificate.objects.bulk_create(batch))
        for quarter, members in self._by_quarter(created).items():
            issued = _quarter_start(quarter) + datetime.timedelta(days=84)
            for batch in benchdata.batched([c.pk for c in members]):
                Certificate.objects.filter(pk__in=batch).update(issued_at=issued)
        return len(created)

    def _attempts(self, enrolments, tests, rng) -> int:
        """A first pre-test attempt for 9 in 10 current learners, a post-test for completers."""

        def rows():
            for enrolment in enrolments:
                if enrolment.status == Enrolment.Status.WITHDRAWN:
                    continue
                pre_test, post_test = tests[enrolment.course_id]
                before = Decimal(rng.randint(10, 70)) / 100
                if rng.random() < 0.9:
                    sat = enrolment.enrolled_at + datetime.timedelta(days=1)
                    yield self._attempt(pre_test, enrolment, before, sat)
                if enrolment.status == Enrolment.Status.COMPLETED:
                    after = min(before + Decimal(rng.randint(0, 40)) / 100, Decimal(1))
                    sat = enrolment.completed_at - datetime.timedelta(days=1)
                    yield self._attempt(post_test, enrolment, after, sat)

        created = 0
        for batch in benchdata.batched(rows(), 5000):
            Attempt.objects.bulk_create(batch)
            created += len(batch)
        return created

    @staticmethod
    def _attempt(quiz_id, enrolment, score, submitted_at) -> Attempt:
        return Attempt(
            quiz_id=quiz_id,
            learner_id=enrolment.learner_id,
            number=1,
            state=Attempt.State.SUBMITTED,
            seed="benchmark",
            started_at=submitted_at - datetime.timedelta(minutes=20),
            submitted_at=submitted_at,
            score=score,
            passed=score >= Decimal("0.7"),
        )


def _quarter_start(quarter: int) -> datetime.datetime:
    year, index = divmod(quarter, 4)
    return timezone.make_aware(datetime.datetime(2024 + year, 1 + 3 * index, 1))
