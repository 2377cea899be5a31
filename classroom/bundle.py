"""Classroom and results bundles: one zip file, a signed manifest, a reader that trusts nothing.

Layout of a bundle (format version 1)::

    manifest.json        the manifest (UTF-8 JSON, exactly the bytes that were signed)
    manifest.sig         the Ed25519 signature of manifest.json, multibase base58-btc ("z…")
    files/<path>         every file the manifest lists, and nothing else

The manifest names the bundle (``bundle_id``, a UUID), its ``kind`` ("classroom" going out,
"results" coming back), the issuing platform (``platform.id``, the ``did:key`` of the central
platform's signing key, and ``platform.base_url``), ``created`` and ``expires`` (ISO 8601,
UTC), ``languages``, the ``signer`` (the multibase Ed25519 public key that made
``manifest.sig``) and ``files``: each file's ``path``, ``size`` and ``sha256``.

``read_bundle`` checks the whole file before the caller writes anything: zip structure, member
count and sizes (declared and actual), paths, the signature, the signer, the platform, the
expiry, the format version, replay, and every file's size and SHA-256. Each refusal raises
``BundleRefused`` with a translated reason and a stable ``code``. Nothing is extracted to disk:
callers read the checked files through the returned ``Bundle``.

Nothing here touches the database; the caller says which keys it trusts and which bundle ids it
has already imported.
"""

import hashlib
import io
import json
import stat
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from certificates import credentials

FORMAT_NAME = "cybercrime-academy-bundle"
FORMAT_VERSION = 1
KIND_CLASSROOM = "classroom"
KIND_RESULTS = "results"
KINDS = (KIND_CLASSROOM, KIND_RESULTS)

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
FILES_PREFIX = "files/"

# Limits: the four seeded programmes in four languages are far below these.
MAX_MEMBERS = 20_000
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
_CHUNK = 64 * 1024
# What zipfile and zlib raise on a damaged or truncated archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


class BundleRefused(ValidationError):
    """The bundle is refused as a whole; ``code`` says why, the message says it to a person."""


def _refuse(message, code: str, **params) -> BundleRefused:
    return BundleRefused(message, code=code, params=params or None)


def reason(error: BundleRefused) -> str:
    """The refusal's message, formatted, in the active language."""
    return " ".join(error.messages)


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    return credentials.public_key_multibase(private_key.public_key())


