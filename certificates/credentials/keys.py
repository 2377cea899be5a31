"""The platform's signing key: ``LMS_CREDENTIAL_SIGNING_KEY``, else one generated in var/."""

import base64
import binascii
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials.multikey import did_key_from_public_key, private_key_from_multibase


def private_key_from_setting(value: str) -> Ed25519PrivateKey:
    """A key from a 32-byte seed given as multibase base58-btc ("z…") or base64 (std or url)."""
    value = value.strip()
    if value.startswith("z"):
        try:
            return private_key_from_multibase(value)
        except ValueError:
            pass  # may still be base64 that happens to start with "z"
    try:
        seed = base64.b64decode(
            value.replace("-", "+").replace("_", "/") + "=" * (-len(value) % 4), validate=True
        )
    except (binascii.Error, ValueError) as error:
        raise ValueError("LMS_CREDENTIAL_SIGNING_KEY is neither multibase nor base64") from error
    if len(seed) != 32:
        raise ValueError("LMS_CREDENTIAL_SIGNING_KEY must encode a 32-byte Ed25519 seed")
    return Ed25519PrivateKey.from_private_bytes(seed)


def _generated_seed(var_dir: Path) -> str:
    """Generate a seed once into var/credential_signing_key (mode 0600) and keep reusing it."""
    key_file = Path(var_dir) / "credential_signing_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        seed = base64.b64encode(secrets.token_bytes(32)).decode()
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first: use theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(seed + "\n")
    return key_file.read_text().strip()


def signing_key() -> Ed25519PrivateKey:
    """The platform's Ed25519 key: ``LMS_CREDENTIAL_SIGNING_KEY``, else a generated one in var/."""
    from django.conf import settings

    value = getattr(settings, "LMS_CREDENTIAL_SIGNING_KEY", "") or ""
    if not value.strip():
        value = _generated_seed(settings.VAR_DIR)
    return private_key_from_setting(value)


def issuer_did() -> str:
    """``did:key`` of the platform's signing key."""
    return did_key_from_public_key(signing_key().public_key())
