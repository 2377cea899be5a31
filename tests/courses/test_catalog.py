"""The catalog: filters, search and the current language."""

import pytest

from courses.models import CoursePage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


@pytest.fixture(scope="module")
def three_courses(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end (as the access
    matrix's world); each test runs in a savepoint within it. Building the three courses and
    their search index took 3 to 4 s of set-up a test on PostgreSQL."""
    from django.db import transaction
    from django.test import TestCase

    from curriculum.demo.home import home_pages_ensure

    with django_db_blocker.unblock(), transaction.atomic():
        # The search index and wagtail-localize's translations update on commit.
        with TestCase.captureOnCommitCallbacks(execute=True):
            home_pages_ensure()  # gone if a transactional test ran before in this process
            catalog = factories.make_catalog()
            phones = factories.make_course(
                index=catalog, title="Phones", level=CoursePage.Level.INTERMEDIATE
            )
            phones.topics.add("mobile forensics")
            phones.save_revision().publish()
            coins = factories.make_course(
                index=catalog, title="Coins", pacing=CoursePage.Pacing.COHORT_PACED, modules=1
            )
            module = coins.get_children().first()
            factories.make_lesson(
                module=module,
                body=[("rich_text", "<p>Tracing a blockchain transaction graph.</p>")],
            )
            darknet = factories.make_course(index=catalog, title="Hidden services")
        yield phones, coins, darknet
        transaction.set_rollback(True)


def titles(response):
    return [course.title for course in response.context["catalog"].courses]


def test_catalog_lists_every_live_course(client, catalog, three_courses):
    assert titles(client.get(catalog.url)) == ["Phones", "Coins", "Hidden services"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=mobile-forensics", ["Phones"]),
        ("pacing=cohort", ["Coins"]),
        ("level=intermediate", ["Phones"]),
        ("level=nonsense", ["Phones", "Coins", "Hidden services"]),
        ("q=blockchain", ["Coins"]),
        ("q=Hidden", ["Hidden services"]),
        ("q=zzzz", []),
    ],
)
def test_catalog_filters_and_search(client, catalog, three_courses, query, expected):
    response = client.get(f"{catalog.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_untranslated_courses_appear_in_another_language_marked_as_such(
    client, catalog, three_courses, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.translate_tree(three_courses[0], "es")
    response = client.get("/es/")
    html = response.content.decode()
    assert "Phones" in html
    assert 'lang="en" hreflang="en">Coins' in html
