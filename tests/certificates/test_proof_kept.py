"""The credential's proof is checked when it is signed and the result kept (issue 16).

A verification request reads the kept result instead of canonicalising the credential again;
the result stops applying as soon as the stored credential or the issuer's keys change.
"""

import base64
import io
from unittest import mock

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command

from certificates import credentials, services, verification
from certificates.models import Certificate
from tests.certificates.test_credential_check import certificate  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

VALID = "The digital signature is valid."
BROKEN = "The digital signature does not match."


def no_proof_check():
    """Make any proof verification fail the test: the page must read the kept result."""
    return mock.patch.object(
        credentials, "verify", side_effect=AssertionError("the proof was checked again")
    )


def test_issuing_keeps_a_valid_result(certificate):  # noqa: F811
    certificate.refresh_from_db()
    assert certificate.proof_valid is True
    assert len(certificate.proof_checked_for) == 64


def test_the_verification_page_reads_the_kept_result(client, certificate):  # noqa: F811
    with no_proof_check():
        response = client.get(f"/en/verify/{certificate.code}/")
    assert response.status_code == 200
    assert VALID in response.content.decode()


def test_a_credential_changed_in_the_database_is_checked_again_and_fails(
    client,
    certificate,  # noqa: F811
):
    credential = certificate.credential
    credential["credentialSubject"]["achievement"]["name"] = "Something else"
    Certificate.objects.filter(pk=certificate.pk).update(credential=credential)
    response = client.get(f"/en/verify/{certificate.code}/")
    assert BROKEN in response.content.decode()


def test_a_forged_kept_result_does_not_vouch_for_changed_content(certificate):  # noqa: F811
    """Setting the flag without the fingerprint of the new content changes nothing."""
    credential = certificate.credential
    credential["credentialSubject"]["achievement"]["name"] = "Something else"
    Certificate.objects.filter(pk=certificate.pk).update(credential=credential, proof_valid=True)
    certificate.refresh_from_db()
    assert verification.credential_is_authentic(certificate) is False


def test_after_a_key_rotation_pages_check_live_until_the_command_keeps_new_results(
    client,
    certificate,  # noqa: F811
    settings,
):
    old_key = settings.LMS_CREDENTIAL_SIGNING_KEY
    new_key = Ed25519PrivateKey.generate()
    settings.LMS_CREDENTIAL_SIGNING_KEY = base64.b64encode(new_key.private_bytes_raw()).decode()
    settings.LMS_CREDENTIAL_RETIRED_KEYS = [
        credentials.public_key_multibase(
            credentials.private_key_from_setting(old_key).public_key()
        )
    ]
    with mock.patch.object(credentials, "verify", wraps=credentials.verify) as verify:
        assert VALID in client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert verify.called  # the kept result was made for the old key set

    output = io.StringIO()
    call_command("certificates_check_proofs", stdout=output)
    assert output.getvalue().startswith("1 certificates checked, 0 with a proof that fails")
    with no_proof_check():
        assert VALID in client.get(f"/en/verify/{certificate.code}/").content.decode()


def test_the_command_rechecks_only_what_no_longer_matches(certificate):  # noqa: F811
    assert services.credential_proofs_recheck() == (0, 0)
    credential = certificate.credential
    credential["credentialSubject"]["achievement"]["name"] = "Something else"
    Certificate.objects.filter(pk=certificate.pk).update(credential=credential)
    assert services.credential_proofs_recheck() == (1, 1)
    certificate.refresh_from_db()
    assert certificate.proof_valid is False
    assert services.credential_proofs_recheck() == (0, 0)


def test_a_revocation_still_shows_at_once(client, certificate):  # noqa: F811
    services.certificate_revoke(certificate=certificate, reason="error")
    with no_proof_check():
        page = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "revoked" in page.lower()


def test_the_status_list_is_signed_once_and_again_after_a_revocation(
    client,
    certificate,  # noqa: F811
):
    from certificates import status_list

    with mock.patch.object(credentials, "sign", wraps=credentials.sign) as sign:
        first = client.get("/en/verify/status/revocation/").json()
        again = client.get("/en/verify/status/revocation/").json()
        assert sign.call_count == 1
        assert again == first
        services.certificate_revoke(certificate=certificate, reason="error")
        after = client.get("/en/verify/status/revocation/").json()
        assert sign.call_count == 2
    assert status_list.is_set(after["credentialSubject"]["encodedList"], certificate.status_index)
