"""Exam morning on the production stack: Locust against gunicorn, PostgreSQL, Redis, a worker.

Run through ``bash scripts/loadtest`` (it starts the throw-away PostgreSQL and Redis servers on
loopback, passes their addresses here, and removes them at the end). Here:

1. the platform's production settings are given the two servers; the database is migrated,
   the demo seeded (mobile forensics in four languages, the OCSEA diploma in English, with
   its past cohorts and certificates) and ``tests.load.cohort`` adds the exam: a cohort of
   ``--learners`` learners and a timed 20-question quiz;
2. gunicorn starts with ``--workers`` sync workers on 127.0.0.1, and a django-tasks worker
   (``manage.py db_worker``) beside it;
3. Locust runs headless for ``--duration`` seconds (at most 600) with ``--users`` users, or,
   with ``--ramp STEP``, adds STEP learners every ``--step-seconds`` up to ``--users``;
4. everything stops, and ``tests.load.check`` asks the database whether every answer and
   every submission the users made is there exactly once.

It prints p50/p95/p99 and failures per request type (Locust's own statistics, also kept as
CSV in the working folder), the step table in step mode, and the database check; it exits 1
when a request failed or the check found a problem. Nothing listens beyond loopback.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The platform's production settings, as scripts/bench uses them.
SETTINGS = "config.settings.production"
# A fixed, public key: credentials signed by a load-test database are worthless elsewhere.
SIGNING_KEY = "z7cJF935BxbrRFj6MwvbiAJhZ2r3GS8FwUF2J18noNQ24"
P95_BUDGET_MS = 500


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def platform_env(folder: Path, database_url: str, cache_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LMS_BASE_URL": "https://academy.example.org",
        "LMS_CREDENTIAL_SIGNING_KEY": SIGNING_KEY,
        # Behind one proxy, as in production: each simulated person's address is the last
        # X-Forwarded-For hop, so per-address limits see a crowd and stay on.
        "LMS_TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": database_url,
        # One connection per worker process, kept between requests, as a deployment would.
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_CACHE_URL": cache_url,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict, *command: str, capture: bool = False) -> str:
    done = subprocess.run(
        [PY, str(ROOT / "manage.py"), *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return done.stdout if capture else ""


def prepare(env: dict, learners: int, password: str, seeded: bool) -> dict:
    started = time.monotonic()
    # Publishing the demo enqueues thousands of reference-index tasks; run them inline here,
    # so the worker does not start the morning with a backlog no real morning has.
    env = {**env, "DJANGO_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    print("==> Migrating and collecting static files")
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    if not seeded:
        print("==> Seeding the demo (two programmes): three to six minutes on 2 busy cores")
        force = "--i-know-this-is-not-production"
        manage(env, "seed_demo", force, "--quiet", "--programme=mobile-forensics")
        manage(env, "seed_demo", force, "--quiet", "--programme=diploma-ocsea", "--english-only")
    print(f"==> Generating the exam cohort: {learners} learners, a 20-question quiz")
    done = subprocess.run(
        [PY, "-m", "tests.load.cohort", "--learners", str(learners), f"--password={password}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    scenario = json.loads(done.stdout.split("SCENARIO ", 1)[1])
    print(f"    prepared in {time.monotonic() - started:.0f} s")
    return scenario


class Processes:
    def __init__(self, folder: Path):
        self.folder = folder
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running.append(process)
        return process

    def stop(self) -> None:
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start within 90 s")


def warm_up(port: int, scenario: dict, workers: int) -> None:
    """Load every worker's code and templates before the clock starts: a few requests each."""
    import urllib.error
    import urllib.request

    paths = [*scenario["public"], "/en/accounts/login/"]
    for _round in range(workers * 2):
        for path in paths:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": f"192.0.2.{_round + 1}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                    response.read()
            except urllib.error.HTTPError as error:
                raise SystemExit(f"{path} answered {error.code} before the load") from error


