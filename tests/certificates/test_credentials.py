"""Signed Open Badges 3.0 credentials (eddsa-rdfc-2022): W3C vectors, 1EdTech fixtures, tampering.

No database: certificates are plain objects. Test data is read (never written) from
tests/data/openbadges (sources and licences in tests/data/LICENSES.md).
"""

import copy
import hashlib
import json
import socket
import stat
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st
from pyld.jsonld import JsonLdError

from certificates import credentials as cred
from certificates.credentials import jsonld, multikey, proofs
from tests.corpus import OPENBADGES

VECTORS = OPENBADGES / "eddsa-vectors"
FIXTURES = OPENBADGES / "validator-fixtures"

# w3c/vc-data-model `contexts/credentials/examples/v2` @ 647f43b3242787f43dfad8ab256dcd47af155df3
# (W3C licence), needed by the W3C vectors only. Not shipped in certificates/contexts/ because
# the signer never uses it.
EXAMPLES_V2 = {
    "https://www.w3.org/ns/credentials/examples/v2": {
        "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
    }
}

VERIFICATION_URL = "https://academy.example.org/en/v/7K2M-9QXD-4HT8-BW3R/"
ISSUER_ID = "https://academy.example.org/issuer"
CREATED = "2026-05-10T12:00:05Z"


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def vector_text(name):
    return (VECTORS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def vector_loader():
    return cred.loader_for({**jsonld._vendored_contexts(), **EXAMPLES_V2})


@pytest.fixture(scope="module")
def fixture_loader():
    """Every context the 1EdTech fixtures use (test-only: the app ships just two of them)."""
    folder = OPENBADGES / "contexts"
    index = read_json(folder / "index.json")
    return cred.loader_for({url: read_json(folder / name) for url, name in index.items()})


@pytest.fixture(scope="module")
def vector_keys():
    pair = read_json(VECTORS / "keyPair.json")
    return (
        cred.private_key_from_multibase(pair["privateKeyMultibase"]),
        cred.public_key_from_multibase(pair["publicKeyMultibase"]),
    )


def unsigned(document):
    return {key: value for key, value in document.items() if key != "proof"}


def fake_certificate(**overrides):
    values = {
        "code": "7K2M-9QXD-4HT8-BW3R",
        "name_as_printed": "María José d'Ávila Ñúñez",
        "course_title": "Perícia digital: preservação de evidências",
        "hours": 12,
        "issued_at": datetime(2026, 5, 10, 11, 59, 58, 123456, tzinfo=UTC),
        "revoked_at": None,
        "language": "pt",
        "learner": SimpleNamespace(email="Maria.Avila@Example.org "),
        "course": SimpleNamespace(full_url="https://academy.example.org/pt/cursos/df-101/"),
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def credential_for(certificate, salt="0f1e2d3c"):
    return cred.achievement_credential(
        certificate=certificate,
        issuer_id=ISSUER_ID,
        issuer_name="Cybercrime Academy",
        verification_url=VERIFICATION_URL,
        salt=salt,
    )


@pytest.fixture(scope="module")
def issuer_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def signed_credential(issuer_key):
    return cred.sign(
        credential_for(fake_certificate()),
        private_key=issuer_key,
        verification_method=cred.verification_method_for(issuer_key.public_key(), ISSUER_ID),
        created=CREATED,
    )


# --- W3C eddsa-rdfc-2022 test vectors ---------------------------------------------------------


def test_vector_canonical_document(vector_loader):
    document = unsigned(read_json(VECTORS / "signedDataInt.json"))
    canonical = cred.canonicalize(document, loader=vector_loader)
    assert canonical == vector_text("canonDocDataInt.txt")
    assert hashlib.sha256(canonical.encode()).hexdigest() == vector_text("docHashDataInt.txt")


def test_vector_canonical_proof_configuration(vector_loader):
    canonical = cred.canonicalize(
        read_json(VECTORS / "proofConfigDataInt.json"), loader=vector_loader
    )
    assert canonical == vector_text("proofCanonDataInt.txt")
    assert hashlib.sha256(canonical.encode()).hexdigest() == vector_text("proofHashDataInt.txt")


def test_vector_proof_configuration_is_built_from_proof_options():
    config = read_json(VECTORS / "proofConfigDataInt.json")
    document = unsigned(read_json(VECTORS / "signedDataInt.json"))
    built = cred.proof_configuration(
        document, verification_method=config["verificationMethod"], created=config["created"]
    )
    assert built == config


def test_vector_combined_hash(vector_loader):
    config = read_json(VECTORS / "proofConfigDataInt.json")
    document = unsigned(read_json(VECTORS / "signedDataInt.json"))
    hash_data, _, _ = proofs._hash_data(document, config, vector_loader)
    assert hash_data.hex() == vector_text("combinedHashDataInt.txt")


def test_signing_the_vector_reproduces_its_signature(vector_loader, vector_keys):
    private_key, public_key = vector_keys
    signed = read_json(VECTORS / "signedDataInt.json")
    config = read_json(VECTORS / "proofConfigDataInt.json")
    resigned = cred.sign(
        unsigned(signed),
        private_key=private_key,
        verification_method=config["verificationMethod"],
        created=config["created"],
        loader=vector_loader,
    )
    assert resigned["proof"]["proofValue"] == vector_text("sigBTC58DataInt.txt").strip()
    signature = cred.multibase_decode(resigned["proof"]["proofValue"])
    assert signature.hex() == vector_text("sigHexDataInt.txt").strip()
    assert resigned == signed


def test_vector_signed_document_verifies(vector_loader, vector_keys):
    signed = read_json(VECTORS / "signedDataInt.json")
    assert cred.verify(signed, public_key=vector_keys[1], loader=vector_loader) is True
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["alumniOf"] = "The School of Counterfeits"
    assert cred.verify(tampered, public_key=vector_keys[1], loader=vector_loader) is False


def test_vector_needs_the_examples_context_which_is_not_shipped(vector_keys):
    # The default loader serves only the vendored contexts: unknown context, no verification.
    signed = read_json(VECTORS / "signedDataInt.json")
    assert cred.verify(signed, public_key=vector_keys[1]) is False


# --- Our credentials: round trip and tampering ------------------------------------------------


def test_achievement_credential_shape():
    credential = credential_for(fake_certificate())
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["id"] == VERIFICATION_URL
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"] == {
        "id": ISSUER_ID,
        "type": ["Profile"],
        "name": "Cybercrime Academy",
    }
    assert credential["validFrom"] == "2026-05-10T11:59:58Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["id"] == "https://academy.example.org/pt/cursos/df-101/"
    assert achievement["name"] == "Perícia digital: preservação de evidências"
    assert "12 hours" in achievement["description"]
    assert achievement["criteria"]["narrative"]
    # Privacy: the name only as a salted hash.
    text = json.dumps(credential, ensure_ascii=False)
    assert "María" not in text
    assert "example.org " not in text.lower() and "maria.avila" not in text.lower()
    by_type = {identity["identityType"]: identity for identity in subject["identifier"]}
    assert set(by_type) == {"name"}
    expected_name = hashlib.sha256("María José d'Ávila Ñúñez0f1e2d3c".encode()).hexdigest()
    assert by_type["name"]["identityHash"] == f"sha256${expected_name}"
    # Every member is defined by the vendored contexts, so all of it is signed.
    assert cred.canonicalize(credential)


def test_a_stranger_cannot_confirm_a_guessed_email_address():
    credential = credential_for(fake_certificate())
    identifiers = credential["credentialSubject"]["identifier"]
    assert all(identity["identityType"] != "emailAddress" for identity in identifiers)
    for identity in identifiers:
        guess = hashlib.sha256(("maria.avila@example.org" + identity["salt"]).encode())
        assert identity["identityHash"] != f"sha256${guess.hexdigest()}"


def test_in_person_award_without_account_or_course_url():
    certificate = fake_certificate(learner=None, course=None, issued_at=datetime(2026, 1, 2))
    credential = cred.achievement_credential(
        certificate=certificate,
        issuer_id=ISSUER_ID,
        issuer_name="Cybercrime Academy",
        verification_url=VERIFICATION_URL,
    )
    subject = credential["credentialSubject"]
    assert [identity["identityType"] for identity in subject["identifier"]] == ["name"]
    assert len(subject["identifier"][0]["salt"]) == 32  # random salt by default
    assert subject["achievement"]["id"] == VERIFICATION_URL + "#achievement"
    assert credential["validFrom"] == "2026-01-02T00:00:00Z"


def test_sign_and_verify_round_trip(signed_credential, issuer_key):
    proof = signed_credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["created"] == CREATED
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"].startswith(ISSUER_ID + "#z6Mk")
    assert proof["proofValue"].startswith("z")
    assert cred.verify(signed_credential, public_key=issuer_key.public_key()) is True
    # The proof's shape is not signed: the schema's array form verifies too.
    shaped = cred.as_ob3_schema_shape(signed_credential)
    assert isinstance(shaped["proof"], list)
    assert cred.verify(shaped, public_key=issuer_key.public_key()) is True


def test_did_key_verification_method(issuer_key):
    signed = cred.sign(
        credential_for(fake_certificate()),
        private_key=issuer_key,
        verification_method=cred.verification_method_for(issuer_key.public_key()),
        created=CREATED,
    )
    method = signed["proof"]["verificationMethod"]
    did = method.split("#")[0]
    assert did == cred.did_key_from_public_key(issuer_key.public_key())
    assert method == f"{did}#{did.removeprefix('did:key:')}"
    assert cred.verify(signed, public_key=cred.public_key_from_did_key(method)) is True


@pytest.mark.parametrize(
    "change",
    [
        {"name_as_printed": "Maria Jose d'Avila Nunez"},
        {"course_title": "Perícia digital avançada"},
        {"hours": 120},
        {"issued_at": datetime(2025, 5, 10, 11, 59, 58, tzinfo=UTC)},
        {"language": "es"},
    ],
    ids=["name", "course-title", "hours", "valid-from", "language"],
)
def test_a_changed_certificate_does_not_verify_with_the_old_proof(
    signed_credential, issuer_key, change
):
    forged = credential_for(fake_certificate(**change))
    forged["proof"] = signed_credential["proof"]
    assert cred.verify(forged, public_key=issuer_key.public_key()) is False


def _other_ending(value: str) -> str:
    return value[:-2] + ("22" if value.endswith("11") else "11")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c.update(name="Forged title"),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c.update(id="https://evil.example/v/1"),
        lambda c: c["issuer"].update(name="Another Academy"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Another course"),
        lambda c: c["credentialSubject"]["achievement"].update(description="120 hours"),
        lambda c: c["credentialSubject"]["identifier"].pop(),
        # (Appending "AchievementCredential" would not count: the OB context makes it an alias
        # of OpenBadgeCredential, the same RDF type.)
        lambda c: c["type"].append("EndorsementCredential"),
        lambda c: c["proof"].update(created="2027-01-01T00:00:00Z"),
        lambda c: c["proof"].update(proofPurpose="authentication"),
        lambda c: c["proof"].update(verificationMethod=ISSUER_ID + "#key-2"),
        lambda c: c["proof"].update(cryptosuite="eddsa-2022"),
        lambda c: c["proof"].update(type="Ed25519Signature2020"),
        # Two other last digits, whatever they were: with a fresh key each run, a signature
        # already ending in "11" was left as it was (the likely cause of one failure of this
        # case in a whole-suite run).
        lambda c: c["proof"].update(proofValue=_other_ending(c["proof"]["proofValue"])),
        lambda c: c["proof"].update(proofValue="u" + c["proof"]["proofValue"][1:]),
        lambda c: c["proof"].update(proofValue="z0OIl"),
        lambda c: c["proof"].pop("proofValue"),
        lambda c: c["proof"].update({"@context": ["https://www.w3.org/ns/credentials/v2", 5]}),
        lambda c: c.pop("proof"),
        lambda c: c.update(proof=[]),
        lambda c: c.update(proof="z123"),
        lambda c: c.update({"@context": ["https://www.w3.org/ns/credentials/v2"]}),
        lambda c: c["@context"].append("https://example.org/ctx.jsonld"),
        # Undefined members are dropped by JSON-LD, so unsigned: refuse them.
        lambda c: c["credentialSubject"]["identifier"][0].update(trainingHours=999),
        lambda c: c["credentialSubject"]["identifier"][0].update(type="Unknown"),
        lambda c: c["credentialSubject"]["achievement"].update(id="relative/achievement"),
        # Keywords and nulls that JSON-LD drops without a word: refuse them too.
        lambda c: c.update({"@included": ["Awarded with distinction"]}),
        lambda c: c["credentialSubject"].update({"@list": None}),
        lambda c: c.update(validUntil=None),
    ],
)
def test_tampering_makes_verification_fail(signed_credential, issuer_key, tamper):
    tampered = copy.deepcopy(signed_credential)
    tamper(tampered)
    assert cred.verify(tampered, public_key=issuer_key.public_key()) is False


