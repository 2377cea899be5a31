"""Throughput of the platform's pages as a ratio to a Django hello-world view, in one run.

Run through ``bash scripts/bench`` (it installs wrk and the locked packages first). Three
servers start on loopback, each a gunicorn with one sync worker pinned to CPU 0:

- a Django hello-world project, as ``django-admin startproject`` makes it, plus one view;
- a bare Wagtail site, as ``wagtail start`` makes it, serving its welcome page;
- the platform with its unmodified production settings (``DEBUG`` off, the database cache,
  whitenoise) on an SQLite copy of the demo, seeded here.

``wrk``, pinned to CPU 1, then loads one URL at a time for ``--seconds``, and the URLs are
taken in turn for ``--rounds`` rounds, so a slow minute of the machine hits every page alike.
Absolute figures drift with the machine; the ratio to the hello-world view of the same run is
what the architecture's budgets are written in. Nothing is asserted: the table is printed and
written to ``results.md`` in the working folder. Everything listens on 127.0.0.1 only and
stops at the end (``--keep`` keeps the folder, and ``--workdir`` reuses a seeded one).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# A fixed, public key: credentials signed by a benchmark database are worthless elsewhere.
SIGNING_KEY = "z7cJF935BxbrRFj6MwvbiAJhZ2r3GS8FwUF2J18noNQ24"
LEARNER = "learner@example.org"
WRK_SCRIPT = """
-- Each request comes from another of 50,000 visitors (X-Forwarded-For, read because the
-- platform is told it sits behind one proxy), so per-address rate limits see a crowd, as
-- on a campaign morning, not one client hammering a page.
local counter = 0
request = function()
  counter = counter + 1
  local n = counter % 50000
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d",
    math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format(nil, nil)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


@dataclass
class Target:
    """One URL to load: which server, whether signed in, and what it measured."""

    name: str
    server: str
    path: str
    signed_in: bool = False
    queries: int | None = None
    rates: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p95: list[float] = field(default_factory=list)
    errors: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def pinned(cpu: int, command: list[str]) -> list[str]:
    """``command`` run on one CPU when the machine has two or more (taskset), else as is."""
    if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu), *command]
    return command


# The three projects ---------------------------------------------------------------------


def hello_project(folder: Path) -> dict:
    """``django-admin startproject`` plus a view answering "Hello, world", DEBUG off."""
    if not (folder / "hello_world").exists():
        folder.mkdir(parents=True, exist_ok=True)
        run([PY, "-m", "django", "startproject", "hello_world", str(folder)])
        settings = folder / "hello_world" / "settings.py"
        settings.write_text(
            settings.read_text() + '\nDEBUG = False\nALLOWED_HOSTS = ["127.0.0.1"]\n'
        )
        urls = folder / "hello_world" / "urls.py"
        urls.write_text(
            "from django.http import HttpResponse\nfrom django.urls import path\n\n\n"
            "def hello(request):\n    return HttpResponse('Hello, world')\n\n\n"
            "urlpatterns = [path('', hello)]\n"
        )
    return {"chdir": folder, "wsgi": "hello_world.wsgi", "env": {}}


