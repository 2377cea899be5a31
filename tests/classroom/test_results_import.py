"""Results from classroom nodes merge centrally by stable ids and never overwrite online work."""

import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Attempt
from classroom import bundle as bundles
from classroom import services
from classroom.models import Attendance, ImportedBundle, NodeKey
from courses.models import LessonCompletion, LessonPage
from tests import factories

pytestmark = pytest.mark.django_db


def results_bundle(world, key, *, attempts=(), completions=(), attendance=(), cohort=None):
    cohort_id = (cohort or world["cohort"]).pk
    learners = [learner.pk for learner in world["learners"]]
    results = {
        "cohort": cohort_id,
        "classroom_bundle_id": "00000000-0000-0000-0000-000000000000",
        "learners": learners,
        "completions": list(completions),
        "attempts": list(attempts),
        "attendance": list(attendance),
    }
    now = timezone.now()
    return bundles.build_bundle(
        files={services.RESULTS_PATH: json.dumps([results]).encode()},
        kind=bundles.KIND_RESULTS,
        key=key,
        platform_id=services.platform_id(),
        base_url="http://testserver",
        created=now,
        expires=now + timedelta(days=10),
        languages=[],
        extra={"cohort_id": cohort_id},
    )


def node_attempt(world, key, number, *, learner=None, passed=True):
    learner = learner or world["learners"][0]
    question = world["question"]
    right = factories.right_answer(question)
    now = timezone.now()
    return {
        "id": f"{bundles.public_key_text(key)}:attempt:{number}",
        "learner": learner.pk,
        "quiz": world["quiz"].pk,
        "state": "submitted",
        "seed": "abc",
        "layout": {},
        "started_at": (now - timedelta(minutes=5)).isoformat(),
        "submitted_at": now.isoformat(),
        "score": "100.0000" if passed else "0.0000",
        "passed": passed,
        "language": "fr",
        "responses": [
            {
                "question": question.pk,
                "position": 1,
                "answer": right if passed else None,
                "score": "1" if passed else "0",
            }
        ],
    }


def registered_key(world):
    key = Ed25519PrivateKey.generate()
    services.node_key_register(
        cohort=world["cohort"], fingerprint=bundles.fingerprint(bundles.public_key_text(key))
    )
    return key


def lesson_of(world):
    return LessonPage.objects.get(locale__language_code="en")


def test_online_attempts_are_kept_and_node_attempts_are_added_after_them(classroom_world):
    world = classroom_world
    awa = world["learners"][0]
    online = assessment_services.attempt_start(learner=awa, quiz=world["quiz"])
    key = registered_key(world)
    services.results_import(
        data=results_bundle(world, key, attempts=[node_attempt(world, key, 7)])
    )
    attempts = list(Attempt.objects.filter(learner=awa).order_by("number"))
    assert [a.pk for a in attempts][0] == online.pk
    assert [a.number for a in attempts] == [1, 2]
    assert attempts[1].passed is True and attempts[1].responses.count() == 1
    online.refresh_from_db()
    assert online.state == Attempt.State.IN_PROGRESS


def test_completions_are_a_union(classroom_world):
    world = classroom_world
    awa, joao = world["learners"]
    lesson = lesson_of(world)
    LessonCompletion.objects.create(learner=awa, lesson=lesson)
    key = registered_key(world)
    completions = [
        {"learner": awa.pk, "lesson": lesson.pk, "completed_at": timezone.now().isoformat()},
        {"learner": joao.pk, "lesson": lesson.pk, "completed_at": "2026-12-02T10:00:00+00:00"},
    ]
    report = services.results_import(data=results_bundle(world, key, completions=completions))
    assert report.completions_new == 1
    assert LessonCompletion.objects.filter(lesson=lesson).count() == 2
    assert LessonCompletion.objects.get(learner=joao).completed_at.day == 2


