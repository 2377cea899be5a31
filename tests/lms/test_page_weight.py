"""The weight budget for slow connections: a text page's assets, compressed, stay small."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 40 * 1024
MAX_REQUESTS = 5


@pytest.mark.parametrize("url", ["/en/", "/fr/accounts/login/"])
def test_page_and_its_assets_fit_the_budget(client, home_pages, url):
    html = client.get(url).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    requests = 1 + len(assets)
    total = len(gzip.compress(html))
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, f"{asset!r} is referenced but not found"
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert requests <= MAX_REQUESTS
    assert total <= BUDGET_BYTES, f"{url}: {total} bytes compressed"
    assert b"<script" not in html  # the page works without JavaScript
