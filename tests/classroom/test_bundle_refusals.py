"""Every bad bundle is refused, whole, with a translated reason; a good one reads."""

import io
import json
import stat
import uuid
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import translation

from classroom import bundle as b

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
PLATFORM = "did:key:z6MkPlatform"
KEY = Ed25519PrivateKey.generate()
FILES = {"course/page.json": b'{"title": "Lesson"}', "media/photo.jpg": b"\xff\xd8" + b"x" * 500}


def make(files=FILES, key=KEY, **overrides):
    arguments = {
        "files": files,
        "kind": b.KIND_CLASSROOM,
        "key": key,
        "platform_id": PLATFORM,
        "base_url": "https://academy.example",
        "created": NOW,
        "expires": NOW + timedelta(days=30),
        "languages": ["en", "fr"],
    }
    arguments.update(overrides)
    return b.build_bundle(**arguments)


def manifest_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read(b.MANIFEST_NAME))


def read(data, *, seen=(), trusted=None, kind=b.KIND_CLASSROOM, **limits):
    trusted = trusted or {b.public_key_text(KEY)}
    return b.read_bundle(
        data,
        kind=kind,
        platform_id=PLATFORM,
        trusted_signer=lambda key: key in trusted,
        already_imported=lambda bundle_id: bundle_id in seen,
        now=NOW,
        **limits,
    )


def refused(data, code, **kwargs):
    with pytest.raises(b.BundleRefused) as caught:
        read(data, **kwargs)
    assert caught.value.code == code, b.reason(caught.value)
    return b.reason(caught.value)


def raw_zip(members):
    """A zip written by hand: (ZipInfo or name, bytes) pairs, no checks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info, content)
    return buffer.getvalue()


def signed_members(manifest, key=KEY):
    manifest_bytes = json.dumps(manifest).encode()
    return [
        (b.MANIFEST_NAME, manifest_bytes),
        (b.SIGNATURE_NAME, b.credentials.multibase_encode(key.sign(manifest_bytes))),
    ]


def test_a_good_bundle_reads_and_gives_its_files():
    data = make()
    bundle = read(data)
    assert bundle.kind == "classroom"
    assert bundle.paths == sorted(FILES)
    assert bundle.read("media/photo.jpg") == FILES["media/photo.jpg"]
    assert bundle.manifest["languages"] == ["en", "fr"]
    assert bundle.manifest["platform"]["base_url"] == "https://academy.example"


def test_tampered_content_is_refused():
    manifest = manifest_of(make())
    changed = dict(FILES, **{"course/page.json": b'{"title": "Lessen"}'})
    data = b.sign_manifest_and_zip(manifest, changed, KEY)
    assert "course/page.json" in refused(data, "tampered")


def test_a_file_the_manifest_does_not_list_is_refused():
    manifest = manifest_of(make())
    data = b.sign_manifest_and_zip(manifest, dict(FILES, extra=b"x"), KEY)
    refused(data, "tampered")


def test_a_missing_file_is_refused():
    manifest = manifest_of(make())
    data = b.sign_manifest_and_zip(manifest, {"course/page.json": FILES["course/page.json"]}, KEY)
    refused(data, "tampered")


def test_a_manifest_changed_after_signing_is_refused():
    data = make()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    manifest = json.loads(members[0][1])
    manifest["expires"] = "2099-01-01T00:00:00Z"
    members[0] = (b.MANIFEST_NAME, json.dumps(manifest).encode())
    refused(raw_zip(members), "signature")


def test_a_signature_from_an_unknown_key_is_refused():
    stranger = Ed25519PrivateKey.generate()
    message = refused(make(key=stranger), "unknown_signer")
    assert b.fingerprint(b.public_key_text(stranger)) in message


def test_a_bundle_for_another_platform_is_refused():
    message = refused(
        make(platform_id="did:key:z6MkOther", base_url="https://other.example"), "platform"
    )
    assert "https://other.example" in message


def test_an_expired_bundle_is_refused():
    refused(make(expires=NOW - timedelta(seconds=1)), "expired")


def test_a_replayed_bundle_is_refused():
    bundle_id = uuid.uuid4()
    refused(make(bundle_id=bundle_id), "replayed", seen={bundle_id})


def test_a_newer_format_version_is_refused():
    manifest = manifest_of(make())
    manifest["format_version"] = b.FORMAT_VERSION + 1
    message = refused(b.sign_manifest_and_zip(manifest, FILES, KEY), "version")
    assert "Update the platform" in message


def test_a_results_bundle_is_not_read_as_a_classroom_bundle():
    refused(make(kind=b.KIND_RESULTS), "kind")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_bundle_is_refused(cut):
    data = make()
    refused(data[: int(len(data) * cut)], "corrupt")


def test_garbage_is_refused():
    refused(b"PK\x03\x04 this is not a zip at all", "corrupt")
    refused(b"", "corrupt")


def test_damaged_compressed_data_is_refused():
    content = bytes(range(256)) * 200
    data = bytearray(make(files={"big.bin": content}))
    middle = data.find(b"files/big.bin") + 200
    data[middle : middle + 50] = b"\x00" * 50
    with pytest.raises(b.BundleRefused) as caught:
        read(bytes(data))
    assert caught.value.code in {"corrupt", "tampered"}


def test_too_many_members_is_refused():
    files = {f"f{i}.txt": b"x" for i in range(20)}
    refused(make(files=files), "bomb", max_members=10)


def test_more_declared_bytes_than_allowed_is_refused_before_unpacking():
    files = {"zeros.bin": b"\x00" * 2_000_000}  # compresses to about 2 KB
    data = make(files=files)
    assert len(data) < 10_000
    refused(data, "bomb", max_total_bytes=1_000_000)


def test_a_member_that_unpacks_beyond_its_declared_size_is_refused():
    # The central directory says 10 bytes; the compressed stream holds 100 000.
    content = b"\x00" * 100_000
    manifest = manifest_of(make(files={"zeros.bin": content}))
    manifest["files"][0]["size"] = 10
    data = bytearray(b.sign_manifest_and_zip(manifest, {"zeros.bin": content}, KEY))
    # Patch the uncompressed size in both the local header and the central directory.
    name = b"files/zeros.bin"
    for marker, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while True:
            start = data.find(marker, start)
            if start < 0:
                break
            name_at = start + (30 if marker == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset : start + offset + 4] = (10).to_bytes(4, "little")
            start += 4
    with pytest.raises(b.BundleRefused) as caught:
        read(bytes(data))
    assert caught.value.code in {"bomb", "corrupt"}


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "files/../../evil", "../evil", "files/a\\..\\b", "C:/evil", "files//x"]
)
def test_paths_that_escape_are_refused(name):
    manifest = manifest_of(make())
    data = raw_zip([*signed_members(manifest), (name, b"x")])
    refused(data, "path")


def test_a_manifest_path_that_escapes_is_refused():
    manifest = manifest_of(make(files={"a": b"x"}))
    manifest["files"][0]["path"] = "../a"
    data = raw_zip([*signed_members(manifest), ("files/a", b"x")])
    refused(data, "path")


def test_a_symbolic_link_is_refused():
    manifest = manifest_of(make(files={"a": b"x"}))
    link = zipfile.ZipInfo("files/a")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    data = raw_zip([*signed_members(manifest), (link, b"/etc/passwd")])
    refused(data, "path")


def test_the_reason_is_translated():
    with translation.override("fr"):
        message = refused(make(expires=NOW - timedelta(days=1)), "expired")
    assert message == "Le paquet a cessé d'être valable le 2026-12-06."
