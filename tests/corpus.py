"""Readers for the third-party test data in tests/data (read only, never written).

Sources and licences are in tests/data/LICENSES.md. Nothing here reads a file when it is
imported: a missing file fails the one test that needs it, not the collection of the suite.
"""

from pathlib import Path

TESTDATA = Path(__file__).resolve().parent / "data"
OPENBADGES = TESTDATA / "openbadges"
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


def svg_with_script() -> bytes:
    return (XSS_DIR / "svg" / "SVG_XSS1.svg").read_bytes()
