"""Profile signed-in pages through the test client: queries, function calls, where time goes.

Run it on the benchmark's seeded database with the platform's settings (``scripts/bench
--workdir DIR --keep`` leaves one; the environment ``scripts/bench.py`` sets for the platform
is what this command needs too), for instance::

    manage.py profile_pages --learner learner@example.org /en/learn/ /en/courses/ <lesson>

For each path: one warm-up request, then ``--requests`` requests under cProfile; prints the
queries of one request, the Python function calls per request and the functions with the
largest cumulative time. Call counts are steady from run to run, so they compare two
versions of the code on a machine others load, where times do not (docs/performance.md).
"""

import cProfile
import io
import pstats

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Profile pages for a signed-in learner: queries, calls, cumulative time."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--learner", default="learner@example.org")
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--top", type=int, default=25)

    def handle(self, *args, paths, learner, requests, top, **options):
        client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        client.force_login(get_user_model().objects.get(email=learner))
        for path in paths:
            client.get(path, secure=True)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, secure=True)
            sqls = [query["sql"] for query in queries.captured_queries]
            if response.status_code != 200:
                self.stderr.write(f"{path}: {response.status_code}")
                continue
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(requests):
                client.get(path, secure=True)
            profile.disable()
            stats = pstats.Stats(profile)
            out = io.StringIO()
            stats.stream = out
            stats.sort_stats("cumulative").print_stats(top)
            self.stdout.write(
                f"== {path}: {len(sqls)} queries, "
                f"{stats.total_calls // requests:,} function calls and "
                f"{stats.total_tt * 1000 / requests:.1f} ms profiled per request"
            )
            for sql in sqls:
                self.stdout.write(f"   SQL {sql[:160]}")
            self.stdout.write(out.getvalue())
