"""Central platform (the test database) and a classroom node (a second SQLite file, driven by
``manage.py`` in a subprocess): export, open, a learner studies and passes on the node with no
network, results come back, merge, a certificate is issued, and re-importing changes nothing.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessments.models import Attempt, ResponseFile
from certificates.models import Certificate
from classroom import bundle as bundles
from classroom import services
from classroom.bundle import BundleRefused
from courses.models import Enrolment, LessonCompletion
from tests import factories
from tests.classroom.world import build_classroom_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]

# Run on the node inside ``manage.py shell``: every connection to anything but this machine
# fails, and the learner's journey goes through the real views.
NODE_JOURNEY = r"""
import socket

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_connect = socket.socket.connect
_getaddrinfo = socket.getaddrinfo
attempts_out = []


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in LOOPBACK:
        attempts_out.append(address)
        raise OSError(f"network blocked on the classroom node: {address!r}")
    return _connect(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host not in LOOPBACK and host is not None:
        attempts_out.append(host)
        raise OSError(f"name lookup blocked on the classroom node: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.getaddrinfo = _guarded_getaddrinfo

from django.test import Client
from django.urls import reverse

from assessments import selectors
from assessments.models import Attempt, QuizPage
from courses.models import LessonPage

client = Client(HTTP_HOST="localhost")
response = client.post("/en/learn/classroom/sign-in/", {"code": "WRONG-CODE1"})
assert response.status_code == 400, response.status_code
response = client.post("/en/learn/classroom/sign-in/", {"code": CODE})
assert response.status_code == 302, response.status_code
assert client.get("/en/learn/").status_code == 200
lesson = LessonPage.objects.get(locale__language_code="en")
assert client.get(lesson.url).status_code == 200
response = client.post(reverse("courses:complete_lesson", args=[lesson.pk]))
assert response.status_code == 302, response.status_code
quiz, written_quiz = QuizPage.objects.filter(locale__language_code="en").order_by("path")
assert client.get(quiz.url).status_code == 200
response = client.post(reverse("assessments:start", args=[quiz.pk]))
attempt = Attempt.objects.get()
shown = selectors.attempt_page_for(attempt=attempt, page=1)
answers = {"page": 1, "go": "finish"}
for question in shown.questions:
    if question.spec.type == "evidence":
        # The learner opens the evidence file, served by the node, and reads the value.
        from wagtail.documents import get_document_model

        document = get_document_model().objects.get()
        assert b"356938035643809" in document.file.read()
        answers[question.field_name] = "356938035643809"
    else:
        right = next(b.id for b in question.question.answers if b.value["weight"] == 100)
        answers[question.field_name] = question.tokens[right]
assert len(answers) == 4, answers
response = client.post(reverse("assessments:attempt", args=[attempt.pk]), answers)
assert response.status_code == 302, response.status_code
client.post(reverse("assessments:submit", args=[attempt.pk]))
attempt.refresh_from_db()
assert attempt.passed, attempt.score

# The written case: an answer and an attached file, waiting for the trainer.
from django.core.files.uploadedfile import SimpleUploadedFile

client.post(reverse("assessments:start", args=[written_quiz.pk]))
written_attempt = Attempt.objects.get(quiz=written_quiz)
[shown] = selectors.attempt_page_for(attempt=written_attempt, page=1).questions
response = client.post(
    reverse("assessments:attempt", args=[written_attempt.pk]),
    {
        "page": 1,
        "go": "finish",
        shown.field_name: "Preserve the subscriber records and the IP logs.",
        f"{shown.field_name}-file": SimpleUploadedFile("request.txt", b"Preservation request"),
    },
)
assert response.status_code == 302, response.status_code
client.post(reverse("assessments:submit", args=[written_attempt.pk]))
written_attempt.refresh_from_db()
assert written_attempt.state == Attempt.State.AWAITING_MARKING, written_attempt.state
assert attempts_out == [], attempts_out
print("JOURNEY OK")
"""


# Run on the node after NODE_JOURNEY's network guard: the trainer signs in to the admin with
# the password and the authenticator secret `classroom open` printed, and opens the marking
# queue. The code is worked out from the secret and the clock, as the trainer's phone does.
TRAINER_JOURNEY = r"""
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

client = Client(HTTP_HOST="localhost")
response = client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
assert response["Location"] == "/en/accounts/2fa/authenticate/", response["Location"]
code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
client.post("/en/accounts/2fa/authenticate/", {"code": code})
assert client.session.get("_auth_user_id"), "the TOTP code was refused"
assert client.get(reverse("assessments_marking")).status_code == 200
written_attempt = Attempt.objects.get(state=Attempt.State.AWAITING_MARKING)
url = reverse("assessments_marking_attempt", args=[written_attempt.pk])
assert client.get(url).status_code == 200
[written] = selectors.written_answers_for(attempt=written_attempt, language="en")
marking = {"response": written.response.pk, "comment": "Name the legal basis next time."}
for row in written.criteria:
    marking[row.field_name] = len(row.criterion.levels) - 1
response = client.post(url, marking)
assert response.status_code == 302, response.status_code
written_attempt.refresh_from_db()
assert written_attempt.passed, written_attempt.score
assert attempts_out == [], attempts_out
print("TRAINER OK")
"""


def _node_env(tmp_path) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.development",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'node.sqlite3'}",
            "LMS_VAR_DIR": str(tmp_path / "var"),
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "LMS_PRIVATE_ROOT": str(tmp_path / "private"),
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        }
    )
    env.pop("LMS_CREDENTIAL_SIGNING_KEY", None)
    return env


def _manage(env, *args, stdin=None, fails=False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if fails:
        assert result.returncode != 0, result.stdout
        return result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def classroom_world(db):
    """Made for this test alone: a transactional test cannot run inside the transaction that
    the other modules' shared world (tests/classroom/conftest.py) lives in."""
    return build_classroom_world()


@pytest.fixture
def node(tmp_path):
    """A fresh install: migrated (from the template scripts/test makes, if any), no demo."""
    env = _node_env(tmp_path)
    template = os.environ.get("LMS_TEST_DB_TEMPLATE_SQLITE")
    if template and os.path.exists(template):
        shutil.copy(template, tmp_path / "node.sqlite3")
    _manage(env, "migrate", "-v0")
    return env


def test_a_cohort_goes_out_studies_offline_and_comes_back(classroom_world, node, tmp_path):
    cohort = classroom_world["cohort"]
    awa = classroom_world["learners"][0]
    quiz = classroom_world["quiz"]
    # A written case too, marked on the node by its trainer.
    written = factories.make_written_question(
        category=classroom_world["question"].category, accepts_file=True
    )
    written_quiz = factories.make_quiz(
        module=classroom_world["module"], questions=[written], pass_mark=50
    )

    # Going out.
    export = services.classroom_export(cohort=cohort, languages=["en", "fr"])
    bundle_path = tmp_path / "room.zip"
    bundle_path.write_bytes(export.data)
    stranger = bundles.public_key_text(Ed25519PrivateKey.generate())
    refused = _manage(
        node, "classroom", "open", str(bundle_path), "--platform-key", stranger, fails=True
    )
    assert "does not know" in refused and "Nothing was changed" in refused
    opened = _manage(
        node, "classroom", "open", str(bundle_path), "--platform-key", export.platform_key
    )
    trainer = {
        name: re.search(rf"{label}[^:]*: (\S+)", opened).group(1)
        for name, label in (
            ("EMAIL", "Trainer account"),
            ("PASSWORD", "Trainer password"),
            ("SECRET", "Trainer authenticator secret"),
        )
    }
    assert "otpauth://totp/" in opened
    assert (tmp_path / "room.trainer.html").read_text().count(trainer["SECRET"]) == 1
    fingerprint = re.search(r"Node key fingerprint[^:]*: (\S+)", opened).group(1)
    again = _manage(
        node,
        "classroom",
        "open",
        str(bundle_path),
        "--platform-key",
        export.platform_key,
        fails=True,
    )
    assert "already imported" in again

    # In the room: Awa signs in with her code, studies and passes the quiz, with no network.
    code = next(c.code for c in export.codes if c.user_id == awa.pk)
    journey = _manage(node, "shell", "-c", f"CODE = {code!r}\n" + NODE_JOURNEY)
    assert "JOURNEY OK" in journey
    prelude = "".join(f"{name} = {value!r}\n" for name, value in trainer.items())
    script = prelude + NODE_JOURNEY.split("client = Client")[0] + TRAINER_JOURNEY
    assert "TRAINER OK" in _manage(node, "shell", "-c", script)

    # Coming back.
    results_path = tmp_path / "results.zip"
    _manage(node, "classroom", "results", "--out", str(results_path))
    data = results_path.read_bytes()
    with pytest.raises(BundleRefused) as unknown:
        services.results_preview(data=data)
    assert unknown.value.code == "unknown_signer"
    services.node_key_register(cohort=cohort, fingerprint=fingerprint)
    preview = services.results_preview(data=data)
    assert (preview.learners, preview.attempts_new, preview.completions_new) == (2, 2, 1)
    assert (preview.markings_new, preview.files_new) == (1, 1)
    assert not Attempt.objects.exists()  # the preview wrote nothing

    report = services.results_import(data=data)
    assert report.attempts_new == 2 and report.conflicts == []
    attempt = Attempt.objects.get(quiz=quiz)
    assert (attempt.learner, attempt.passed) == (awa, True)
    assert attempt.responses.count() == 2
    marked = Attempt.objects.get(quiz=written_quiz)
    assert (marked.learner, marked.state, marked.passed) == (awa, "submitted", True)
    response = marked.responses.get()
    assert response.markings.get().comment == "Name the legal basis next time."
    assert ResponseFile.objects.get(response=response).file.read() == b"Preservation request"
    assert LessonCompletion.objects.filter(learner=awa).count() == 1
    enrolment = Enrolment.objects.get(learner=awa, cohort=cohort)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Certificate.objects.filter(learner=awa).count() == 1

    # The same bundle again: refused as a replay, and nothing changes.
    with pytest.raises(BundleRefused) as replay:
        services.results_import(data=data)
    assert replay.value.code == "replayed"
    assert Attempt.objects.count() == 2
    assert Certificate.objects.filter(learner=awa).count() == 1
