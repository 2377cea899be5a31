"""Data Integrity proofs with the ``eddsa-rdfc-2022`` suite (W3C vc-di-eddsa): sign, verify.

1. transformation: the document without ``proof``, canonicalized with RDFC-1.0 (URDNA2015) to
   N-Quads;
2. proof configuration: the proof options without ``proofValue``, with the document's
   ``@context``, canonicalized the same way;
3. hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document);
4. the Ed25519 signature of hashData, multibase base58-btc encoded ("z" prefix), is the
   ``proofValue``.
"""

import copy
import hashlib
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld.jsonld import JsonLdError

from certificates.credentials.jsonld import DocumentLoader, canonicalize
from certificates.credentials.multikey import (
    _public_key_named_by,
    _raw_public_bytes,
    multibase_decode,
    multibase_encode,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


def _hash_data(
    unsecured: dict, proof_config: dict, loader: DocumentLoader | None
) -> tuple[bytes, str, str]:
    canonical_proof = canonicalize(proof_config, loader=loader)
    canonical_document = canonicalize(unsecured, loader=loader)
    hash_data = (
        hashlib.sha256(canonical_proof.encode()).digest()
        + hashlib.sha256(canonical_document.encode()).digest()
    )
    return hash_data, canonical_proof, canonical_document


def proof_configuration(
    document: dict,
    *,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """The proof options that get signed: the proof without ``proofValue``, plus ``@context``."""
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
        "@context": copy.deepcopy(document["@context"]),
    }


def _check_datetime(value: Any) -> None:
    if not isinstance(value, str) or not value.endswith("Z") or "T" not in value:
        raise ValueError("created must be an ISO 8601 UTC date-time ending in 'Z'")
    datetime.fromisoformat(value)


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    loader: DocumentLoader | None = None,
) -> dict:
    """A copy of ``document`` with an ``eddsa-rdfc-2022`` Data Integrity ``proof``.

    ``proof`` is a single object, as in the W3C test vectors and the VC data model. The 1EdTech
    OB 3.0 JSON Schema only accepts an array there: publish ``as_ob3_schema_shape(signed)``
    where the schema is applied (the proof is not part of the signed data, so both shapes
    verify).
    """
    if "proof" in document:
        raise ValueError("document already has a proof")
    _check_datetime(created)
    unsecured = copy.deepcopy(document)
    config = proof_configuration(
        unsecured,
        verification_method=verification_method,
        created=created,
        proof_purpose=proof_purpose,
    )
    hash_data, _, _ = _hash_data(unsecured, config, loader)
    proof = {key: value for key, value in config.items() if key != "@context"}
    proof["proofValue"] = multibase_encode(private_key.sign(hash_data))
    return {**unsecured, "proof": proof}


def as_ob3_schema_shape(credential: dict) -> dict:
    """A copy with ``proof`` as an array, the shape the 1EdTech JSON Schema requires."""
    shaped = copy.deepcopy(credential)
    if isinstance(shaped.get("proof"), dict):
        shaped["proof"] = [shaped["proof"]]
    return shaped


def _verify_proof(
    document: dict, proof: Any, public_key: Ed25519PublicKey, loader: DocumentLoader | None
) -> bool:
    if not isinstance(proof, dict):
        return False
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    proof_value = proof.get("proofValue")
    verification_method = proof.get("verificationMethod")
    if not isinstance(proof_value, str) or not isinstance(verification_method, str):
        return False
    if not isinstance(proof.get("proofPurpose"), str):
        return False
    _check_datetime(proof.get("created"))
    # A verification method naming a key inline must name the key we verify with.
    named = _public_key_named_by(verification_method)
    if named is not None and _raw_public_bytes(named) != _raw_public_bytes(public_key):
        return False

    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in config:
        # vc-di-eddsa: the document's @context must start with the proof's @context.
        proof_context = config["@context"]
        proof_context = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = unsecured.get("@context")
        document_context = (
            document_context if isinstance(document_context, list) else [document_context]
        )
        if document_context[: len(proof_context)] != proof_context:
            return False
        unsecured["@context"] = config["@context"]
    config["@context"] = unsecured.get("@context")

    signature = multibase_decode(proof_value)
    hash_data, _, _ = _hash_data(unsecured, config, loader)
    try:
        public_key.verify(signature, hash_data)
    except InvalidSignature:
        return False
    return True


def verify(
    document: Any, *, public_key: Ed25519PublicKey, loader: DocumentLoader | None = None
) -> bool:
    """True if ``document`` carries an ``eddsa-rdfc-2022`` proof that ``public_key`` verifies.

    ``proof`` may be one object or a list (a proof set): one valid proof is enough, as each
    covers the whole document. False for anything else (no proof, another suite, a tampered or
    undefined member, an unknown context, malformed input); never raises for bad input.
    """
    try:
        if not isinstance(document, dict) or "@context" not in document:
            return False
        proofs = document.get("proof")
        proofs = proofs if isinstance(proofs, list) else [proofs]
        for proof in proofs:
            try:
                if _verify_proof(document, proof, public_key, loader):
                    return True
            except (JsonLdError, ValueError, TypeError, KeyError, AttributeError):
                continue
        return False
    except (JsonLdError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return False
