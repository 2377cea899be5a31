"""Rebuild lms/static/lms/favicon.ico from favicon.svg (for browsers without SVG favicons).

Chromium draws the SVG at 256 px on a transparent background and Pillow scales it down into an
ICO holding 16 and 32 px images. Run after changing the SVG:

    LMS_CHROMIUM=/usr/bin/chromium .venv/bin/python scripts/favicon_ico.py
"""

import os
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

STATIC = Path(__file__).resolve().parent.parent / "lms" / "static" / "lms"


def main() -> None:
    chromium = os.environ.get("LMS_CHROMIUM", "chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "icon.html"
        page.write_text(
            '<body style="margin:0"><img src="'
            + (STATIC / "favicon.svg").as_uri()
            + '" width="256" height="256"></body>'
        )
        shot = Path(folder) / "icon.png"
        subprocess.run(  # noqa: S603 - a fixed command line; the browser is set by the operator
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--default-background-color=00000000", "--window-size=256,256",
             f"--screenshot={shot}", page.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        image = Image.open(shot).convert("RGBA")
        image.save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32)])


if __name__ == "__main__":
    main()