def test_a_different_key_does_not_verify(signed_credential):
    other = Ed25519PrivateKey.generate().public_key()
    assert cred.verify(signed_credential, public_key=other) is False


def test_a_forger_with_their_own_key_is_caught_by_the_verification_method(signed_credential):
    # Re-signed by someone else, still naming the issuer's key in verificationMethod.
    forger = Ed25519PrivateKey.generate()
    forged = cred.sign(
        unsigned(signed_credential) | {"name": "Forged"},
        private_key=forger,
        verification_method=signed_credential["proof"]["verificationMethod"],
        created=CREATED,
    )
    assert cred.verify(forged, public_key=forger.public_key()) is False


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        "",
        "{}",
        42,
        [],
        {},
        {"@context": 5},
        {"@context": [], "proof": {}},
        {"@context": {"@vocab": 5}, "proof": {"type": "DataIntegrityProof"}},
        {"proof": {"cryptosuite": "eddsa-rdfc-2022"}},
        b"\x00\xff",
    ],
)
def test_garbage_returns_false_without_raising(garbage, issuer_key):
    assert cred.verify(garbage, public_key=issuer_key.public_key()) is False


def test_deeply_nested_garbage_returns_false(signed_credential, issuer_key):
    tampered = copy.deepcopy(signed_credential)
    nested = {}
    for _ in range(5000):
        nested = {"credentialSubject": nested}
    tampered["credentialSubject"]["achievement"]["criteria"] = nested
    assert cred.verify(tampered, public_key=issuer_key.public_key()) is False


