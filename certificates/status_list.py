"""Revocation through a Bitstring Status List (W3C), signed like the credentials.

Each certificate's position in the list is drawn at random among the unused ones
(``Certificate.status_index``): a position that followed the primary key told anyone who
saw two credentials how many certificates were issued between them. Bit 0 is the leftmost
bit of the first byte; the list is at least 131,072 bits long (16 KB) and grows in blocks of
that size, so that its length says little about how many certificates exist.
"""

import base64
import gzip
from datetime import UTC, datetime

MIN_BITS = 131_072
PURPOSE = "revocation"


def capacity_for(occupied: int) -> int:
    """How many positions to draw a new one from, with ``occupied`` already held.

    Kept at least twice ``occupied``, so a random draw finds a free position at least half of
    the time, and a whole number of blocks, so the list's length moves in large steps.
    """
    return MIN_BITS * ((2 * occupied) // MIN_BITS + 1)


def encode(revoked_indexes, highest_index: int) -> str:
    """The ``encodedList``: multibase base64url (no padding) of the GZIP-compressed bits."""
    size = max(MIN_BITS, ((highest_index // MIN_BITS) + 1) * MIN_BITS)
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def is_set(encoded_list: str, index: int) -> bool:
    """Read one bit back from an ``encodedList`` (for verifiers and tests)."""
    if not encoded_list.startswith("u"):
        raise ValueError("encodedList must be multibase base64url ('u' prefix).")
    data = encoded_list[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    if index // 8 >= len(raw):
        raise ValueError("Index beyond the end of the list.")
    return bool(raw[index // 8] & (0x80 >> (index % 8)))


def status_entry(list_url: str, index: int) -> dict:
    """The ``credentialStatus`` a credential carries to point at its bit."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential(*, list_url: str, issuer_id: str, encoded_list: str) -> dict:
    """The unsigned ``BitstringStatusListCredential`` that publishes the list."""
    now = datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": now,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded_list,
        },
    }
