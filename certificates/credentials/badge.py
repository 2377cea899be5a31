"""The unsigned Open Badges 3.0 credential of a certificate (pure: no Django)."""

import hashlib
import secrets
import unicodedata
from datetime import UTC, datetime
from typing import Any

from certificates.credentials.jsonld import CREDENTIAL_CONTEXT


def _utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _hashed_identity(identity_type: str, value: str, salt: str) -> dict:
    digest = hashlib.sha256((value + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityType": identity_type,
        "hashed": True,
        "identityHash": f"sha256${digest}",
        "salt": salt,
    }


def _achievement_id(certificate: Any, verification_url: str) -> str:
    course = getattr(certificate, "course", None)
    url = getattr(course, "full_url", None) if course is not None else None
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return url
    return verification_url + "#achievement"


def achievement_credential(
    *,
    certificate: Any,
    issuer_id: str,
    issuer_name: str,
    verification_url: str,
    salt: str | None = None,
    description: str | None = None,
    narrative: str | None = None,
) -> dict:
    """An unsigned Open Badges 3.0 ``OpenBadgeCredential`` (a W3C VC 2.0) for a certificate.

    What it carries and why is described in docs/credentials.md. The names are the
    certificate's ``course_title``, which is in the certificate's language; ``description``
    and ``narrative`` are the achievement's texts in that language, as the caller translated
    them (this module stays free of Django), English by default.

    ``certificate`` is a ``Certificate`` or any object with ``name_as_printed``,
    ``course_title``, ``hours``, ``issued_at``, ``language`` and optionally ``course`` (with
    ``full_url``).

    The recipient's name is not in the credential in clear text (practitioners' identities can
    be sensitive): ``identifier`` holds a salted SHA-256 hash of the printed name, so a
    verifier can confirm the name the holder shows with it. There is no e-mail identifier:
    the salt has to be published with the hash, and an address is easy to guess (a
    stranger could try ``firstname.lastname@police.example`` and learn that its owner
    holds this certificate). ``salt`` defaults to a fresh random value.
    """
    salt = salt if salt is not None else secrets.token_hex(16)
    name = unicodedata.normalize("NFC", certificate.name_as_printed.strip())
    identifiers = [_hashed_identity("name", name, salt)]

    title = certificate.course_title
    hours = int(certificate.hours)
    issued = _utc_iso(certificate.issued_at)
    return {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": issuer_name},
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "achievement": {
                "id": _achievement_id(certificate, verification_url),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "inLanguage": certificate.language,
                "name": title,
                "description": description
                or f"Certificate of completion of the course “{title}” ({hours} hours).",
                "criteria": {
                    "narrative": narrative
                    or f"Completed the course “{title}” ({hours} hours of study)."
                },
            },
        },
    }
