"""Exam morning, as Locust users: learners taking a timed quiz, visitors on the public pages.

Run by ``scripts/loadtest`` (never on its own against a real site: it signs in as the
generated ``@load.invalid`` accounts). The environment gives it

- ``LMS_LOAD_SCENARIO``: the JSON that ``tests.load.cohort`` printed (URLs, quiz, accounts);
- ``LMS_LOAD_RECORD``: a file where every answer saved and every attempt submitted is
  written, one JSON object a line, once the server has accepted it; ``tests.load.check``
  compares it with the database afterwards;
- ``LMS_LOAD_THINK``: ``min,max`` seconds a learner spends on a quiz page (default 4,10);
- ``LMS_LOAD_RAMP``: ``step,seconds,max``: add ``step`` learners every ``seconds`` until
  ``max`` (the step mode that finds the most learners served before p95 passes 500 ms);
  ``LMS_LOAD_STEPS`` names the file where each step's figures are written.

Every user comes from its own address (``X-Forwarded-For``; the platform is told it sits
behind one proxy), so per-address rate limits see a crowd, as they would on the morning.
The site's cookies are ``__Host-`` and Secure, answered as if over HTTPS
(``X-Forwarded-Proto``); TLS ends in front of the app, as in production, so this process's
cookie jars are told to send Secure cookies over plain loopback HTTP too.

The users are ``FastHttpUser``s (geventhttpclient): Locust shares the machine's cores with the
platform, and a request costs it several times less CPU than through ``requests``, which
leaves the cores to what is measured.
"""

import itertools
import json
import math
import os
import random
import re
import threading
import time
from http.cookiejar import DefaultCookiePolicy

from locust import FastHttpUser, LoadTestShape, between, events, task

SCENARIO = json.loads(open(os.environ["LMS_LOAD_SCENARIO"]).read())  # noqa: SIM115
RECORD = open(os.environ["LMS_LOAD_RECORD"], "a", buffering=1)  # noqa: SIM115
THINK = tuple(float(s) for s in os.environ.get("LMS_LOAD_THINK", "4,10").split(","))
_RECORD_LOCK = threading.Lock()
_learners = itertools.count()
_addresses = itertools.count(1)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'type="radio" name="(q\d+)" value="([0-9a-f]+)"')
PAGE = re.compile(r'name="page" value="(\d+)"')
ATTEMPT = re.compile(r"/attempt/(\d+)/")


DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


def record(**event) -> None:
    with _RECORD_LOCK:
        RECORD.write(json.dumps(event) + "\n")


class _FromItsOwnAddress(FastHttpUser):
    """A user whose requests come from an address of its own, over HTTPS as the app sees it."""

    abstract = True

    def __init__(self, environment):
        # The client takes its headers when it is made, in FastHttpUser.__init__.
        n = next(_addresses)
        self.default_headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
            **self.extra_headers(environment.host or self.host),
        }
        super().__init__(environment)

    def extra_headers(self, host: str) -> dict:
        return {}


class Visitor(_FromItsOwnAddress):
    """Somebody from a campaign: public pages only, never signed in."""

    weight = 1
    wait_time = between(1, 5)

    @task
    def public_page(self):
        path = random.choice(SCENARIO["public"])  # noqa: S311 - not security
        if "/verify/" in path:
            name = "public: verification"
        elif path.rstrip("/").count("/") <= 1:
            name = "public: home"
        elif path.rstrip("/").endswith("/courses"):
            name = "public: catalog"
        else:
            name = "public: course"
        self.client.get(path, name=name)


