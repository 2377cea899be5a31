"""Public verification: a certificate by its code, its credential's proof, an uploaded
credential checked, the signed revocation list and the issuer's profile and keys.

A proof is checked once when a credential is signed and the result kept on the certificate
with what it was checked for (``proof_result_set``; ``certificates.services`` saves it), so a
verification request reads the result instead of canonicalising the credential again.
"""

import functools
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from certificates.models import Certificate


def status_list_url() -> str:
    from django.urls import reverse

    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:status_list")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def status_list_signed() -> dict:
    """The signed revocation list of every certificate ever issued.

    Signing canonicalises the list (URDNA2015), which costs far more than reading it, and
    verifiers and wallets fetch it often; so the signed list is kept in the cache under a
    fingerprint of what it depends on (one aggregate query: revocations, the highest
    positions, the key set) and signed again only when that changes. A revocation changes
    the fingerprint, so it is published on the next request.
    """
    from django.core.cache import cache
    from django.db.models import Count, Max

    state = Certificate.objects.aggregate(
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        last_revoked=Max("revoked_at"),
        current=Max("status_index"),
        legacy=Max("legacy_status_index"),
    )
    fingerprint = hashlib.sha256(
        f"{_key_set_fingerprint()}|{status_list_url()}|{sorted(state.items())}".encode()
    ).hexdigest()
    key = f"certificates:status_list:{fingerprint}"
    signed = cache.get(key)
    if signed is None:
        signed = _status_list_sign()
        cache.set(key, signed, timeout=24 * 60 * 60)
    return signed


def _status_list_sign() -> dict:
    """Build and sign the list: two queries.

    A revoked certificate issued before positions were random has two bits set: its
    credential as first signed names the old one.
    """
    from django.db.models import Max

    from certificates import credentials, status_list

    revoked = [
        index
        for pair in Certificate.objects.filter(revoked_at__isnull=False).values_list(
            "status_index", "legacy_status_index"
        )
        for index in pair
        if index is not None
    ]
    highest = Certificate.objects.aggregate(
        current=Max("status_index"), legacy=Max("legacy_status_index")
    )
    key = credentials.signing_key()
    unsigned = status_list.status_list_credential(
        list_url=status_list_url(),
        issuer_id=credentials.did_key_from_public_key(key.public_key()),
        encoded_list=status_list.encode(
            revoked, max(highest["current"] or 0, highest["legacy"] or 0)
        ),
    )
    return credentials.sign(
        unsigned,
        private_key=key,
        verification_method=credentials.verification_method_for(key.public_key()),
        created=unsigned["validFrom"],
    )


def issuer_keys() -> list:
    """The current signing key's public half first, then every retired one."""

    from certificates import credentials

    keys = [credentials.signing_key().public_key()]
    for text in settings.LMS_CREDENTIAL_RETIRED_KEYS:
        keys.append(credentials.public_key_from_multibase(text))
    return keys


def issuer_profile() -> dict:
    """The issuer's public profile: name, address, and every key it signs or signed with."""

    from certificates import credentials

    current, *retired = issuer_keys()
    did = credentials.did_key_from_public_key(current)
    return {
        "id": did,
        "type": ["Profile"],
        "name": settings.LMS_ISSUER_NAME,
        "url": settings.WAGTAILADMIN_BASE_URL,
        "verificationMethod": [
            {
                "id": credentials.verification_method_for(key),
                "type": "Multikey",
                "controller": credentials.did_key_from_public_key(key),
                "publicKeyMultibase": credentials.public_key_multibase(key),
                "status": "current" if key is current else "retired",
            }
            for key in [current, *retired]
        ],
    }


def proof_fingerprint(credential: dict) -> str:
    """What a kept proof check stands for: this exact credential under this key set."""
    body = json.dumps(credential, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{_key_set_fingerprint()}\n{body}".encode()).hexdigest()


def _key_set_fingerprint() -> str:

    return _key_set_fingerprint_of(
        settings.LMS_CREDENTIAL_SIGNING_KEY, tuple(settings.LMS_CREDENTIAL_RETIRED_KEYS)
    )


@functools.lru_cache(maxsize=4)
def _key_set_fingerprint_of(signing_key: str, retired: tuple[str, ...]) -> str:
    from certificates import credentials

    return ",".join(credentials.public_key_multibase(key) for key in issuer_keys())


def _proof_verified(credential) -> bool:
    from certificates import credentials

    return any(credentials.verify(credential, public_key=key) for key in issuer_keys())


def credential_is_authentic(certificate: Certificate) -> bool:
    """Whether the stored credential carries a valid proof by this platform's key.

    Reads the result kept at signing (``credential_proof_record``) when it was made for this
    very credential and key set; otherwise (a key rotated, the stored JSON changed, a
    certificate signed before results were kept) checks the proof now, without writing.
    """
    if not certificate.credential:
        return False
    if certificate.proof_checked_for and certificate.proof_checked_for == proof_fingerprint(
        certificate.credential
    ):
        return certificate.proof_valid
    return _proof_verified(certificate.credential)


def proof_result_set(certificate: Certificate) -> None:
    credential = certificate.credential
    certificate.proof_valid = bool(credential) and _proof_verified(credential)
    certificate.proof_checked_for = proof_fingerprint(credential) if credential else ""


def certificate_for_verification(code: str) -> Certificate | None:
    """The certificate with this code (codes are matched without case or dashes). One query."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(normalised) != 16:
        return None
    formatted = "-".join(normalised[i : i + 4] for i in range(0, 16, 4))
    return (
        Certificate.objects.filter(Q(code=formatted))
        .select_related("replaced_by")
        .only(
            "code", "course_title", "name_as_printed", "language", "hours", "issued_at",
            "revoked_at", "revocation_reason", "event_name", "event_date", "replaced_by__code",
            "credential", "expires_at", "proof_valid", "proof_checked_for",
        )
        .first()
    )  # fmt: skip


@dataclass(frozen=True)
class CredentialCheck:
    """What a verifier learns about a credential document somebody gives us."""

    status: str  # authentic, revoked, tampered, not_ours, invalid
    certificate: Certificate | None = None


def credential_check(document) -> CredentialCheck:
    """Check an uploaded credential: ours and intact, revoked, tampered, not ours, or invalid.

    Invalid covers anything that is not a signed credential, including documents with terms
    no context defines (they would not be covered by a signature). Never raises.
    """
    from certificates import credentials

    if (
        not isinstance(document, dict)
        or "@context" not in document
        or not isinstance(document.get("proof"), dict | list)
    ):
        return CredentialCheck("invalid")
    try:
        unsigned = {key: value for key, value in document.items() if key != "proof"}
        credentials.canonicalize(unsigned)
    except Exception:  # noqa: BLE001 - any failure to read it means "invalid"
        return CredentialCheck("invalid")
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    named = {proof.get("verificationMethod") for proof in proofs if isinstance(proof, dict)}
    ours = [key for key in issuer_keys() if credentials.verification_method_for(key) in named]
    if not ours:
        return CredentialCheck("not_ours")
    if not any(credentials.verify(document, public_key=key) for key in ours):
        return CredentialCheck("tampered")
    code = str(document.get("id", "")).rstrip("/").rpartition("/")[2]
    certificate = certificate_for_verification(code)
    if certificate is None:
        return CredentialCheck("invalid")
    status = {"valid": "authentic", "revoked": "revoked", "expired": "expired"}[certificate.status]
    return CredentialCheck(status, certificate)
