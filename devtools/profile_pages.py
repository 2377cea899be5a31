"""Profile signed-in pages through the test client: queries, function calls, where time goes.

Run it on the benchmark's seeded database with the platform's settings (``scripts/bench
--workdir DIR --keep`` leaves one; set the environment ``scripts/bench.py`` sets for the
platform, ``platform_env``), for instance::

    python -m devtools.profile_pages --learner learner@example.org /en/learn/ /en/courses/

It is a module rather than a command because the production settings do not install
``devtools``.

For each path: one warm-up request, then ``--requests`` requests under cProfile; prints the
queries of one request, the Python function calls per request and the functions with the
largest cumulative time. Call counts are steady from run to run, so they compare two
versions of the code on a machine others load, where times do not (docs/performance.md).
"""

import argparse
import cProfile
import io
import pstats
import sys


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--learner", default="learner@example.org")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    import django

    django.setup()
    profile_pages(args.paths, learner=args.learner, requests=args.requests, top=args.top)


def profile_pages(paths, *, learner: str, requests: int, top: int, out=sys.stdout) -> None:
    """Print queries, calls per request and the top cumulative functions of each path."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(get_user_model().objects.get(email=learner))
    for path in paths:
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        sqls = [query["sql"] for query in queries.captured_queries]
        if response.status_code != 200:
            out.write(f"{path}: {response.status_code}\n")
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(requests):
            client.get(path, secure=True)
        profile.disable()
        stats = pstats.Stats(profile)
        report = io.StringIO()
        stats.stream = report
        stats.sort_stats("cumulative").print_stats(top)
        out.write(
            f"== {path}: {len(sqls)} queries, "
            f"{stats.total_calls // requests:,} function calls and "
            f"{stats.total_tt * 1000 / requests:.1f} ms profiled per request\n"
        )
        for sql in sqls:
            out.write(f"   SQL {sql[:160]}\n")
        out.write(report.getvalue())


if __name__ == "__main__":
    main()