def test_a_second_node_for_the_same_cohort_merges_and_a_node_attempt_is_never_added_twice(
    classroom_world,
):
    world = classroom_world
    first, second = registered_key(world), registered_key(world)
    attempt = node_attempt(world, first, 1)
    services.results_import(data=results_bundle(world, first, attempts=[attempt]))
    # The first node exports again later: a new bundle that repeats the same attempt.
    again = services.results_import(
        data=results_bundle(world, first, attempts=[attempt, node_attempt(world, first, 2)])
    )
    assert (again.attempts_new, again.attempts_known) == (1, 1)
    other = services.results_import(
        data=results_bundle(
            world, second, attempts=[node_attempt(world, second, 1, learner=world["learners"][1])]
        )
    )
    assert other.attempts_new == 1
    assert Attempt.objects.count() == 3
    assert ImportedBundle.objects.filter(kind="results").count() == 3


def test_attendance_is_merged_once(classroom_world):
    world = classroom_world
    key = registered_key(world)
    day = {"learner": world["learners"][0].pk, "day": "2026-12-03"}
    services.results_import(data=results_bundle(world, key, attendance=[day]))
    report = services.results_import(data=results_bundle(world, key, attendance=[day]))
    assert report.attendance_new == 0
    assert Attendance.objects.count() == 1


def test_a_learner_outside_the_cohort_is_reported_and_skipped(classroom_world):
    world = classroom_world
    stranger = factories.make_learner()
    key = registered_key(world)
    data = results_bundle(world, key, attempts=[node_attempt(world, key, 1, learner=stranger)])
    report = services.results_import(data=data)
    assert report.attempts_new == 0
    assert not Attempt.objects.exists()


def test_a_revoked_node_is_refused(classroom_world):
    world = classroom_world
    key = registered_key(world)
    services.node_key_revoke(node_key=NodeKey.objects.get())
    with pytest.raises(bundles.BundleRefused) as refused:
        services.results_import(data=results_bundle(world, key))
    assert refused.value.code == "unknown_signer"
    assert not ImportedBundle.objects.exists()


def test_a_node_registered_for_another_cohort_is_refused(classroom_world):
    from courses.models import Cohort

    world = classroom_world
    key = registered_key(world)
    other = Cohort.objects.create(course=world["course"], name="Other", start_date="2026-01-01")
    with pytest.raises(services.ClassroomError):
        services.results_import(data=results_bundle(world, key, cohort=other))
    assert not ImportedBundle.objects.exists()


def test_a_bad_fingerprint_is_refused_with_a_reason(classroom_world):
    with pytest.raises(services.ClassroomError):
        services.node_key_register(cohort=classroom_world["cohort"], fingerprint="12-34")
    assert not NodeKey.objects.exists()


def test_the_import_command_reports_and_a_dry_run_writes_nothing(classroom_world, tmp_path):
    world = classroom_world
    key = registered_key(world)
    path = tmp_path / "results.zip"
    path.write_bytes(results_bundle(world, key, attempts=[node_attempt(world, key, 1)]))
    from io import StringIO

    out = StringIO()
    call_command("classroom", "import", str(path), "--dry-run", stdout=out)
    assert "1 new attempts" in out.getvalue()
    assert not Attempt.objects.exists()
    call_command("classroom", "import", str(path), stdout=out)
    assert Attempt.objects.count() == 1
    with pytest.raises(CommandError, match="already imported"):
        call_command("classroom", "import", str(path), stdout=out)
    assert Attempt.objects.count() == 1


def test_malformed_results_are_refused_whole(classroom_world):
    world = classroom_world
    key = registered_key(world)
    broken = node_attempt(world, key, 1)
    broken["submitted_at"] = "yesterday"
    with pytest.raises(services.ClassroomError):
        services.results_import(
            data=results_bundle(world, key, attempts=[node_attempt(world, key, 2), broken])
        )
    assert not Attempt.objects.exists()
    assert not ImportedBundle.objects.exists()
