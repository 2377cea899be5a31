"""The weight budget for slow connections: a text page's assets, compressed, stay small."""

import gzip
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

from courses.models import LessonPage
from courses.services import enrolment_create
from tests import factories

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 40 * 1024
MAX_REQUESTS = 5


# What a browser fetches when the page opens. Videos are left out: page_weight checks that each
# has preload="none", so nothing is fetched until the learner plays one.
SAME_SITE_ASSET = re.compile(rb'<(?:link|img|script)\b[^>]*?(?:href|src)="(/[^/"][^"]*)"')
ANY_ASSET = re.compile(rb'<(?:link|img|script|source|video|iframe)\b[^>]*?(?:href|src)="([^"]+)"')


def _asset_bytes(client, url: str) -> bytes:
    """A same-site file as the server sends it: static files and uploads read from storage."""
    path = url.split("?", 1)[0]
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        assert found, f"{url} is referenced but not found"
        with open(found, "rb") as handle:
            return handle.read()
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as handle:
            return handle.read()
    response = client.get(url)
    assert response.status_code == 200, f"{url} answers {response.status_code}"
    return b"".join(response.streaming_content) if response.streaming else response.content


def page_weight(client, url) -> tuple[int, int]:
    """Requests and gzip-compressed bytes for a page and every same-site file it references.

    Each stylesheet, icon, image or script named in the HTML counts as one request
    (both favicons count, although a browser fetches one) and its gzip-compressed size, as
    WhiteNoise would serve it, is added to the page's. Nothing may come from another origin.
    """
    response = client.get(url)
    assert response.status_code == 200
    html = response.content
    # The page works without JavaScript: the only script allowed is one that never blocks
    # rendering (the browser's time zone is reported once, while the profile has none), and
    # it is counted in the budget like any other file.
    scripts = re.findall(rb"<script\b[^>]*>", html)
    assert all(b" defer" in script and b" src=" in script for script in scripts), scripts
    videos = re.findall(rb"<video\b[^>]*>", html)
    assert all(b'preload="none"' in video for video in videos), "a video would load at once"
    assets = list(dict.fromkeys(SAME_SITE_ASSET.findall(html)))
    foreign = [
        found
        for found in ANY_ASSET.findall(html)
        if not found.startswith(b"/") or found.startswith(b"//")
    ]
    assert foreign == [], f"assets from another origin: {foreign!r}"
    total = len(gzip.compress(html))
    for asset in assets:
        total += len(gzip.compress(_asset_bytes(client, asset.decode())))
    return 1 + len(assets), total


@pytest.mark.parametrize("url", ["/en/", "/fr/accounts/login/"])
def test_page_and_its_assets_fit_the_budget(client, home_pages, url):
    requests, total = page_weight(client, url)
    assert requests <= MAX_REQUESTS
    assert total <= BUDGET_BYTES, f"{url}: {total} bytes compressed"


LESSON_TEXT = (
    "<p>An investigator who seizes a phone must record its state, isolate it from the "
    "network and keep a chain of custody that a court can follow step by step. "
    "Each action is written down with the time, the person and the reason.</p>"
)


@pytest.fixture
def text_lesson(catalog):
    """A text lesson of about 1,200 words in a course of 6 modules of 8 lessons, with the
    course's illustration set, as an enrolled learner's lesson page (progress sidebar) shows it."""
    course = factories.make_course(index=catalog, modules=6, lessons=8, illustration="device")
    lesson = LessonPage.objects.descendant_of(course).first().specific
    lesson.body = [("heading", {"text": "Preserving the device", "level": "h2"})] + [
        ("rich_text", LESSON_TEXT) for _ in range(30)
    ]
    lesson.save_revision().publish()
    return course, lesson


def test_an_enrolled_learners_text_lesson_fits_the_budget(learner_client, learner, text_lesson):
    course, lesson = text_lesson
    enrolment_create(learner=learner, course=course)
    requests, total = page_weight(learner_client, lesson.url)
    assert requests <= MAX_REQUESTS
    assert total <= BUDGET_BYTES, f"{total} bytes compressed"


class _Served:
    """A stand-in for the test client that serves one page of HTML."""

    def __init__(self, html: bytes):
        self.html = html

    def get(self, url):
        return SimpleNamespace(status_code=200, content=self.html, streaming=False)


def test_the_measure_adds_each_referenced_file_and_its_compressed_size():
    html = (
        b'<html><link rel="stylesheet" href="/static/lms/site.css">'
        b'<link rel="icon" href="/static/lms/favicon.svg" type="image/svg+xml">'
        b'<img src="/static/lms/logo.svg" alt="Cybercrime Academy"></html>'
    )
    expected = len(gzip.compress(html))
    for name in ("site.css", "favicon.svg", "logo.svg"):
        with open(finders.find(f"lms/{name}"), "rb") as handle:
            expected += len(gzip.compress(handle.read()))
    assert page_weight(_Served(html), "/") == (4, expected)


def test_a_video_that_would_load_with_the_page_fails_the_measure():
    html = b'<html><video controls><source src="/media/x.mp4"></video></html>'
    with pytest.raises(AssertionError, match="would load at once"):
        page_weight(_Served(html), "/")


@pytest.mark.parametrize(
    "tag",
    [
        b'<link rel="stylesheet" href="https://cdn.example.org/x.css">',
        b'<img src="http://images.example.org/x.png" alt="">',
        b'<link rel="stylesheet" href="//cdn.example.org/x.css">',
    ],
)
def test_files_from_another_origin_fail_the_measure(tag):
    with pytest.raises(AssertionError, match="another origin"):
        page_weight(_Served(b"<html>" + tag + b"</html>"), "/")


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
