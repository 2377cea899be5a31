"""Signed Open Badges 3.0 credentials (a W3C Verifiable Credential 2.0 with an embedded
``DataIntegrityProof``, suite ``eddsa-rdfc-2022``), in five modules:

- ``jsonld``: the vendored contexts, the offline loader, reading an uploaded file, RDFC-1.0;
- ``multikey``: Ed25519 keys as Multikey, multibase and did:key;
- ``proofs``: signing and verifying a Data Integrity proof;
- ``badge``: the unsigned ``OpenBadgeCredential`` of a certificate;
- ``keys``: the platform's signing key and its did:key.

Everything except ``signing_key`` and ``issuer_did`` is a pure function and needs neither
Django settings nor a database. The names callers use are listed here (``__all__``).
"""

from certificates.credentials.badge import achievement_credential
from certificates.credentials.jsonld import (
    CONTEXTS_DIR,
    CREDENTIAL_CONTEXT,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_DEPTH,
    OB_V3_CONTEXT,
    VC_V2_CONTEXT,
    DocumentTooDeep,
    DocumentTooLarge,
    canonicalize,
    document_loader,
    loader_for,
    nesting_depth,
    parse_document,
)
from certificates.credentials.keys import issuer_did, private_key_from_setting, signing_key
from certificates.credentials.multikey import (
    base58btc_decode,
    base58btc_encode,
    did_key_from_public_key,
    multibase_decode,
    multibase_encode,
    private_key_from_multibase,
    public_key_from_did_key,
    public_key_from_multibase,
    public_key_multibase,
    verification_method_for,
)
from certificates.credentials.proofs import as_ob3_schema_shape, proof_configuration, sign, verify

__all__ = [
    "CONTEXTS_DIR",
    "CREDENTIAL_CONTEXT",
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCUMENT_DEPTH",
    "OB_V3_CONTEXT",
    "VC_V2_CONTEXT",
    "DocumentTooDeep",
    "DocumentTooLarge",
    "achievement_credential",
    "as_ob3_schema_shape",
    "base58btc_decode",
    "base58btc_encode",
    "canonicalize",
    "did_key_from_public_key",
    "document_loader",
    "issuer_did",
    "loader_for",
    "multibase_decode",
    "multibase_encode",
    "nesting_depth",
    "parse_document",
    "private_key_from_multibase",
    "private_key_from_setting",
    "proof_configuration",
    "public_key_from_did_key",
    "public_key_from_multibase",
    "public_key_multibase",
    "sign",
    "signing_key",
    "verification_method_for",
    "verify",
]
