"""Two app servers sharing one PostgreSQL and one Redis behave as one (issue 16).

Two gunicorn servers on different ports and a task worker run the platform on the test
database (``tests/load/shared_stack.py`` says what is shared); one learner's requests
alternate between them. Their session is valid on both, a quiz attempt started on one is
saved and submitted on the other, a mail enqueued by one is sent by the worker, and the
failed sign-ins made on both count towards one limit. Needs the PostgreSQL stage of
scripts/test (two processes write the same rows) and its Redis server.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests import factories
from tests.lms.test_shared_cache import redis_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    # The servers read what the test writes: committed rows, restored afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'type="radio" name="(q\d+)" value="([0-9a-f]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stack_env(prefix: str) -> dict:
    stack = {
        "database": connection.settings_dict["NAME"],
        "cache_url": redis_url(),
        "key_prefix": prefix,
    }
    return {**os.environ, "LMS_SHARED_STACK": json.dumps(stack), "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def stack(django_db_setup):
    """Two app servers and a task worker on the test database and one Redis key prefix,
    started together (starting them is most of the file's time): the servers' base URLs."""
    prefix = f"two-servers-{uuid.uuid4().hex}"
    env = _stack_env(prefix)
    processes, urls = [], []
    for _ in range(2):
        port = _free_port()
        command = [sys.executable, "-m", "gunicorn", "tests.load.shared_stack"]
        command += ["--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        processes.append(
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    worker = [sys.executable, "-m", "tests.load.shared_stack", "db_worker"]
    worker += ["--interval", "0.2", "--no-startup-delay"]
    processes.append(
        subprocess.Popen(
            worker, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    )
    try:
        deadline = time.monotonic() + 60
        for process, url in zip(processes, urls, strict=False):
            while True:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "the app servers did not start in 60 s"
                try:
                    # Any answer will do: the page itself depends on the test's data.
                    requests.get(f"{url}/en/", timeout=30)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            # gunicorn stops at once on SIGINT (SIGTERM would wait for its graceful timeout).
            process.send_signal(signal.SIGINT)
        for process in processes:
            process.wait(timeout=20)
        from django.core.cache.backends.redis import RedisCache

        client = RedisCache(redis_url(), {})._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


class Browser:
    """One person's cookie jar, sending each request to the server it is told.

    Every request names the same host, as a load balancer passes on the site's public name:
    allauth's failed sign-in counter is kept per site, and the site of a request without the
    sites framework is its host, port included.
    """

    def __init__(self, address: str):
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = address
        self.session.headers["Host"] = "localhost"

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=20)

    def post(self, url: str, data: dict, form_url: str | None = None) -> requests.Response:
        """POST ``data`` with the CSRF token of the form at ``form_url`` (``url`` itself if
        not given), fetched from the same server."""
        page = self.session.get(form_url or url, timeout=20)
        token = CSRF.search(page.text)
        assert token, f"no form at {form_url or url}"
        data = {**data, "csrfmiddlewaretoken": token.group(1)}
        return self.session.post(url, data=data, allow_redirects=False, timeout=20)


def _sign_in(browser: Browser, server: str, email: str, password: str) -> requests.Response:
    login = f"{server}/en/accounts/login/"
    return browser.post(login, {"login": email, "password": password})


def test_one_learner_alternating_between_two_servers(stack, catalog):
    a, b = stack
    course = factories.make_course(index=catalog, modules=1, lessons=1, title="Shared stack")
    module = course.get_children().first().specific
    questions = [factories.make_question() for _ in range(2)]
    quiz = factories.make_quiz(module=module, questions=questions, questions_per_page=1)
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)

    # Signed in on A, the session is valid on B.
    browser = Browser("198.51.100.1")
    assert _sign_in(browser, a, learner.email, factories.PASSWORD).status_code == 302
    dashboard = browser.get(f"{b}/en/learn/")
    assert dashboard.status_code == 200
    assert "Shared stack" in dashboard.text

    # Started on A, one page saved on each server, submitted on B.
    started = browser.post(f"{a}/en/learn/quiz/{quiz.pk}/start/", {}, form_url=a + quiz.url)
    attempt_id = int(re.search(r"/attempt/(\d+)/", started.headers["Location"]).group(1))
    for page, server in ((1, b), (2, a)):
        form = f"{server}/en/learn/attempt/{attempt_id}/?page={page}"
        field, token = CHOICE.search(browser.get(form).text).groups()
        go = "finish" if page == 2 else "next"
        saved = browser.post(
            f"{server}/en/learn/attempt/{attempt_id}/",
            {field: token, "page": page, "go": go},
            form_url=form,
        )
        assert saved.status_code == 302, saved.text[-500:]
    submitted = browser.post(
        f"{b}/en/learn/attempt/{attempt_id}/submit/",
        {"go": "finish"},
        form_url=f"{a}/en/learn/attempt/{attempt_id}/submit/",
    )
    assert "/result/" in submitted.headers["Location"]

    from assessments.models import Attempt

    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.state == Attempt.State.SUBMITTED
    assert all(r.answer for r in attempt.responses.all())  # both pages' answers kept

    # A mail asked for on B is sent by the task worker.
    from django_tasks_db.models import DBTaskResult

    queued_before = set(DBTaskResult.objects.values_list("pk", flat=True))
    reset = browser.post(f"{b}/en/accounts/password/reset/", {"email": learner.email})
    assert reset.status_code == 302
    # Every e-mail goes through the one mail task (lms.notify.mail_enqueue).
    mail = DBTaskResult.objects.exclude(pk__in=queued_before).get(
        task_path="lms.tasks.mail_send_task"
    )
    deadline = time.monotonic() + 30
    while mail.status != "SUCCESSFUL" and time.monotonic() < deadline:
        time.sleep(0.2)
        mail.refresh_from_db()
    assert mail.status == "SUCCESSFUL"

    # allauth allows 5 failed sign-ins per account and address in 5 minutes: someone guessing
    # the learner's password on both servers in turn is refused at the sixth attempt, even
    # with the right password, as one server would refuse them.
    guesser = Browser("198.51.100.2")
    for attempt_number in range(5):
        server = (a, b)[attempt_number % 2]
        wrong = _sign_in(guesser, server, learner.email, "not-the-password")
        assert wrong.status_code == 200  # the form again, with its error
    refused = _sign_in(guesser, b, learner.email, factories.PASSWORD)
    assert refused.status_code != 302
    assert "Too many failed login attempts" in refused.text
    # The learner, from their own address, is not locked out.
    own = _sign_in(Browser("198.51.100.3"), a, learner.email, factories.PASSWORD)
    assert own.status_code == 302
