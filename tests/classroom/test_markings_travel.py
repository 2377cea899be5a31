"""Written answers marked on a node, and files learners attached there, come back and merge.

One database plays both parts: the node's attempt is made and marked here, the node's results
bundle is written from it, and importing adds the node's attempt after it (as for any learner
who also studied online).
"""

import io
import json
import uuid
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Attempt, Marking, ResponseFile
from certificates import credentials
from certificates.credentials import multikey
from classroom import bundle as bundles
from classroom import services
from classroom.models import ClassroomCode, LocalNode
from tests import factories
from tests.classroom.test_results_import import results_bundle

pytestmark = pytest.mark.django_db

ANSWER = "Preserve the subscriber records and the IP logs."


@pytest.fixture
def written_world(classroom_world):
    world = classroom_world
    written = factories.make_written_question(
        category=factories.make_category(course=world["course"]), accepts_file=True
    )
    world["written"] = written
    world["written_quiz"] = factories.make_quiz(
        module=world["module"], questions=[written], pass_mark=50
    )
    world["trainer"] = factories.make_course_trainer(course=world["course"])
    return world


def _node(world) -> tuple[LocalNode, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    node = LocalNode.objects.create(
        classroom_bundle_id=uuid.uuid4(),
        cohort=world["cohort"],
        platform_id=services.platform_id(),
        platform_base_url="http://testserver",
        expires_at=timezone.now() + timedelta(days=3),
        private_key=credentials.multibase_encode(
            multikey.ED25519_PRIV_PREFIX + key.private_bytes_raw()
        ),
        public_key=bundles.public_key_text(key),
    )
    for learner in world["learners"]:
        ClassroomCode.objects.create(user=learner, code_hash=services.code_hash(str(learner.pk)))
    services.node_key_register(
        cohort=world["cohort"], fingerprint=bundles.fingerprint(node.public_key)
    )
    return node, key


def _levels(world, points=(2, 2)) -> dict:
    keys = [block.id for block in world["written"].answers]
    return dict(zip(keys, points, strict=True))


def _answered(world, *, file=None) -> Attempt:
    awa = world["learners"][0]
    attempt = assessment_services.attempt_start(learner=awa, quiz=world["written_quiz"])
    files = {world["written"].pk: file} if file else {}
    assessment_services.attempt_save(
        attempt=attempt, learner=awa, answers={world["written"].pk: ANSWER}, files=files
    )
    return assessment_services.attempt_submit(attempt=attempt, learner=awa)


def _mark(world, attempt, points=(2, 2), **extra):
    return assessment_services.response_mark(
        response=attempt.responses.get(),
        marker=world["trainer"],
        chosen=_levels(world, points),
        **extra,
    )


def _results(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("files/" + services.RESULTS_PATH))[0]


def test_a_marking_and_an_attached_file_travel_in_the_results_bundle(written_world):
    world = written_world
    _node(world)
    attempt = _answered(world, file=SimpleUploadedFile("request.txt", b"Preservation request"))
    _mark(world, attempt, comment="Name the legal basis.")
    data = services.results_export()
    [sent] = [a for a in _results(data)["attempts"] if a["quiz"] == world["written_quiz"].pk]
    [response] = sent["responses"]
    assert [m["comment"] for m in response["markings"]] == ["Name the legal basis."]
    assert response["file"]["name"] == "request.txt"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("files/" + response["file"]["path"]) == b"Preservation request"


def test_markings_and_files_merge_centrally_with_the_node_attempt(written_world):
    world = written_world
    _node(world)
    attempt = _answered(world, file=SimpleUploadedFile("request.txt", b"Preservation request"))
    _mark(world, attempt, points=(1, 1))
    _mark(world, attempt, points=(2, 2), comment="Better after discussion.")
    report = services.results_import(data=services.results_export())
    assert (report.attempts_new, report.markings_new, report.files_new) == (1, 2, 1)
    merged = Attempt.objects.filter(quiz=world["written_quiz"]).exclude(pk=attempt.pk).get()
    response = merged.responses.get()
    assert [m.comment for m in response.markings.all()] == ["", "Better after discussion."]
    assert response.markings.last().score == Decimal(1)
    assert (merged.state, merged.passed) == (Attempt.State.SUBMITTED, True)
    upload = ResponseFile.objects.get(response=response)
    assert upload.file.read() == b"Preservation request"
    assert upload.file.name != ResponseFile.objects.get(response__attempt=attempt).file.name


def _node_written_attempt(world, key, *, markings=(), state="awaiting"):
    written = world["written"]
    now = timezone.now()
    return {
        "id": f"{bundles.public_key_text(key)}:attempt:1",
        "learner": world["learners"][0].pk,
        "quiz": world["written_quiz"].pk,
        "state": state,
        "seed": "abc",
        "layout": {},
        "started_at": (now - timedelta(hours=2)).isoformat(),
        "submitted_at": (now - timedelta(hours=1)).isoformat(),
        "score": None,
        "passed": None,
        "language": "en",
        "responses": [
            {
                "question": written.pk,
                "position": 1,
                "answer": ANSWER,
                "score": None,
                "markings": list(markings),
                "file": None,
            }
        ],
    }


def _node_marking(world, key, number, marked_at, points=(2, 2)):
    return {
        "id": f"{bundles.public_key_text(key)}:marking:{number}",
        "marked_at": marked_at.isoformat(),
        "levels": {"version": 1, "chosen": _levels(world, points)},
        "feedback": {"version": 1, "criteria": {}},
        "comment": f"node marking {number}",
        "score": "1",
    }


def _registered(world) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    services.node_key_register(
        cohort=world["cohort"], fingerprint=bundles.fingerprint(bundles.public_key_text(key))
    )
    return key


def test_a_node_marking_older_than_a_marking_made_here_is_a_conflict_and_changes_nothing(
    written_world,
):
    world = written_world
    key = _registered(world)
    services.results_import(
        data=results_bundle(world, key, attempts=[_node_written_attempt(world, key)])
    )
    merged = Attempt.objects.get(quiz=world["written_quiz"])
    assert merged.state == Attempt.State.AWAITING_MARKING
    _mark(world, merged, points=(0, 0), comment="Marked here.")  # now
    older = _node_marking(world, key, 1, timezone.now() - timedelta(minutes=30))
    report = services.results_import(
        data=results_bundle(
            world, key, attempts=[_node_written_attempt(world, key, markings=[older])]
        )
    )
    assert report.markings_new == 0
    assert any("marking here is kept" in conflict for conflict in report.conflicts)
    response = merged.responses.get()
    assert [m.comment for m in response.markings.all()] == ["Marked here."]
    merged.refresh_from_db()
    assert merged.passed is False


def test_a_node_marking_made_after_the_attempt_came_here_is_applied_once(written_world):
    world = written_world
    key = _registered(world)
    services.results_import(
        data=results_bundle(world, key, attempts=[_node_written_attempt(world, key)])
    )
    merged = Attempt.objects.get(quiz=world["written_quiz"])
    later = _node_marking(world, key, 1, timezone.now())
    again = _node_written_attempt(world, key, markings=[later])
    report = services.results_import(data=results_bundle(world, key, attempts=[again]))
    assert (report.attempts_known, report.markings_new, report.conflicts) == (1, 1, [])
    merged.refresh_from_db()
    assert (merged.state, merged.passed) == (Attempt.State.SUBMITTED, True)
    # The same marking in the node's next bundle is not applied a second time.
    report = services.results_import(data=results_bundle(world, key, attempts=[again]))
    assert report.markings_new == 0
    assert Marking.objects.filter(response__attempt=merged).count() == 1


def test_a_file_that_is_not_what_it_claims_is_skipped_as_a_conflict(written_world):
    world = written_world
    key = _registered(world)
    attempt = _node_written_attempt(world, key)
    attempt["responses"][0]["file"] = {"path": "attachments/9.pdf", "name": "request.pdf"}
    data = _bundle_with_file(world, key, attempt, b"MZ\x90 not a pdf")
    report = services.results_import(data=data)
    assert report.files_new == 0
    assert any("request.pdf" in conflict for conflict in report.conflicts)
    assert not ResponseFile.objects.exists()


def test_a_file_named_but_missing_from_the_bundle_refuses_the_bundle(written_world):
    world = written_world
    key = _registered(world)
    attempt = _node_written_attempt(world, key)
    attempt["responses"][0]["file"] = {"path": "attachments/9.pdf", "name": "request.pdf"}
    with pytest.raises(services.ClassroomError):
        services.results_import(data=results_bundle(world, key, attempts=[attempt]))
    assert not Attempt.objects.exists()


def _bundle_with_file(world, key, attempt, content: bytes) -> bytes:
    results = {
        "cohort": world["cohort"].pk,
        "classroom_bundle_id": str(uuid.uuid4()),
        "learners": [learner.pk for learner in world["learners"]],
        "completions": [],
        "attempts": [attempt],
        "attendance": [],
    }
    now = timezone.now()
    return bundles.build_bundle(
        files={
            services.RESULTS_PATH: json.dumps([results]).encode(),
            attempt["responses"][0]["file"]["path"]: content,
        },
        kind=bundles.KIND_RESULTS,
        key=key,
        platform_id=services.platform_id(),
        base_url="http://testserver",
        created=now,
        expires=now + timedelta(days=10),
        languages=[],
        extra={"cohort_id": world["cohort"].pk},
    )


def _attempts(world, key, count, *, markings_at=None):
    attempts = []
    for n in range(count):
        attempt = _node_written_attempt(world, key)
        attempt["id"] = f"{bundles.public_key_text(key)}:attempt:{n + 1}"
        if markings_at is not None:
            attempt["responses"][0]["markings"] = [
                _node_marking(world, key, 10 * n + m, markings_at) for m in range(2)
            ]
        attempts.append(attempt)
    return attempts


def _preview_queries(data) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.results_preview(data=data)
    return len(queries.captured_queries)


def test_previewing_costs_the_same_for_one_attempt_or_many_new_or_remarked(written_world):
    world = written_world
    key = _registered(world)
    days = [{"learner": world["learners"][0].pk, "day": f"2026-12-0{n}"} for n in range(1, 8)]
    later = timezone.now()
    one = results_bundle(world, key, attempts=_attempts(world, key, 1, markings_at=later))
    six = results_bundle(
        world, key, attempts=_attempts(world, key, 6, markings_at=later), attendance=days
    )
    assert _preview_queries(one) == _preview_queries(six)
    # The same attempts, already here, with markings made on the node since.
    services.results_import(data=results_bundle(world, key, attempts=_attempts(world, key, 6)))
    remarked_one = results_bundle(world, key, attempts=_attempts(world, key, 1, markings_at=later))
    remarked_six = results_bundle(world, key, attempts=_attempts(world, key, 6, markings_at=later))
    assert services.results_preview(data=remarked_six).markings_new == 12
    assert _preview_queries(remarked_one) == _preview_queries(remarked_six) <= 20
