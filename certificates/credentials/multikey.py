"""Ed25519 keys as Multikey, multibase base58-btc and did:key (pure functions)."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# Multicodec prefixes (unsigned varints) for Ed25519 keys, as used by Multikey and did:key.
ED25519_PUB_PREFIX = b"\xed\x01"
ED25519_PRIV_PREFIX = b"\x80\x26"

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}


def base58btc_encode(data: bytes) -> str:
    """Bitcoin base58 (no checksum); each leading zero byte becomes a leading "1"."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    """Inverse of ``base58btc_encode``; ``ValueError`` on characters outside the alphabet."""
    if not isinstance(text, str):
        raise ValueError("base58 input must be a string")
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise ValueError(f"not a base58-btc character: {char!r}")
        number = number * 58 + _BASE58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_encode(data: bytes) -> str:
    return "z" + base58btc_encode(data)


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("only multibase base58-btc ('z' prefix) is supported")
    return base58btc_decode(text[1:])


def _raw_public_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """Multikey form of an Ed25519 public key: ``z6Mk…``."""
    return multibase_encode(ED25519_PUB_PREFIX + _raw_public_bytes(public_key))


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    raw = multibase_decode(text)
    if len(raw) != 34 or not raw.startswith(ED25519_PUB_PREFIX):
        raise ValueError("not a multibase Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    """A private key from a multibase seed: 32 bytes, or 34 with the ed25519-priv prefix."""
    raw = multibase_decode(text)
    if len(raw) == 34 and raw.startswith(ED25519_PRIV_PREFIX):
        raw = raw[2:]
    if len(raw) != 32:
        raise ValueError("not a multibase Ed25519 private key")
    return Ed25519PrivateKey.from_private_bytes(raw)


def did_key_from_public_key(public_key: Ed25519PublicKey) -> str:
    return "did:key:" + public_key_multibase(public_key)


def public_key_from_did_key(did: str) -> Ed25519PublicKey:
    """The Ed25519 key of ``did:key:z6Mk…`` (a ``#fragment`` after it is ignored)."""
    if not isinstance(did, str) or not did.startswith("did:key:"):
        raise ValueError("not a did:key")
    return public_key_from_multibase(did.removeprefix("did:key:").split("#", 1)[0])


def verification_method_for(public_key: Ed25519PublicKey, controller: str | None = None) -> str:
    """``<controller>#<multibase key>``, or ``did:key:z…#z…`` when no controller is given.

    The ``<issuer id>#<multibase>`` form verifies offline and passes the 1EdTech validator's
    check (its embedded-proof probe) that the key's controller is the credential's issuer; see
    docs/credentials.md.
    """
    multibase = public_key_multibase(public_key)
    return f"{controller or 'did:key:' + multibase}#{multibase}"


def _public_key_named_by(verification_method: str) -> Ed25519PublicKey | None:
    """The key a verification method names inline (did:key or ``#z6Mk…``), if any."""
    if verification_method.startswith("did:key:"):
        return public_key_from_did_key(verification_method)
    fragment = verification_method.rpartition("#")[2]
    if fragment.startswith("z6Mk"):
        return public_key_from_multibase(fragment)
    return None