def test_sign_refuses_undefined_terms_and_signed_documents(signed_credential, issuer_key):
    document = credential_for(fake_certificate()) | {"trainingHours": 999}
    document["credentialSubject"]["achievement"]["criteria"]["bonus"] = 1
    document["credentialSubject"]["identifier"][0]["extra"] = 1
    with pytest.raises(ValueError, match="not defined"):
        cred.sign(
            document,
            private_key=issuer_key,
            verification_method=cred.verification_method_for(issuer_key.public_key()),
            created=CREATED,
        )
    with pytest.raises(ValueError, match="already has a proof"):
        cred.sign(
            signed_credential, private_key=issuer_key, verification_method="x", created=CREATED
        )
    with pytest.raises(ValueError):
        cred.sign(
            credential_for(fake_certificate()),
            private_key=issuer_key,
            verification_method="x",
            created="2026-05-10 12:00",
        )


# --- Offline document loader ------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_loader_serves_the_vendored_contexts(no_network):
    for url in cred.CREDENTIAL_CONTEXT:
        remote = cred.document_loader(url)
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]
    # Callers cannot alter the cached copy.
    cred.document_loader(cred.VC_V2_CONTEXT)["document"]["@context"].clear()
    assert cred.document_loader(cred.VC_V2_CONTEXT)["document"]["@context"]
    assert no_network == []


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/ctx.jsonld",
        "https://www.w3.org/ns/credentials/v2/",
        "http://www.w3.org/ns/credentials/v2",
        "https://w3id.org/security/data-integrity/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "file:///etc/passwd",
        "credentials-v2.jsonld",
        "../index.json",
        "",
    ],
)
def test_loader_refuses_anything_not_vendored(url, no_network):
    with pytest.raises(JsonLdError):
        cred.document_loader(url, {})
    document = {"@context": [cred.VC_V2_CONTEXT, url], "type": ["VerifiableCredential"]}
    with pytest.raises((JsonLdError, ValueError)):
        cred.canonicalize(document)
    assert no_network == []


