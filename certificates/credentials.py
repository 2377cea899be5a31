"""Signed Open Badges 3.0 credentials: Data Integrity proofs with the ``eddsa-rdfc-2022`` suite.

A certificate is published as an OB 3.0 ``OpenBadgeCredential`` (a W3C Verifiable Credential
2.0) carrying an embedded ``DataIntegrityProof`` (W3C vc-di-eddsa, ``eddsa-rdfc-2022``):

1. transformation: the document without ``proof``, canonicalized with RDFC-1.0 (URDNA2015) to
   N-Quads;
2. proof configuration: the proof options without ``proofValue``, with the document's
   ``@context``, canonicalized the same way;
3. hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document);
4. the Ed25519 signature of hashData, multibase base58-btc encoded ("z" prefix), is the
   ``proofValue``.

JSON-LD contexts come only from the files vendored in ``contexts/`` (see its README.md): nothing
is ever fetched from the network. Members of the document that no context defines would be
silently dropped by JSON-LD processing, and so not covered by the signature; ``canonicalize``
refuses such documents instead (pyld 3.3 has no ``safe`` mode, so its ``on_property_dropped``
hook and a check for relative IRIs do that job).

Everything here except ``signing_key`` and ``issuer_did`` is a pure function and needs neither
Django settings nor a database.
"""

import base64
import binascii
import copy
import hashlib
import json
import os
import secrets
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT]

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"

# Multicodec prefixes (unsigned varints) for Ed25519 keys, as used by Multikey and did:key.
ED25519_PUB_PREFIX = b"\xed\x01"
ED25519_PRIV_PREFIX = b"\x80\x26"

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}

DocumentLoader = Callable[[str, dict | None], dict]


# --- Offline JSON-LD document loader ---------------------------------------------------------


@cache
def _vendored_contexts() -> dict[str, Any]:
    """URL -> parsed context for every file listed in contexts/index.json (read once)."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    contexts = {}
    for url, filename in index.items():
        path = (CONTEXTS_DIR / filename).resolve()
        if path.parent != CONTEXTS_DIR:
            raise ValueError(f"context file outside {CONTEXTS_DIR}: {filename}")
        contexts[url] = json.loads(path.read_text(encoding="utf-8"))
    return contexts


def loader_for(contexts: dict[str, Any]) -> DocumentLoader:
    """A pyld document loader serving exactly ``contexts`` (URL -> parsed JSON), nothing else."""

    def load(url: str, options: dict | None = None) -> dict:
        if not isinstance(url, str) or url not in contexts:
            raise JsonLdError(
                f"JSON-LD context not available offline: {url!r}",
                "jsonld.LoadDocumentError",
                {"url": url},
                code="loading remote context failed",
            )
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(contexts[url]),
        }

    return load


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld document loader for the vendored contexts; any other URL raises ``JsonLdError``."""
    return loader_for(_vendored_contexts())(url, options)


# --- Reading an uploaded document ------------------------------------------------------------

# Our credentials are about 6 KB and nest 6 levels; anything far beyond is not a credential.
# Checking both before parsing keeps json and pyld (both recursive) away from hostile input.
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_DOCUMENT_DEPTH = 32


class DocumentTooLarge(ValueError):
    """The file is bigger than any credential we issue."""


class DocumentTooDeep(ValueError):
    """The JSON nests arrays and objects deeper than any credential we issue."""


def nesting_depth(text: str) -> int:
    """How deep ``text`` nests JSON arrays and objects, without parsing it (no recursion).

    Brackets inside strings do not count. Malformed text gets a number too: ``json.loads``
    rejects it afterwards.
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_document(raw: bytes) -> Any:
    """Parse an uploaded credential file once it is known to be small and shallow enough.

    Raises ``DocumentTooLarge``, ``DocumentTooDeep``, or ``ValueError`` (``UnicodeDecodeError``
    and ``json.JSONDecodeError`` are both) for text that is not UTF-8 JSON.
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge(f"larger than {MAX_DOCUMENT_BYTES // 1024} KB")
    text = raw.decode("utf-8")
    if nesting_depth(text) > MAX_DOCUMENT_DEPTH:
        raise DocumentTooDeep(f"nested deeper than {MAX_DOCUMENT_DEPTH} levels")
    return json.loads(text)


# --- Canonicalization -------------------------------------------------------------------------


def _is_absolute_iri_or_blank(value: str) -> bool:
    return value.startswith("_:") or ":" in value


def _check_iris(node: Any, path: str = "$") -> None:
    """Raise if the expanded document holds relative IRIs (which RDF conversion drops)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_iris(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        if "@value" in node:
            return
        node_id = node.get("@id")
        if isinstance(node_id, str) and not _is_absolute_iri_or_blank(node_id):
            raise ValueError(f"relative IRI {node_id!r} at {path} is not signable")
        types = node.get("@type", [])
        for node_type in types if isinstance(types, list) else [types]:
            if isinstance(node_type, str) and not _is_absolute_iri_or_blank(node_type):
                raise ValueError(f"undefined type {node_type!r} at {path}")
        for key, value in node.items():
            if key not in ("@id", "@type"):
                _check_iris(value, f"{path}.{key}")


def _check_members(node: Any, path: str = "$") -> None:
    """Raise for members that JSON-LD would drop without reporting them: nulls, and keywords
    (``@included: ["text"]``, ``@list: null`` …) that compact OB/VC documents never use."""
    if node is None:
        raise ValueError(f"null at {path} is not signable")
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_members(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            if not isinstance(key, str) or key.startswith("@"):
                raise ValueError(f"JSON-LD keyword {key!r} at {path} is not supported")
            _check_members(value, f"{path}.{key}")


def canonicalize(document: dict, *, loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of ``document``, with contexts loaded offline.

    Raises ``ValueError`` if a member or type is not defined by the contexts, or is null or a
    JSON-LD keyword other than ``@context`` (each would be dropped, so not signed), and
    ``JsonLdError`` (or ``ValueError`` from pyld) for invalid JSON-LD or an unknown context.
    """
    if not isinstance(document, dict):
        raise ValueError("a JSON-LD document must be an object")
    _check_members(document)
    loader = loader or document_loader
    dropped: list[str | None] = []
    processor = JsonLdProcessor(on_property_dropped=dropped.append)
    # A private context cache: the global pyld cache could hold contexts another loader served.
    options = {
        "documentLoader": loader,
        "contextResolver": ContextResolver({}, loader),
        "base": "",
    }
    expanded = processor.expand(copy.deepcopy(document), dict(options))
    if dropped:
        raise ValueError(f"terms not defined by any context: {sorted(map(str, dropped))}")
    _check_iris(expanded)
    return processor.normalize(
        expanded,
        {**options, "algorithm": "URDNA2015", "format": "application/n-quads"},
    )


# --- Multibase / did:key ----------------------------------------------------------------------


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


# --- Proofs -----------------------------------------------------------------------------------


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


# --- Credentials for certificates -------------------------------------------------------------


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


# --- The platform's signing key ---------------------------------------------------------------


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
