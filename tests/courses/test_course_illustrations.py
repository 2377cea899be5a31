"""Each programme's abstract drawing on its catalog card and at the top of its course page."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from courses.models import CoursePage
from tests import factories

pytestmark = pytest.mark.django_db

CATALOG_BUDGET = 16  # as in tests/courses/test_queries.py


def test_the_catalog_card_shows_the_courses_illustration(client, catalog):
    factories.make_course(index=catalog, title="Ledger work", illustration="blocks")
    html = client.get(catalog.url).content.decode()
    card = html.split('<li class="course-card">', 1)[1].split("</li>", 1)[0]
    assert 'class="course-illustration"' in card and 'aria-hidden="true"' in card
    assert "Ledger work" in card


def test_the_course_page_header_shows_the_illustration(client, catalog):
    course = factories.make_course(index=catalog, illustration="device")
    html = client.get(course.url).content.decode()
    header = html.split('<header class="course-header">', 1)[1].split("</header>", 1)[0]
    assert 'class="course-illustration"' in header


def test_a_course_without_an_illustration_draws_nothing(client, catalog):
    course = factories.make_course(index=catalog)
    assert "course-illustration" not in client.get(catalog.url).content.decode()
    assert "course-illustration" not in client.get(course.url).content.decode()


def test_each_illustration_draws_something_different(client, catalog):
    drawings = set()
    for value in CoursePage.Illustration.values:
        course = factories.make_course(index=catalog, illustration=value)
        html = client.get(course.url).content.decode()
        drawings.add(html.split('<svg class="course-illustration"', 1)[1].split("</svg>", 1)[0])
    assert len(drawings) == len(CoursePage.Illustration.values)


def test_an_unknown_value_draws_nothing_rather_than_failing(client, catalog):
    course = factories.make_course(index=catalog)
    CoursePage.objects.filter(pk=course.pk).update(illustration="../../base")
    response = client.get(course.url)
    assert response.status_code == 200 and "course-illustration" not in response.content.decode()


def test_illustrations_add_no_query_to_the_catalog(client, catalog, django_assert_max_num_queries):
    for value in CoursePage.Illustration.values:
        factories.make_course(index=catalog, illustration=value)
    client.get(catalog.url)  # fills Wagtail's site cache
    with django_assert_max_num_queries(CATALOG_BUDGET):
        response = client.get(catalog.url)
    assert response.content.decode().count('<svg class="course-illustration"') == 4


def test_each_of_the_four_investigation_programmes_has_its_own_illustration():
    """The four drawings belong to the four programmes for practitioners; the short course
    for families shows its card with text only."""
    content = Path(settings.BASE_DIR) / "content"
    chosen = {
        folder.name: yaml.safe_load((folder / "course.yaml").read_text()).get("illustration")
        for folder in content.iterdir()
        if (folder / "course.yaml").exists()
    }
    assert chosen.pop("online-safety-families") is None
    assert set(chosen) == {
        "diploma-ocsea", "crypto-investigations", "darknet-investigations", "mobile-forensics"
    }  # fmt: skip
    assert sorted(chosen.values()) == sorted(CoursePage.Illustration.values)