def test_vendored_index_lists_only_shipped_files():
    index = read_json(cred.CONTEXTS_DIR / "index.json")
    shipped = {path.name for path in cred.CONTEXTS_DIR.iterdir()} - {"index.json", "README.md"}
    assert set(index.values()) == shipped
    readme = (cred.CONTEXTS_DIR / "README.md").read_text(encoding="utf-8")
    for url, name in index.items():
        assert url in readme and name in readme
        # Identical to the upstream copy kept in the test data.
        assert (cred.CONTEXTS_DIR / name).read_bytes() == (
            OPENBADGES / "contexts" / name
        ).read_bytes()


# --- Multibase and did:key --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\x01", "112"),
        (b"hello world", "StV1DL6CwTryKyV"),
        (bytes.fromhex("0000287fb4cd"), "11233QC4"),  # draft-msporny-base58,
    ],
)
def test_base58_known_values(raw, encoded):
    assert cred.base58btc_encode(raw) == encoded
    assert cred.base58btc_decode(encoded) == raw


def test_base58_round_trip_random():
    import secrets

    for size in [1, 2, 31, 32, 33, 34, 64, 100]:
        for _ in range(20):
            data = b"\0" * secrets.randbelow(3) + secrets.token_bytes(size)
            assert cred.base58btc_decode(cred.base58btc_encode(data)) == data