def stats_table(path: Path) -> tuple[str, int]:
    """p50/p95/p99 per request type from Locust's ``_stats.csv``; and the failures."""
    lines = [
        "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    failures = 0
    with path.open() as handle:
        for row in csv.DictReader(handle):
            name = f"{row['Type']} {row['Name']}"
            if row["Name"] == "Aggregated":
                name = "**all requests**"
            else:
                failures += int(row["Failure Count"])
            lines.append(
                f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                f"{row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |"
            )
    return "\n".join(lines), failures


def steps_table(path: Path) -> str:
    rows = json.loads(path.read_text())
    lines = [
        "| learners (+ visitors) | requests | p95 ms | errors |",
        "| ---: | ---: | ---: | ---: |",
    ]
    sustained, holding = 0, True
    for row in rows:
        p95 = row["p95_ms"]
        lines.append(
            f"| {row['learners']} (+{-(-row['learners'] // 4)}) | {row['requests']} | "
            f"{'–' if p95 is None else f'{p95:.0f}'} | {row['errors']} |"
        )
        # Sustained: this step and every step before it within the budget.
        holding = holding and p95 is not None and p95 <= P95_BUDGET_MS and not row["errors"]
        if holding:
            sustained = row["learners"]
    lines.append("")
    lines.append(
        f"Most learners sustained with p95 ≤ {P95_BUDGET_MS} ms and no errors: {sustained}"
        + (" (the last step: the limit is higher)" if holding and rows else "")
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="set by scripts/loadtest")
    parser.add_argument("--cache-url", required=True, help="set by scripts/loadtest")
    parser.add_argument("--learners", type=int, default=1000, help="accounts in the cohort")
    parser.add_argument("--users", type=int, default=100, help="simulated users (at most)")
    parser.add_argument(
        "--spawn-rate",
        type=float,
        help="users started a second (default 5; in step mode a whole step at once)",
    )
    parser.add_argument("--duration", type=int, default=180, help="seconds of load (≤ 600)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--think", default="4,10", help="seconds on a quiz page: MIN,MAX")
    parser.add_argument(
        "--ramp",
        type=int,
        metavar="STEP",
        help="step mode: add STEP learners every --step-seconds until --users",
    )
    parser.add_argument("--step-seconds", type=int, default=60)
    parser.add_argument("--workdir", type=Path, help="keep the logs and CSV files here")
    parser.add_argument(
        "--seeded",
        action="store_true",
        help="the database already holds the demo (running scripts/loadtest.py by hand)",
    )
    args = parser.parse_args()
    if not 0 < args.duration <= 600:
        raise SystemExit("--duration must be between 1 and 600 seconds.")
    if args.ramp and -(-args.users // args.ramp) * args.step_seconds > 600:
        raise SystemExit("The steps would take more than 600 seconds: fewer or shorter steps.")

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="lms-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = platform_env(folder, args.database_url, args.cache_url)
    password = secrets.token_urlsafe(16)
    scenario = prepare(env, args.learners, password, args.seeded)
    (folder / "scenario.json").write_text(json.dumps(scenario))
    record = folder / "record.jsonl"
    record.write_text("")

    processes = Processes(folder)
    port = free_port()
    try:
        gunicorn = processes.start(
            "gunicorn",
            [PY, "-m", "gunicorn", "config.wsgi", "--workers", str(args.workers)]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"],
            env,
        )
        processes.start("worker", [PY, str(ROOT / "manage.py"), "db_worker"], env)
        wait_for_port(port, gunicorn, folder / "gunicorn.log")
        warm_up(port, scenario, args.workers)
        print(f"==> gunicorn ({args.workers} workers) on 127.0.0.1:{port}, a task worker")
        locust_env = {
            **os.environ,
            "LMS_LOAD_SCENARIO": str(folder / "scenario.json"),
            "LMS_LOAD_RECORD": str(record),
            "LMS_LOAD_THINK": args.think,
        }
        command = [PY, "-m", "locust", "-f", str(ROOT / "tests/load/locustfile.py")]
        command += ["--headless", "--host", f"http://127.0.0.1:{port}", "--only-summary"]
        command += ["--csv", str(folder / "locust"), "--stop-timeout", "30"]
        if args.ramp:
            # Each step's newcomers arrive at --spawn-rate a second, or all in the same second.
            rate = args.spawn_rate or args.ramp
            locust_env["LMS_LOAD_RAMP"] = f"{args.ramp},{args.step_seconds},{args.users},{rate}"
            locust_env["LMS_LOAD_STEPS"] = str(folder / "steps.json")
            print(
                f"==> Locust, step mode: +{args.ramp} learners every {args.step_seconds} s,"
                f" arriving at {rate:g} a second"
            )
        else:
            rate = args.spawn_rate or 5
            command += ["--users", str(args.users), "--spawn-rate", str(rate)]
            command += ["--run-time", f"{args.duration}s"]
            print(f"==> Locust: {args.users} users for {args.duration} s")
        with (folder / "locust.log").open("w") as log:
            subprocess.run(command, cwd=folder, env=locust_env, stdout=log, stderr=log)
    finally:
        processes.stop()

    table, failures = stats_table(folder / "locust_stats.csv")
    print()
    print(table)
    if args.ramp and (folder / "steps.json").exists():
        print()
        print(steps_table(folder / "steps.json"))
    tasks = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django_tasks_db.models import DBTaskResult as R; "
        "from django.db.models import Count; "
        "print(dict(R.objects.values_list('status').annotate(n=Count('id'))))",
        capture=True,
    )
    print(f"\nBackground tasks by status: {tasks.strip()}")
    print("\n==> Database check (SQL, against what the users recorded)")
    checked = subprocess.run(
        [PY, "-m", "tests.load.check", str(record)], cwd=ROOT, env=env, check=False
    )
    print(f"\nLogs, Locust's CSV files and the record are in {folder}")
    if failures or checked.returncode:
        sys.exit(1)


if __name__ == "__main__":
    main()