def fingerprint(public_key_multibase: str) -> str:
    """A short, printable fingerprint of a public key: 8 groups of 4 hex digits of its SHA-256."""
    digest = hashlib.sha256(public_key_multibase.encode("ascii")).hexdigest()[:32].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _parse_iso(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment


# --- Writing ----------------------------------------------------------------------------------


def build_bundle(
    *,
    files: dict[str, bytes],
    kind: str,
    key: Ed25519PrivateKey,
    platform_id: str,
    base_url: str,
    created: datetime,
    expires: datetime,
    languages: Iterable[str],
    bundle_id: uuid.UUID | None = None,
    extra: dict | None = None,
) -> bytes:
    """The bytes of a signed bundle holding ``files`` (path -> content)."""
    if kind not in KINDS:
        raise ValueError(f"unknown bundle kind {kind!r}")
    for path in files:
        if not _safe_relative_path(path):
            raise ValueError(f"unsafe path in bundle: {path!r}")
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "bundle_id": str(bundle_id or uuid.uuid4()),
        "kind": kind,
        "platform": {"id": platform_id, "base_url": base_url},
        "created": _iso(created),
        "expires": _iso(expires),
        "languages": sorted(set(languages)),
        "signer": public_key_text(key),
        "files": [
            {
                "path": path,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
            for path, content in sorted(files.items())
        ],
        **(extra or {}),
    }
    return sign_manifest_and_zip(manifest, files, key)


def sign_manifest_and_zip(manifest: dict, files: dict[str, bytes], key) -> bytes:
    """Zip ``manifest``, signed with ``key``, and ``files`` as given (tests tamper with them)."""
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    signature = credentials.multibase_encode(key.sign(manifest_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(SIGNATURE_NAME, signature)
        for path, content in sorted(files.items()):
            archive.writestr(FILES_PREFIX + path, content)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------------------


@dataclass
class Bundle:
    """A bundle that passed every check. ``read(path)`` gives a listed file's checked bytes."""

    manifest: dict
    data: bytes = field(repr=False)

    @property
    def bundle_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["bundle_id"])

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def signer(self) -> str:
        return self.manifest["signer"]

    @property
    def paths(self) -> list[str]:
        return [entry["path"] for entry in self.manifest["files"]]

    def read(self, path: str) -> bytes:
        entry = next(e for e in self.manifest["files"] if e["path"] == path)
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            content = archive.read(FILES_PREFIX + path)
        # Checked once already; checked again because reading is cheap next to trusting.
        if hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise _refuse(
                _("The file “%(path)s” in the bundle was changed."), "tampered", path=path
            )
        return content

    def read_json(self, path: str):
        return json.loads(self.read(path).decode("utf-8"))


def _safe_relative_path(path: str) -> bool:
    if not isinstance(path, str) or not path or len(path) > 400:
        return False
    if path.startswith(("/", "\\")) or "\\" in path or "\x00" in path or ":" in path:
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, refusing as soon as more than ``limit`` come out (zip bombs)."""
    out = io.BytesIO()
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            if out.tell() + len(chunk) > limit:
                raise _refuse(
                    _("The bundle unpacks to more than it declares (a zip bomb?)."), "bomb"
                )
            out.write(chunk)
    return out.getvalue()


def read_bundle(
    data: bytes,
    *,
    kind: str,
    platform_id: str,
    trusted_signer: Callable[[str], bool],
    already_imported: Callable[[uuid.UUID], bool],
    now: datetime | None = None,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_members: int = MAX_MEMBERS,
) -> Bundle:
    """Check every part of ``data``; return the ``Bundle`` or raise ``BundleRefused``.

    ``trusted_signer(public_key_multibase)`` says whether the signer's key is known (the
    platform's key for a classroom bundle, a registered node's key for a results bundle).
    ``already_imported(bundle_id)`` says whether this bundle was imported before.
    """
    now = now or datetime.now(UTC)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as error:
        raise _refuse(
            _("The file is not a complete bundle (truncated or damaged zip file)."), "corrupt"
        ) from error

    with archive:
        # 1. Structure, before decompressing anything: count, names, declared sizes.
        if len(infos) > max_members:
            raise _refuse(
                _("The bundle holds too many files (more than %(limit)s)."),
                "bomb",
                limit=max_members,
            )
        names = set()
        declared_total = 0
        for info in infos:
            name = info.filename
            if _is_symlink(info):
                raise _refuse(
                    _("The bundle contains a symbolic link (“%(path)s”)."), "path", path=name
                )
            if name.endswith("/") and _safe_relative_path(name.rstrip("/")):
                continue  # a directory entry: nothing to read
            if not _safe_relative_path(name):
                raise _refuse(
                    _("The bundle contains a path that leaves its folder (“%(path)s”)."),
                    "path",
                    path=name,
                )
            if name in names:
                raise _refuse(_("The bundle contains “%(path)s” twice."), "path", path=name)
            names.add(name)
            declared_total += info.file_size
            if info.file_size > MAX_FILE_BYTES or declared_total > max_total_bytes:
                raise _refuse(_("The bundle unpacks to more than the allowed size."), "bomb")
        if MANIFEST_NAME not in names or SIGNATURE_NAME not in names:
            raise _refuse(_("The bundle has no signed manifest."), "corrupt")

        try:
            manifest_bytes = _read_member(
                archive, archive.getinfo(MANIFEST_NAME), MAX_MANIFEST_BYTES
            )
            signature_text = _read_member(archive, archive.getinfo(SIGNATURE_NAME), 1024)
        except _ZIP_ERRORS as error:
            raise _refuse(
                _("The file is not a complete bundle (truncated or damaged zip file)."),
                "corrupt",
            ) from error

        # 2. The manifest and its signature.
        try:
            text = manifest_bytes.decode("utf-8")
            if credentials.nesting_depth(text) > 16:
                raise ValueError("manifest nests too deep")
            manifest = json.loads(text)
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise _refuse(_("The bundle's manifest cannot be read."), "corrupt") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise _refuse(_("This file is not a Cybercrime Academy bundle."), "corrupt")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise _refuse(_("The bundle's manifest cannot be read."), "corrupt")
        if version > FORMAT_VERSION:
            raise _refuse(
                _(
                    "The bundle uses format version %(version)s; this platform reads up to "
                    "version %(supported)s. Update the platform first."
                ),
                "version",
                version=version,
                supported=FORMAT_VERSION,
            )
        signer = manifest.get("signer")
        try:
            public_key = credentials.public_key_from_multibase(signer)
            signature = credentials.multibase_decode(signature_text.decode("ascii").strip())
            public_key.verify(signature, manifest_bytes)
        except (InvalidSignature, ValueError, TypeError, AttributeError) as error:
            raise _refuse(
                _("The bundle's signature does not match its manifest."), "signature"
            ) from error
        if not trusted_signer(signer):
            raise _refuse(
                _(
                    "The bundle is signed by a key this platform does not know "
                    "(fingerprint %(fingerprint)s)."
                ),
                "unknown_signer",
                fingerprint=fingerprint(signer),
            )

        # 3. What the signed manifest says.
        if manifest.get("kind") != kind:
            raise _refuse(
                _("This is not a %(kind)s bundle."),
                "kind",
                kind=_("classroom") if kind == KIND_CLASSROOM else _("results"),
            )
        platform = manifest.get("platform")
        if not isinstance(platform, dict) or platform.get("id") != platform_id:
            raise _refuse(
                _("The bundle was made for another platform (%(platform)s)."),
                "platform",
                platform=str(platform.get("base_url") if isinstance(platform, dict) else "?"),
            )
        try:
            bundle_id = uuid.UUID(str(manifest.get("bundle_id")))
        except ValueError as error:
            raise _refuse(_("The bundle's manifest cannot be read."), "corrupt") from error
        created = _parse_iso(manifest.get("created"))
        expires = _parse_iso(manifest.get("expires"))
        if created is None or expires is None:
            raise _refuse(_("The bundle's manifest cannot be read."), "corrupt")
        if expires <= now:
            raise _refuse(
                _("The bundle expired on %(date)s."), "expired", date=expires.date().isoformat()
            )
        if already_imported(bundle_id):
            raise _refuse(_("This bundle was already imported."), "replayed")

        # 4. Every listed file, and nothing else.
        entries = manifest.get("files")
        if not isinstance(entries, list):
            raise _refuse(_("The bundle's manifest cannot be read."), "corrupt")
        listed = set()
        for entry in entries:
            if not isinstance(entry, dict) or not _safe_relative_path(entry.get("path")):
                raise _refuse(
                    _("The bundle contains a path that leaves its folder (“%(path)s”)."),
                    "path",
                    path=str(entry.get("path") if isinstance(entry, dict) else entry),
                )
            size, digest = entry.get("size"), entry.get("sha256")
            if not isinstance(size, int) or size < 0 or not isinstance(digest, str):
                raise _refuse(_("The bundle's manifest cannot be read."), "corrupt")
            listed.add(FILES_PREFIX + entry["path"])
        extra_members = names - listed - {MANIFEST_NAME, SIGNATURE_NAME}
        if extra_members:
            raise _refuse(
                _("The bundle contains a file its manifest does not list (“%(path)s”)."),
                "tampered",
                path=sorted(extra_members)[0],
            )
        for entry in entries:
            name = FILES_PREFIX + entry["path"]
            if name not in names:
                raise _refuse(
                    _("The file “%(path)s” is missing from the bundle."),
                    "tampered",
                    path=entry["path"],
                )
            info = archive.getinfo(name)
            if info.file_size != entry["size"]:
                raise _refuse(
                    _("The file “%(path)s” in the bundle was changed."),
                    "tampered",
                    path=entry["path"],
                )
            try:
                content = _read_member(archive, info, entry["size"])
            except _ZIP_ERRORS as error:
                raise _refuse(
                    _("The file is not a complete bundle (truncated or damaged zip file)."),
                    "corrupt",
                ) from error
            actual_digest = hashlib.sha256(content).hexdigest()
            if len(content) != entry["size"] or actual_digest != entry["sha256"]:
                raise _refuse(
                    _("The file “%(path)s” in the bundle was changed."),
                    "tampered",
                    path=entry["path"],
                )
    return Bundle(manifest=manifest, data=data)