@pytest.mark.parametrize("bad", ["0", "O", "I", "l", "abc+", "é", " z"])
def test_base58_rejects_foreign_characters(bad):
    with pytest.raises(ValueError):
        cred.base58btc_decode(bad)


def test_did_key_round_trip_with_the_vector_key(vector_keys):
    private_key, public_key = vector_keys
    pair = read_json(VECTORS / "keyPair.json")
    did = cred.did_key_from_public_key(public_key)
    assert did == "did:key:" + pair["publicKeyMultibase"]
    assert cred.did_key_from_public_key(private_key.public_key()) == did
    assert (
        cred.public_key_multibase(cred.public_key_from_did_key(did)) == pair["publicKeyMultibase"]
    )
    assert cred.public_key_from_did_key(
        f"{did}#{pair['publicKeyMultibase']}"
    ).public_bytes_raw() == (public_key.public_bytes_raw())


def test_did_key_round_trip_with_a_fresh_key():
    public_key = Ed25519PrivateKey.generate().public_key()
    did = cred.did_key_from_public_key(public_key)
    assert did.startswith("did:key:z6Mk")
    assert cred.public_key_from_did_key(did).public_bytes_raw() == public_key.public_bytes_raw()


@pytest.mark.parametrize(
    "bad",
    [
        "did:web:example.org",
        "did:key:",
        "did:key:zzz",
        "did:key:u7QE",
        # A secp256k1 (0xe701) did:key is not an Ed25519 key.
        "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
        None,
    ],
)
def test_did_key_rejects_others(bad):
    with pytest.raises(ValueError):
        cred.public_key_from_did_key(bad)


# --- Signing key from settings ----------------------------------------------------------------


