"""The weight budget for slow connections: a text page's assets, compressed, stay small."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 40 * 1024
MAX_REQUESTS = 5


def page_weight(client, url) -> tuple[int, int]:
    """Requests and gzip-compressed bytes for a page and the static files it references."""
    html = client.get(url).content
    assert b"<script" not in html  # the page works without JavaScript
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    total = len(gzip.compress(html))
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, f"{asset!r} is referenced but not found"
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    images = re.findall(rb'<img [^>]*src="', html)
    return 1 + len(assets) + len(images), total


@pytest.mark.parametrize("url", ["/en/", "/fr/accounts/login/"])
def test_page_and_its_assets_fit_the_budget(client, home_pages, url):
    requests, total = page_weight(client, url)
    assert requests <= MAX_REQUESTS
    assert total <= BUDGET_BYTES, f"{url}: {total} bytes compressed"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("--ink", "--paper", 4.5),
        ("--muted", "--paper", 4.5),
        ("--muted", "--wash", 4.5),
        ("--link", "--paper", 4.5),
        ("--error", "--paper", 4.5),
        ("--paper", "--brand", 4.5),
        ("--focus", "--paper", 3.0),
        ("--focus-on-brand", "--brand", 3.0),
    ],
)
def test_stylesheet_colours_meet_wcag_aa(foreground, background, minimum):
    with open(finders.find("lms/site.css"), encoding="utf-8") as handle:
        css = handle.read()
    colours = dict(re.findall(r"(--[a-z-]+):\s*(#[0-9a-f]{6})", css))
    assert _contrast(colours[foreground], colours[background]) >= minimum
