"""Readers for the hostile-input corpus in ../shared/testdata (read only, never written)."""

import os
from pathlib import Path

# The project's shared folder sits beside the repository (../shared), in CI as on a laptop.
SHARED = Path(os.environ.get("LMS_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
TESTDATA = SHARED / "testdata"
XSS_DIR = TESTDATA / "xss"
XSS_FILES = [
    "IntrudersXSS.txt",
    "JHADDIX_XSS.txt",
    "BRUTELOGIC-XSS-STRINGS.txt",
    "RSNAKE_XSS.txt",
    "XSS_Polyglots.txt",
    "xss_payloads_quick.txt",
]


def xss_payloads() -> list[str]:
    payloads: set[str] = set()
    for name in XSS_FILES:
        text = (XSS_DIR / name).read_text(encoding="utf-8", errors="replace")
        payloads.update(line for line in text.splitlines() if line.strip())
    return sorted(payloads)


def open_redirect_payloads() -> list[str]:
    text = (XSS_DIR / "open-redirect.txt").read_text(encoding="utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]