def test_signing_key_from_setting_multibase_and_base64(settings, vector_keys):
    private_key, public_key = vector_keys
    pair = read_json(VECTORS / "keyPair.json")
    settings.LMS_CREDENTIAL_SIGNING_KEY = pair["privateKeyMultibase"]
    assert cred.signing_key().public_key().public_bytes_raw() == public_key.public_bytes_raw()
    assert cred.issuer_did() == "did:key:" + pair["publicKeyMultibase"]

    import base64

    seed = private_key.private_bytes_raw()
    for encoded in [base64.b64encode(seed), base64.urlsafe_b64encode(seed).rstrip(b"=")]:
        settings.LMS_CREDENTIAL_SIGNING_KEY = encoded.decode() + "\n"
        assert cred.issuer_did() == "did:key:" + pair["publicKeyMultibase"]
    settings.LMS_CREDENTIAL_SIGNING_KEY = cred.multibase_encode(seed)
    assert cred.issuer_did() == "did:key:" + pair["publicKeyMultibase"]


@pytest.mark.parametrize("bad", ["not a key!", "c2hvcnQ=", "z" + "1" * 40])
def test_signing_key_refuses_a_malformed_setting(settings, bad):
    settings.LMS_CREDENTIAL_SIGNING_KEY = bad
    with pytest.raises(ValueError):
        cred.signing_key()


def test_signing_key_is_generated_once_into_var(settings, tmp_path):
    settings.LMS_CREDENTIAL_SIGNING_KEY = ""
    settings.VAR_DIR = tmp_path / "var"
    first = cred.issuer_did()
    key_file = tmp_path / "var" / "credential_signing_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert cred.issuer_did() == first
    del settings.LMS_CREDENTIAL_SIGNING_KEY
    assert cred.issuer_did() == first


# --- 1EdTech JSON Schema ----------------------------------------------------------------------


def test_credential_validates_against_the_1edtech_schema(signed_credential):
    schema = read_json(OPENBADGES / "schema" / "achievementcredential.json")
    validator = jsonschema.Draft201909Validator(schema)
    shaped = cred.as_ob3_schema_shape(signed_credential)
    errors = [error.message for error in validator.iter_errors(shaped)]
    assert errors == []
    # The schema wants proof as an array: the object form we publish fails it as is.
    assert not validator.is_valid(signed_credential)


# --- 1EdTech validator fixtures ---------------------------------------------------------------


def fixture_key(document):
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    method = next(p for p in proofs if p.get("cryptosuite") == "eddsa-rdfc-2022")
    return multikey._public_key_named_by(method["verificationMethod"])


@pytest.mark.parametrize(
    "name",
    [
        "simple.json",
        "simple-context-alias.json",
        "simple-multiple-proofs.json",
        "bit-string-list/credential-status-revoked.json",
        "bit-string-list/credential-status-revoked-blank-nodes.json",
    ],
)
def test_1edtech_fixtures_verify_with_the_vendored_contexts(name, no_network):
    document = read_json(FIXTURES / name)
    assert cred.verify(document, public_key=fixture_key(document)) is True
    assert cred.verify(as_tampered(document), public_key=fixture_key(document)) is False


def as_tampered(document):
    tampered = copy.deepcopy(document)
    tampered["credentialSubject"]["achievement"]["name"] += "!"
    return tampered


def test_1edtech_did_key_fixture_verifies(fixture_loader):
    # Uses the extensions context, which only the test loader has.
    document = read_json(FIXTURES / "simple-did-key-method.json")
    method = document["proof"][0]["verificationMethod"]
    assert method.startswith("did:key:")
    key = cred.public_key_from_did_key(method)
    assert cred.verify(document, public_key=key, loader=fixture_loader) is True
    assert cred.verify(document, public_key=key) is False  # context not shipped


@pytest.mark.parametrize(
    "name",
    [
        "simple-err-proof-value.json",
        "simple-err-context.json",
        "simple-err-credential-subject-type.json",
        "simple-err-credential-subject-identifier-type.json",
    ],
)
def test_1edtech_negative_fixtures_do_not_verify(name):
    document = read_json(FIXTURES / name)
    assert cred.verify(document, public_key=fixture_key(document)) is False