class Learner(_FromItsOwnAddress):
    """One learner of the cohort at a time: sign in, dashboard, a lesson, the quiz, submit.

    When the journey is over, the simulated user takes the next account of the cohort; when
    every account has sat the quiz, it keeps reading lessons and the dashboard.
    """

    weight = 4
    wait_time = between(1, 3)

    def extra_headers(self, host: str) -> dict:
        # Django's CSRF check over HTTPS compares the Origin with the host.
        return {"Origin": f"https://{host.split('://', 1)[1].rstrip('/')}"}

    def on_start(self):
        self.email = None

    def _think(self):
        time.sleep(random.uniform(*THINK))  # noqa: S311 - not security

    def _sign_in(self, email) -> bool:
        self.client.cookiejar.clear()
        page = self.client.get("/en/accounts/login/", name="sign-in page")
        token = CSRF.search(page.text)
        with self.client.post(
            "/en/accounts/login/",
            data={
                "login": email,
                "password": SCENARIO["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
                return False
        return True

    @task
    def exam_morning(self):
        n = next(_learners)
        if n >= SCENARIO["learners"]:
            self._reading()
            return
        self.email = SCENARIO["email"].format(n=n)
        if not self._sign_in(self.email):
            return
        self.client.get("/en/learn/", name="dashboard")
        self._think()
        self.client.get(SCENARIO["lesson_url"], name="lesson")
        self._think()
        quiz = self.client.get(SCENARIO["quiz_url"], name="quiz page")
        token = CSRF.search(quiz.text)
        csrf = token.group(1) if token else ""
        with self.client.post(
            f"/en/learn/quiz/{SCENARIO['quiz_id']}/start/",
            data={"csrfmiddlewaretoken": csrf},
            name="start quiz",
            allow_redirects=False,
            catch_response=True,
        ) as started:
            found = ATTEMPT.search(started.headers.get("Location", ""))
            if started.status_code != 302 or not found:
                started.failure(f"no attempt: {started.status_code}")
                return
        attempt = int(found.group(1))
        record(event="start", learner=self.email, attempt=attempt)
        location = started.headers["Location"]
        while "/submit/" not in location:
            page = self.client.get(location, name="quiz: question page")
            chosen = {}
            for field, value in CHOICE.findall(page.text):
                chosen.setdefault(field, []).append(value)
            answers = {
                field: random.choice(values)  # noqa: S311 - not security
                for field, values in chosen.items()
            }
            number = PAGE.search(page.text)
            csrf = CSRF.search(page.text)
            last = 'name="go" value="finish"' in page.text
            self._think()
            # Written before the request: if the load stops (or the answer is lost) while it
            # is on its way, the check still knows these tokens may be the stored ones.
            record(event="sending", attempt=attempt, answers=answers)
            with self.client.post(
                f"/en/learn/attempt/{attempt}/",
                data={
                    **answers,
                    "page": number.group(1) if number else "1",
                    "go": "finish" if last else "next",
                    "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
                },
                name="quiz: save page",
                allow_redirects=False,
                catch_response=True,
            ) as saved:
                if saved.status_code != 302 or not answers:
                    saved.failure(f"save answered {saved.status_code}, {len(answers)} answers")
                    return
                for field, value in answers.items():
                    record(event="save", attempt=attempt, question=int(field[1:]), token=value)
                location = saved.headers.get("Location", "")
            if not location:
                return
        summary = self.client.get(location, name="quiz: summary")
        csrf = CSRF.search(summary.text)
        record(event="submitting", learner=self.email, attempt=attempt)
        with self.client.post(
            f"/en/learn/attempt/{attempt}/submit/",
            data={"go": "finish", "csrfmiddlewaretoken": csrf.group(1) if csrf else ""},
            name="quiz: submit",
            allow_redirects=False,
            catch_response=True,
        ) as submitted:
            if submitted.status_code != 302 or "/result/" not in submitted.headers.get(
                "Location", ""
            ):
                submitted.failure(f"submit answered {submitted.status_code}")
                return
        record(event="submit", learner=self.email, attempt=attempt)
        self.client.get(f"/en/learn/attempt/{attempt}/result/", name="quiz: result")

    def _reading(self):
        """After the exam: a signed-in learner (or, if none, nobody) reads on."""
        if self.email is None:
            time.sleep(5)
            return
        self.client.get("/en/learn/", name="dashboard")
        self._think()
        self.client.get(SCENARIO["lesson_url"], name="lesson")


# Step mode ---------------------------------------------------------------------------------

_timings: list[tuple[float, float, bool]] = []


@events.request.add_listener
def _timing(response_time, exception, **kwargs):
    _timings.append((time.monotonic(), response_time, exception is None))


class _Steps(LoadTestShape):
    """``step`` more learners (and a quarter as many visitors) every ``seconds``."""

    abstract = True  # only the subclass below, made in step mode, is used

    def __init__(self):
        super().__init__()
        step, seconds, most, *rate = os.environ["LMS_LOAD_RAMP"].split(",")
        self.step, self.seconds, self.most = int(step), int(seconds), int(most)
        # How many newcomers start a second (scripts/loadtest --spawn-rate): a whole step in
        # one second unless told otherwise.
        self.rate = float(rate[0]) if rate else float(self.step)
        self.bounds: list[tuple[int, float, float]] = []

    def tick(self):
        run_time = self.get_run_time()
        number = int(run_time // self.seconds) + 1
        users = number * self.step
        if users > self.most:
            return None
        now = time.monotonic()
        if not self.bounds or self.bounds[-1][0] != users:
            self.bounds.append((users, now, now))
        self.bounds[-1] = (users, self.bounds[-1][1], now)
        # Learners are weighted 4 to 1 against visitors: ``users`` counts both.
        return math.ceil(users * 5 / 4), max(1.0, self.rate)


# Locust uses a shape class when the locustfile defines one: only in step mode.
if os.environ.get("LMS_LOAD_RAMP"):
    Steps = type("Steps", (_Steps,), {})


@events.test_stop.add_listener
def _steps_report(environment, **kwargs):
    shape = environment.shape_class
    path = os.environ.get("LMS_LOAD_STEPS")
    if not path or not isinstance(shape, _Steps):
        return
    rows = []
    for users, start, end in shape.bounds:
        # The first third of a step is the new users signing in: measured, but as it
        # settles, so the step's own figures come from the rest.
        settled = start + (end - start) / 3
        times = sorted(t for at, t, ok in _timings if settled <= at <= end)
        errors = sum(1 for at, _t, ok in _timings if start <= at <= end and not ok)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))] if times else None
        rows.append({"learners": users, "requests": len(times), "p95_ms": p95, "errors": errors})
    with open(path, "w") as out:
        json.dump(rows, out, indent=1)
