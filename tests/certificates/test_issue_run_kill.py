"""A real worker process is killed (SIGKILL) in the middle of a bulk issue; the run is then
seen as interrupted, resumed, and every learner ends with exactly one certificate.

PostgreSQL only: the worker is another process, which must see the test's committed rows
(SQLite's test database lives in this process's memory).
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, IssueRun
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 40
WORKER = (
    "import django; django.setup(); "
    "from certificates import services; services.issue_run_execute(run_id={run_id})"
)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_worker_killed_mid_run_is_resumed_without_duplicates(catalog):
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )
    learners = [factories.make_learner() for _ in range(LEARNERS)]
    for learner in learners:
        complete(learner, course)
    run = IssueRun.objects.create(course=course)

    env = {**os.environ, "DATABASE_URL": _database_url(), "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER.format(run_id=run.pk)], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 60
    while Certificate.objects.filter(course=course).count() < 3:
        assert worker.poll() is None, "the worker ended before it could be killed"
        assert time.monotonic() < deadline, "the worker issued nothing in 60 s"
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)

    run.refresh_from_db()
    issued_before = Certificate.objects.filter(course=course).count()
    assert run.state == "running" and issued_before < LEARNERS  # really cut off mid-run
    IssueRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    run.refresh_from_db()
    assert run.is_interrupted

    services.issue_run_resume(run=run)  # commits, so the queued task runs on commit

    run.refresh_from_db()
    assert run.state == "done"
    for learner in learners:
        assert Certificate.objects.filter(learner=learner, course=course).count() == 1