def test_1edtech_legacy_eddsa_2022_fixture(fixture_loader):
    """simple-eddsa-2022.json uses the pre-standard suite name ``eddsa-2022``, VC 1.1 contexts
    (not shipped) and ``<issuer>#<multibase>`` rather than a did:key.

    ``verify`` accepts only ``eddsa-rdfc-2022``, so it says False. Its signature is genuine,
    though: the legacy suite canonicalized the proof with the Data Integrity context alone.
    Checking that here cross-checks our canonicalization against a 1EdTech-signed credential.
    """
    document = read_json(FIXTURES / "simple-eddsa-2022.json")
    proof = document["proof"][0]
    key = cred.public_key_from_multibase(proof["verificationMethod"].rpartition("#")[2])
    assert cred.verify(document, public_key=key, loader=fixture_loader) is False

    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = "https://w3id.org/security/data-integrity/v1"
    hash_data = (
        hashlib.sha256(cred.canonicalize(config, loader=fixture_loader).encode()).digest()
        + hashlib.sha256(
            cred.canonicalize(unsigned(document), loader=fixture_loader).encode()
        ).digest()
    )
    key.verify(cred.multibase_decode(proof["proofValue"]), hash_data)  # raises if invalid


def test_verification_is_not_fooled_by_an_old_timestamp_format(signed_credential, issuer_key):
    # Sanity: created far in the past or future is still a signed value, not a policy check.
    later = (datetime(2026, 5, 10, tzinfo=UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    resigned = cred.sign(
        unsigned(signed_credential),
        private_key=issuer_key,
        verification_method=signed_credential["proof"]["verificationMethod"],
        created=later,
    )
    assert cred.verify(resigned, public_key=issuer_key.public_key()) is True
    assert resigned["proof"]["proofValue"] != signed_credential["proof"]["proofValue"]


def _true_depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_true_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_true_depth, value), default=0)
    return 0


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab'), children, max_size=3)
    ),
    max_leaves=20,
)


@given(_json_values)
def test_nesting_depth_counts_only_structure_not_brackets_in_strings(value):
    assert cred.nesting_depth(json.dumps(value)) == _true_depth(value)


def test_parse_document_refuses_deep_and_large_input_before_parsing():
    with pytest.raises(cred.DocumentTooDeep):
        cred.parse_document(b"[" * 33 + b"]" * 33)
    assert cred.parse_document(b"[" * 32 + b"]" * 32)
    with pytest.raises(cred.DocumentTooLarge):
        cred.parse_document(b'"' + b"x" * cred.MAX_DOCUMENT_BYTES + b'"')


def test_the_vendored_contexts_are_loaded_and_processed_once_for_every_credential(monkeypatch):
    """The VC and Open Badges contexts are read and their terms defined by the first
    canonicalization only; later ones (each signature and verification makes two) reuse them
    and give the same N-Quads. (The contexts that a type scopes are still applied each time.)"""
    from cachetools import LRUCache
    from pyld.jsonld import JsonLdProcessor

    loaded, defined = [], []
    real_loader, real_define = jsonld.document_loader, JsonLdProcessor._create_term_definition

    def loader(url, options=None):
        loaded.append(url)
        return real_loader(url, options)

    def define(self, active_ctx, local_ctx, term, *args, **kwargs):
        defined.append(term)
        return real_define(self, active_ctx, local_ctx, term, *args, **kwargs)

    monkeypatch.setattr(jsonld, "document_loader", loader)
    monkeypatch.setattr(jsonld, "_VENDORED_CACHE", LRUCache(maxsize=64))
    monkeypatch.setattr(JsonLdProcessor, "_create_term_definition", define)
    credential = credential_for(fake_certificate())
    first = cred.canonicalize(credential)
    assert set(loaded) == set(jsonld.CREDENTIAL_CONTEXT)
    top_level = {"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"}
    assert top_level <= set(defined)
    loaded.clear()
    defined.clear()
    assert cred.canonicalize(copy.deepcopy(credential)) == first
    assert loaded == [] and not top_level & set(defined)
