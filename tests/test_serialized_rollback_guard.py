"""The collection-time guard of tests/conftest.py: a transactional test must ask for serialized
rollback, or the migrations' rows it flushes are missing for the tests that follow."""

from types import SimpleNamespace

import pytest
from django.test import TestCase, TransactionTestCase

from tests.conftest import UNSERIALIZED_MESSAGE, unserialized_tests


def item(nodeid, *, marker=None, fixtures=(), cls=None):
    return SimpleNamespace(
        nodeid=nodeid,
        fixturenames=list(fixtures),
        cls=cls,
        get_closest_marker=lambda name: marker if name == "django_db" else None,
    )


class Serialized(TransactionTestCase):
    serialized_rollback = True


class Plain(TestCase):
    pass


def test_only_transactional_tests_without_serialized_rollback_are_refused():
    items = [
        item("flushes", marker=pytest.mark.django_db(transaction=True).mark),
        item("positional", marker=pytest.mark.django_db(True).mark),
        item("fixture", fixtures=["transactional_db"]),
        item("browser", fixtures=["demo", "live_server", "transactional_db"]),
        item("unittest", cls=TransactionTestCase),
        item(
            "kept",
            marker=pytest.mark.django_db(transaction=True, serialized_rollback=True).mark,
        ),
        item("kept by fixture", fixtures=["transactional_db", "django_db_serialized_rollback"]),
        item(
            "browser kept",
            marker=pytest.mark.django_db(transaction=True, serialized_rollback=True).mark,
            fixtures=["demo", "live_server", "transactional_db"],
        ),
        item("unittest kept", cls=Serialized),
        item("rolled back", marker=pytest.mark.django_db.mark, fixtures=["db"]),
        item("unittest rolled back", cls=Plain),
        item("no database"),
    ]
    assert unserialized_tests(items) == ["flushes", "positional", "fixture", "browser", "unittest"]


def test_the_message_says_what_to_write():
    assert "django_db(transaction=True, serialized_rollback=True)" in UNSERIALIZED_MESSAGE
