"""The coordinators' classroom screens and the node's code sign-in page."""

import io
import uuid
import zipfile
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from classroom import bundle as bundles
from classroom import services
from classroom.models import Attendance, ClassroomCode, LocalNode, NodeKey
from lms import roles
from tests import factories
from tests.classroom.test_results_import import node_attempt, results_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(classroom_world, coordinator):
    classroom_world["cohort"].coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=classroom_world["course"])
    return classroom_world


def test_a_coordinator_exports_prints_the_sheets_and_downloads_the_bundle(
    world, coordinator_client
):
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    response = coordinator_client.post(url, {"action": "export", "languages": ["en"], "days": 30})
    assert response.status_code == 200
    sheets = response.content.decode()
    assert sheets.count('class="sheet"') == 2
    bundle_id = response.context["export"].bundle_id
    download = coordinator_client.get(url, {"bundle": bundle_id})
    data = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "manifest.json" in archive.namelist()
    missing = coordinator_client.get(url, {"bundle": str(uuid.uuid4())}, follow=True)
    assert missing.status_code == 404
    assert coordinator_client.get(url, {"bundle": "../../etc"}, follow=True).status_code == 404


def test_a_bad_export_form_is_refused_and_writes_nothing(world, coordinator_client):
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    response = coordinator_client.post(url, {"action": "export", "languages": ["xx"], "days": 0})
    assert response.status_code == 400


def test_another_coordinators_cohort_is_not_found(world, client):
    other = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    client.force_login(other)
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    assert client.get(url, follow=True).status_code == 404


def test_the_cohort_screen_costs_the_same_with_many_nodes(world, coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    coordinator_client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as none:
        assert coordinator_client.get(url).status_code == 200
    for _ in range(5):
        key = Ed25519PrivateKey.generate()
        services.node_key_register(
            cohort=world["cohort"], fingerprint=bundles.fingerprint(bundles.public_key_text(key))
        )
    with CaptureQueriesContext(connection) as five:
        response = coordinator_client.get(url)
    assert response.content.decode().count("<code>") == 6  # the platform key and five nodes
    assert len(five.captured_queries) == len(none.captured_queries) <= 30


def test_registering_and_revoking_a_node(world, coordinator_client):
    url = reverse("classroom_cohort", args=[world["cohort"].pk])
    key = Ed25519PrivateKey.generate()
    fingerprint = bundles.fingerprint(bundles.public_key_text(key))
    response = coordinator_client.post(url, {"action": "node", "fingerprint": "nonsense"})
    assert response.status_code == 400
    assert not NodeKey.objects.exists()
    response = coordinator_client.post(url, {"action": "node", "fingerprint": fingerprint})
    assert response.status_code == 302
    node = NodeKey.objects.get()
    coordinator_client.post(url, {"action": "revoke", "node": node.pk})
    node.refresh_from_db()
    assert node.revoked_at is not None


def test_results_are_previewed_then_imported(world, coordinator_client):
    key = Ed25519PrivateKey.generate()
    services.node_key_register(
        cohort=world["cohort"], fingerprint=bundles.fingerprint(bundles.public_key_text(key))
    )
    data = results_bundle(world, key, attempts=[node_attempt(world, key, 1)])
    url = reverse("classroom_results")
    upload = io.BytesIO(data)
    upload.name = "results.zip"
    response = coordinator_client.post(url, {"file": upload})
    assert response.status_code == 200
    assert response.context["report"].attempts_new == 1
    assert not Attempt.objects.exists()
    response = coordinator_client.post(url, {"token": response.context["token"]})
    assert response.status_code == 200 and response.context["imported"]
    assert Attempt.objects.count() == 1


def test_a_bad_results_file_is_refused_with_its_reason(world, coordinator_client):
    upload = io.BytesIO(b"not a zip")
    upload.name = "results.zip"
    response = coordinator_client.post(reverse("classroom_results"), {"file": upload})
    assert response.status_code == 400
    assert "truncated or damaged" in response.content.decode()


def test_results_for_a_cohort_out_of_scope_are_not_shown(world, client):
    other = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    client.force_login(other)
    key = Ed25519PrivateKey.generate()
    services.node_key_register(
        cohort=world["cohort"], fingerprint=bundles.fingerprint(bundles.public_key_text(key))
    )
    upload = io.BytesIO(results_bundle(world, key))
    upload.name = "results.zip"
    response = client.post(reverse("classroom_results"), {"file": upload})
    assert response.status_code in (302, 404)
    if response.status_code == 302:  # the admin's 404 goes through the language redirect
        assert client.get(response["Location"]).status_code == 404


@pytest.fixture
def node_code(world):
    LocalNode.objects.create(
        classroom_bundle_id=uuid.uuid4(),
        cohort=world["cohort"],
        platform_id="did:key:z",
        platform_base_url="http://central",
        expires_at=timezone.now() + timedelta(days=3),
        private_key="z",
        public_key="z",
    )
    code = services.code_new()
    awa = world["learners"][0]
    ClassroomCode.objects.create(user=awa, code_hash=services.code_hash(code))
    return code


def test_a_learner_signs_in_with_a_code_and_is_marked_present(
    node_code, client, django_assert_max_num_queries
):
    url = reverse("classroom:code_sign_in")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    response = client.post(url, {"code": node_code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert Attendance.objects.count() == 1


def test_a_wrong_code_is_refused_in_the_learners_language(node_code, client):
    response = client.post("/fr/learn/classroom/sign-in/", {"code": "AAAAA-BBBBB"})
    assert response.status_code == 400
    assert "pas valable ici" in response.content.decode()
    assert not Attendance.objects.exists()


def test_codes_stop_working_when_the_bundle_expires(node_code, client):
    LocalNode.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(reverse("classroom:code_sign_in"), {"code": node_code})
    assert response.status_code == 400


def test_guessing_codes_is_rate_limited(node_code, client):
    url = reverse("classroom:code_sign_in")
    for _ in range(20):
        client.post(url, {"code": "AAAAA-BBBBB"})
    response = client.post(url, {"code": node_code})
    assert response.status_code == 400
    assert not Attendance.objects.exists()
