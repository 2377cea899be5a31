"""Checking an uploaded credential: authentic, revoked, tampered, not ours, invalid."""

import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from certificates import credentials, services, verification
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(catalog, learner):
    from tests import factories

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    complete(learner, course)
    return learner.certificates.get()


def test_our_credential_is_authentic(certificate):
    check = verification.credential_check(certificate.credential)
    assert (check.status, check.certificate) == ("authentic", certificate)


def test_a_revoked_certificates_credential_says_revoked(certificate):
    services.certificate_revoke(certificate=certificate, reason="error")
    assert verification.credential_check(certificate.credential).status == "revoked"


def test_changing_one_character_makes_it_tampered(certificate):
    document = copy.deepcopy(certificate.credential)
    name = document["credentialSubject"]["achievement"]["name"]
    document["credentialSubject"]["achievement"]["name"] = name[:-1] + "X"
    assert verification.credential_check(document).status == "tampered"


def test_a_credential_signed_by_another_key_is_not_ours(certificate):
    stranger = Ed25519PrivateKey.generate()
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    forged = credentials.sign(
        unsigned,
        private_key=stranger,
        verification_method=credentials.verification_method_for(stranger.public_key()),
        created="2026-01-01T00:00:00Z",
    )
    assert verification.credential_check(forged).status == "not_ours"


@pytest.mark.parametrize(
    "document",
    [None, [], "text", {"proof": {}}, {"@context": ["https://example.org/x"], "proof": {}}],
)
def test_garbage_is_invalid(document):
    assert verification.credential_check(document).status == "invalid"


def test_undefined_terms_are_rejected(certificate):
    document = copy.deepcopy(certificate.credential)
    document["favouriteColour"] = "blue"
    assert verification.credential_check(document).status == "invalid"


def test_the_command_checks_a_file_offline(certificate, tmp_path, capsys):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(certificate.credential))
    call_command("verify_credential", str(path))
    assert capsys.readouterr().out.startswith("authentic")
    document = copy.deepcopy(certificate.credential)
    document["validFrom"] = "2020-01-01T00:00:00Z"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="tampered"):
        call_command("verify_credential", str(path))


def test_the_verify_page_checks_an_uploaded_file(client, certificate):
    upload = SimpleUploadedFile(
        "credential.json", json.dumps(certificate.credential).encode(), "application/json"
    )
    html = client.post("/en/verify/", {"credential": upload}).content.decode()
    assert "Authentic: this credential was issued by Cybercrime Academy" in html
    broken = SimpleUploadedFile("x.json", b"\xff\xfe not json", "application/json")
    assert (
        "Not a valid credential."
        in client.post("/en/verify/", {"credential": broken}).content.decode()
    )
    assert "Choose a credential file" in client.post("/en/verify/", {}).content.decode()


def test_revocation_is_published_in_a_signed_status_list(client, certificate, catalog):
    from tests import factories

    other_course = factories.make_course(index=catalog, modules=1, lessons=1)
    other = factories.make_learner()
    complete(other, other_course)
    kept = other.certificates.get()
    services.certificate_revoke(certificate=certificate, reason="error")
    status = certificate.credential["credentialStatus"]
    assert status["statusListIndex"] == str(certificate.status_index)
    response = client.get("/en/verify/status/revocation/")
    listing = response.json()
    ours = credentials.signing_key().public_key()
    assert credentials.verify(listing, public_key=ours)
    encoded = listing["credentialSubject"]["encodedList"]
    from certificates import status_list

    assert status_list.is_set(encoded, certificate.status_index)
    assert not status_list.is_set(encoded, kept.status_index)
    assert status["statusListCredential"].endswith("/en/verify/status/revocation/")


def test_the_status_list_has_a_minimum_size_and_reads_back():
    from certificates import status_list

    encoded = status_list.encode([0, 7, 131071], 5)
    assert [status_list.is_set(encoded, i) for i in (0, 1, 7, 131071)] == [True, False, True, True]
    with pytest.raises(ValueError):
        status_list.is_set(encoded, 131072)
    grown = status_list.encode([200_000], 200_000)
    assert status_list.is_set(grown, 200_000)


def test_the_issuer_profile_publishes_current_and_retired_keys(client, settings):
    retired = Ed25519PrivateKey.generate().public_key()
    settings.LMS_CREDENTIAL_RETIRED_KEYS = [credentials.public_key_multibase(retired)]
    profile = client.get("/en/verify/issuer/").json()
    current = credentials.signing_key().public_key()
    assert profile["id"] == credentials.did_key_from_public_key(current)
    published = [(m["publicKeyMultibase"], m["status"]) for m in profile["verificationMethod"]]
    assert published == [
        (credentials.public_key_multibase(current), "current"),
        (credentials.public_key_multibase(retired), "retired"),
    ]


def test_credentials_signed_with_a_retired_key_still_check_as_ours(certificate, settings):
    old_key = Ed25519PrivateKey.generate()
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    signed_earlier = credentials.sign(
        unsigned,
        private_key=old_key,
        verification_method=credentials.verification_method_for(old_key.public_key()),
        created="2026-01-01T00:00:00Z",
    )
    assert verification.credential_check(signed_earlier).status == "not_ours"
    settings.LMS_CREDENTIAL_RETIRED_KEYS = [credentials.public_key_multibase(old_key.public_key())]
    assert verification.credential_check(signed_earlier).status == "authentic"


HUGE = b'{"@context": "' + b"x" * (256 * 1024) + b'", "proof": {}}'


def deeply_nested(depth: int) -> bytes:
    return b'{"@context": ' + b"[" * depth + b"]" * depth + b', "proof": {}}'


@pytest.mark.parametrize("depth", [100, 100_000])
def test_a_deeply_nested_upload_is_refused_with_a_clear_error(client, depth):
    upload = SimpleUploadedFile("deep.json", deeply_nested(depth), "application/json")
    response = client.post("/en/verify/", {"credential": upload})
    assert response.status_code == 400
    assert "nested too deeply" in response.content.decode()


def test_brackets_inside_strings_do_not_count_as_nesting(client, certificate):
    document = copy.deepcopy(certificate.credential)
    document["credentialSubject"]["achievement"]["name"] = "[" * 500 + "{" * 500
    upload = SimpleUploadedFile("c.json", json.dumps(document).encode(), "application/json")
    response = client.post("/en/verify/", {"credential": upload})
    assert response.status_code == 200
    assert "Tampered" in response.content.decode()


def test_an_oversized_upload_is_refused_with_a_clear_error(client):
    upload = SimpleUploadedFile("big.json", HUGE, "application/json")
    response = client.post("/en/verify/", {"credential": upload})
    assert response.status_code == 400
    assert "at most 256 KB" in response.content.decode()


@pytest.mark.parametrize("content", [deeply_nested(100_000), HUGE])
def test_the_command_refuses_deep_or_huge_files_cleanly(tmp_path, content):
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("verify_credential", str(path))


def test_a_visitor_may_upload_a_credential_up_to_its_own_limit(client):
    """The site-wide cap on bodies from visitors leaves room for the largest credential."""
    from django.conf import settings

    from certificates import credentials

    assert settings.LMS_ANONYMOUS_REQUEST_MAX_BYTES > credentials.MAX_DOCUMENT_BYTES + 8 * 1024