def wagtail_project(folder: Path) -> dict:
    """``wagtail start`` with its production settings, migrated, static files collected."""
    env = {"DJANGO_SETTINGS_MODULE": "bare_wagtail.settings.production"}
    if not (folder / "bare_wagtail").exists():
        folder.mkdir(parents=True, exist_ok=True)
        run([str(Path(PY).parent / "wagtail"), "start", "bare_wagtail", str(folder)])
        (folder / "bare_wagtail" / "settings" / "local.py").write_text(
            f'SECRET_KEY = "{secrets.token_urlsafe(40)}"\nALLOWED_HOSTS = ["127.0.0.1"]\n'
        )
        for command in (["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            run([PY, "manage.py", *command], cwd=folder, env={**os.environ, **env})
    return {"chdir": folder, "wsgi": "bare_wagtail.wsgi", "env": env}


def platform_env(folder: Path, cache_url: str | None) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": (folder / "secret").read_text().strip(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LMS_BASE_URL": "https://academy.example.org",
        "LMS_CREDENTIAL_SIGNING_KEY": SIGNING_KEY,
        # Behind one proxy, as in production: the address is the last X-Forwarded-For hop.
        "LMS_TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "PYTHONPATH": str(ROOT),
    }
    if cache_url:
        env["DJANGO_CACHE_URL"] = cache_url
    return env


def platform_project(folder: Path, cache_url: str | None) -> dict:
    """The platform on an SQLite file: migrated, the demo seeded, static files collected."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "secret").exists():
        (folder / "secret").write_text(secrets.token_urlsafe(50))
    env = platform_env(folder, cache_url)
    manage = [PY, str(ROOT / "manage.py")]
    full_env = {**os.environ, **env}
    # A reused folder gets this checkout's migrations and static files too.
    for command in (
        ["createcachetable"],
        ["migrate", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        run([*manage, *command], cwd=ROOT, env=full_env)
    if (folder / "seeded").exists():
        # Certificates issued by an older checkout: keep their proof results, as
        # docs/operations.md asks after an upgrade.
        run([*manage, "certificates_check_proofs"], cwd=ROOT, env=full_env)
    else:
        started = time.monotonic()
        print("Seeding the platform (two programmes of the demo): one to three minutes")
        seeds = [
            # What tests/curriculum/test_seed_demo.py seeds: one programme translated, the cohort
            # programme in English, and the demo's past cohorts and certificates.
            ["seed_demo", "--i-know-this-is-not-production", "--quiet"]
            + ["--programme=mobile-forensics"],
            ["seed_demo", "--i-know-this-is-not-production", "--quiet"]
            + ["--programme=diploma-ocsea", "--english-only"],
        ]
        for command in seeds:
            run([*manage, *command], cwd=ROOT, env=full_env)
        (folder / "seeded").write_text(f"{time.monotonic() - started:.0f} s\n")
    return {"chdir": ROOT, "wsgi": "config.wsgi", "env": env}


# Inside the platform: what to load, with which session, and how many queries -----------


def prepare() -> None:
    """Run with the platform's settings: print the pages to load as JSON.

    The demo learner enrols in mobile forensics and completes its first lesson, so the lesson
    page has progress to show; a session is made for them; every page is requested twice with
    the test client and the second request's queries are counted.
    """
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from certificates.models import Certificate
    from courses.models import CoursePage, LessonPage
    from courses.services import enrolment_create, lesson_complete

    cache.clear()  # rate-limit counters of an earlier run on the same folder
    learner = get_user_model().objects.get(email=LEARNER)
    course = CoursePage.objects.get(slug="mobile-forensics", locale__language_code="en")
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path")[:2])
    enrolment_create(learner=learner, course=course)
    lesson_complete(learner=learner, lesson=lessons[0])
    french = lessons[1].get_translation(Locale.objects.get(language_code="fr"))
    certificate = Certificate.objects.filter(revoked_at=None).order_by("pk").first()

    pages = [
        ("home page, anonymous", "/en/", False),
        ("catalog, anonymous", "/en/courses/", False),
        ("course page, anonymous", course.url, False),
        ("free-preview lesson, anonymous", lessons[0].url, False),
        ("catalog, learner", "/en/courses/", True),
        ("dashboard, learner", "/en/learn/", True),
        ("lesson, enrolled learner", lessons[1].url, True),
        ("lesson in French, enrolled learner", french.url, True),
        ("verification page", f"/en/verify/{certificate.code}/", False),
        ("verification JSON", f"/en/verify/{certificate.code}.json", False),
    ]
    signed_in = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    signed_in.force_login(learner)
    anonymous = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    name = settings.SESSION_COOKIE_NAME
    out = {"cookie": f"{name}={signed_in.cookies[name].value}", "pages": []}
    for name, path, session in pages:
        client = signed_in if session else anonymous
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}, not 200")
        out["pages"].append(
            {"name": name, "path": path, "signed_in": session, "queries": len(queries)}
        )
    print("PAGES " + json.dumps(out))


# Servers and load -------------------------------------------------------------------------


class Servers:
    def __init__(self):
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, project: dict, folder: Path) -> int:
        port = free_port()
        command = [PY, "-m", "gunicorn", project["wsgi"], "--workers", "1"]
        command += ["--bind", f"127.0.0.1:{port}", "--chdir", str(project["chdir"])]
        command += ["--log-level", "warning"]
        log = (folder / f"{name}.log").open("w")
        process = subprocess.Popen(
            pinned(0, command),
            env={**os.environ, **project["env"]},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{name} server stopped; see {folder / f'{name}.log'}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{name} server did not start within 60 s")

    def start_redis(self, folder: Path) -> str:
        """A Redis server for the platform's cache, on loopback, on the load generator's CPU."""
        if not shutil.which("redis-server"):
            raise SystemExit(
                "redis-server is needed (scripts/bench installs it), or --cache database"
            )
        port = free_port()
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
        command += ["--appendonly", "no", "--dir", str(folder)]
        process = subprocess.Popen(
            pinned(1, command), stdout=subprocess.DEVNULL, start_new_session=True
        )
        self.processes.append(process)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"redis://127.0.0.1:{port}/0"
            except OSError:
                time.sleep(0.1)
        raise SystemExit("Redis did not start within 10 s")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def load(url: str, seconds: int, connections: int, headers: list[str], script: Path):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        pinned(1, [*command, url]), check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"^RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$", output, re.M)
    if not match:
        raise SystemExit(f"wrk printed no result for {url}:\n{output}")
    requests, duration_us, errors, p50_us, p95_us = match.groups()
    rate = int(requests) / (int(duration_us) / 1e6)
    return rate, float(p50_us) / 1000, float(p95_us) / 1000, int(errors)


def table(targets: list[Target], hello: Target, rounds: int, seconds: int) -> str:
    base = statistics.median(hello.rates)
    lines = [
        f"{rounds} rounds of {seconds} s per page, medians; p50/p95 from wrk (ms).",
        "",
        "| page | req/s | p50 ms | p95 ms | queries | × hello |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for target in targets:
        rate = statistics.median(target.rates)
        queries = "–" if target.queries is None else str(target.queries)
        errors = f" ({target.errors} errors)" if target.errors else ""
        lines.append(
            f"| {target.name}{errors} | {rate:,.0f} | {statistics.median(target.p50):.1f} | "
            f"{statistics.median(target.p95):.1f} | {queries} | {rate / base:.3f} |"
        )
    return "\n".join(lines)


def measure(args, folder: Path, servers: "Servers") -> list[Target]:
    """Build the three sites, start them, and load every page for every round."""
    cache_url = None
    if args.cache == "redis":
        cache_url = servers.start_redis(folder)
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    projects = {
        "hello": hello_project(folder / "hello"),
        "wagtail": wagtail_project(folder / "wagtail"),
        "platform": platform_project(folder / "platform", cache_url),
    }
    prepared = subprocess.run(
        [PY, __file__, "--prepare"],
        cwd=ROOT,
        env={**os.environ, **projects["platform"]["env"]},
        capture_output=True,
        text=True,
    )
    if prepared.returncode != 0:
        raise SystemExit(f"Preparing the pages failed:\n{prepared.stderr}{prepared.stdout}")
    pages = json.loads(prepared.stdout.split("PAGES ", 1)[1])
    hello = Target("Django hello-world view", "hello", "/")
    targets = [hello, Target("bare Wagtail page (`wagtail start`)", "wagtail", "/")]
    targets += [
        Target(page["name"], "platform", page["path"], page["signed_in"], page["queries"])
        for page in pages["pages"]
        if not args.only or args.only in page["name"]
    ]

    ports = {name: servers.start(name, project, folder) for name, project in projects.items()}
    cookie = f"Cookie: {pages['cookie']}"
    for round_number in range(1, args.rounds + 1):
        print(f"Round {round_number} of {args.rounds}")
        for target in targets:
            headers = ["X-Forwarded-Proto: https"]
            if target.signed_in:
                headers.append(cookie)
            url = f"http://127.0.0.1:{ports[target.server]}{target.path}"
            rate, p50, p95, errors = load(url, args.seconds, args.connections, headers, script)
            target.rates.append(rate)
            target.p50.append(p50)
            target.p95.append(p95)
            target.errors += errors
            print(f"  {target.name}: {rate:,.0f} req/s")

    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="load per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workdir", type=Path, help="reuse (or create) this folder")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument(
        "--cache",
        choices=["redis", "database"],
        default="redis",
        help="the platform's shared cache: a Redis server started here (production's "
        "choice, the default), or the database cache",
    )
    parser.add_argument("--only", help="measure only pages whose name contains this text")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (scripts/bench installs it: apt-get install wrk).")

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="lms-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    servers = Servers()
    try:
        targets = measure(args, folder, servers)
    finally:
        servers.stop()
    hello = targets[0]
    result = table(targets, hello, args.rounds, args.seconds)
    (folder / "results.md").write_text(result + "\n")
    print()
    print(result)
    print(f"\nWritten to {folder / 'results.md'}")
    if not args.keep and not args.workdir:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        sys.path.insert(0, str(ROOT))
        prepare()
    else:
        main()
