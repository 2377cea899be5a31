"""Many learners writing at once: no request fails with "database is locked".

On SQLite the requests run against a copy of the test database in a file, where every thread
has its own connection, as gunicorn's workers and threads do: the in-memory database of the
rest of the suite is one shared connection and would hide lock conflicts. On PostgreSQL the
same requests run against the test database itself.
"""

import sqlite3
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from assessments.models import Attempt
from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services as course_services
from courses.models import LessonPage
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.engine_sensitive,
]

SUBMITTING = 50
DOWNLOADING = 10  # five certificates, each downloaded twice at the same moment


@pytest.fixture
def file_database(tmp_path):
    """Return a function that moves the threads started afterwards to a file copy of the
    test database (SQLite), and returns the file's path (None on PostgreSQL).

    The threads' connections are made from ``connections.settings``, so they get the
    project's real ``OPTIONS`` (transaction mode, busy timeout, journal mode) with the file
    as the database. The test's own connection stays on the in-memory database.
    """
    original = connections.settings["default"]

    def move():
        if connection.vendor != "sqlite":
            return None
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        # As in a deployment, where migrate's first connection already switched to WAL.
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        connections.settings["default"] = {**original, "NAME": str(path)}
        return path

    yield move
    connections.settings["default"] = original


def run_together(work: list) -> list[str]:
    """Start every callable at the same moment, each in its own thread; return the failures."""
    barrier = threading.Barrier(len(work))
    failures = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            failures.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


def in_a_thread(function):
    """What ``function`` returns when run in a thread of its own (so on the file database)."""
    results = []

    def run():
        try:
            results.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return results[0]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_fifty_learners_submit_quizzes_and_download_pdfs_at_once(catalog, file_database):
    course = factories.make_course(index=catalog, modules=1, lessons=0)
    module = course.get_children().first().specific
    question = factories.make_question()
    quiz = factories.make_quiz(module=module, questions=[question])
    answer = factories.right_answer(question)
    takers = [factories.make_learner() for _ in range(SUBMITTING)]
    for learner in takers:
        factories.make_enrolment(learner=learner, course=course)
    certified = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator", estimated_hours=8
    )
    lesson = LessonPage.objects.descendant_of(certified).get()
    holders = [factories.make_learner() for _ in range(DOWNLOADING // 2)]
    certificates = []
    for learner in holders:
        course_services.enrolment_create(learner=learner, course=certified)
        course_services.lesson_complete(learner=learner, lesson=lesson)
        certificates.append(
            certificate_services.certificate_issue(
                learner=learner, course=certified, name_as_printed=learner.email
            )
        )
    # Sessions are made now, so that the threads do only what learners do.
    clients = {learner.pk: signed_in(learner) for learner in takers + holders}
    file_database()

    def take_quiz(learner):
        def job():
            client = clients[learner.pk]
            started = client.post(reverse("assessments:start", args=[quiz.pk]))
            assert started.status_code == 302, started.status_code
            attempt_url = started.url
            finished = client.post(
                attempt_url, {"page": "1", f"q{question.pk}": answer, "go": "finish"}
            )
            assert finished.status_code == 302, finished.status_code
            assert "/submit/" in finished.url, finished.url
            confirmed = client.post(finished.url)
            assert "/result/" in confirmed.url, confirmed.url

        return job

    def download(certificate):
        def job():
            client = clients[certificate.learner_id]
            response = client.get(
                reverse("certificates_learner:certificate_pdf", args=[certificate.code])
            )
            assert response.status_code == 200, response.status_code
            assert b"".join(response.streaming_content).startswith(b"%PDF-")

        return job

    work = [take_quiz(learner) for learner in takers]
    work += [download(certificate) for certificate in certificates for _ in range(2)]
    began = time.monotonic()
    failures = run_together(work)
    took = time.monotonic() - began

    assert failures == []
    submitted, rendered = in_a_thread(
        lambda: (
            Attempt.objects.filter(submitted_at__isnull=False).count(),
            Certificate.objects.exclude(pdf="").count(),
        )
    )
    assert (submitted, rendered) == (SUBMITTING, len(certificates))
    assert took < 20
