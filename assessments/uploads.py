"""What a file attached to a written response really is, from its bytes. No ORM, no request.

The extension and the browser's content type are what the sender claims; the first bytes
and, for the two office formats, the package's own manifest are what the file is. A file
whose bytes do not match its extension is refused.
"""

import io
import zipfile

MAX_FILE_BYTES = 5 * 1024 * 1024
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt", "txt": "txt"}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zip_kind(content: bytes) -> str | None:
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        names = set(package.namelist())
        if "mimetype" in names and package.read("mimetype").strip() == _ODT_MIMETYPE:
            return "odt"
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def sniff_kind(content: bytes) -> str | None:
    """pdf, docx, odt or txt as the bytes show it; None for anything else."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if content and _is_text(content):
        return "txt"
    return None


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def file_kind(name: str, content: bytes) -> str | None:
    """The kind of an accepted file, or None when its extension or its bytes are wrong."""
    claimed = EXTENSIONS.get(extension_of(name))
    if claimed is None:
        return None
    return claimed if sniff_kind(content) == claimed else None
