"""The audit log keeps what coordinators do with classroom bundles, and the bundles refused."""

import io

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse

from classroom import bundle as bundles
from classroom import services
from classroom.models import NodeKey
from coordination.models import AuditEvent
from tests.classroom.test_results_import import node_attempt, registered_key, results_bundle
from tests.classroom.test_screens import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_an_export_from_the_screen_is_audited_with_the_coordinator_and_cohort(
    world,  # noqa: F811
    coordinator,
    coordinator_client,
):
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    response = coordinator_client.post(url, {"action": "export", "languages": ["en"], "days": 30})
    assert response.status_code == 200
    [event] = _events(AuditEvent.Action.CLASSROOM_EXPORT)
    assert event.actor == coordinator and event.cohort == world["cohort"]
    assert response.context["export"].bundle_id in event.summary
    assert "2 learners" in event.summary


def test_a_refused_export_is_not_audited(world, coordinator_client):  # noqa: F811
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    coordinator_client.post(url, {"action": "export", "languages": ["xx"], "days": 0})
    assert not _events(AuditEvent.Action.CLASSROOM_EXPORT)


def test_registering_and_revoking_a_node_are_audited(
    world,  # noqa: F811
    coordinator,
    coordinator_client,
):
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    fingerprint = bundles.fingerprint(bundles.public_key_text(Ed25519PrivateKey.generate()))
    coordinator_client.post(url, {"action": "node", "fingerprint": fingerprint})
    node = NodeKey.objects.get()
    coordinator_client.post(url, {"action": "revoke", "node": node.pk})
    coordinator_client.post(url, {"action": "revoke", "node": node.pk})  # twice: one entry
    [registered] = _events(AuditEvent.Action.NODE_REGISTER)
    [revoked] = _events(AuditEvent.Action.NODE_REVOKE)
    for event in (registered, revoked):
        assert event.actor == coordinator and event.cohort == world["cohort"]
        assert fingerprint in event.summary


def test_an_import_is_audited_with_its_counts(world, coordinator, coordinator_client):  # noqa: F811
    key = registered_key(world)
    data = results_bundle(world, key, attempts=[node_attempt(world, key, 1)])
    url = reverse("classroom_results")
    upload = io.BytesIO(data)
    upload.name = "results.zip"
    preview = coordinator_client.post(url, {"file": upload})
    assert not _events(AuditEvent.Action.CLASSROOM_IMPORT)  # a preview is not an import
    coordinator_client.post(url, {"token": preview.context["token"]})
    [event] = _events(AuditEvent.Action.CLASSROOM_IMPORT)
    assert event.actor == coordinator and event.cohort == world["cohort"]
    assert "2 learners, 1 new attempts" in event.summary
    assert bundles.fingerprint(bundles.public_key_text(key)) in event.summary


def test_a_refused_bundle_is_audited_with_its_reason_and_nothing_else_changes(
    world,  # noqa: F811
    coordinator,
    coordinator_client,
):
    upload = io.BytesIO(b"not a zip")
    upload.name = "results.zip"
    response = coordinator_client.post(reverse("classroom_results"), {"file": upload})
    assert response.status_code == 400
    [event] = _events(AuditEvent.Action.CLASSROOM_REFUSE)
    assert event.actor == coordinator
    assert "truncated or damaged" in event.summary
    assert not _events(AuditEvent.Action.CLASSROOM_IMPORT)


def test_a_replayed_bundle_is_refused_and_the_refusal_outlives_the_rolled_back_import(
    classroom_world,
):
    key = registered_key(classroom_world)
    data = results_bundle(classroom_world, key, attempts=[node_attempt(classroom_world, key, 1)])
    services.results_import(data=data)
    with pytest.raises(bundles.BundleRefused):
        services.results_import(data=data)
    assert len(_events(AuditEvent.Action.CLASSROOM_IMPORT)) == 1
    [refusal] = _events(AuditEvent.Action.CLASSROOM_REFUSE)
    assert refusal.actor is None  # from the command line
