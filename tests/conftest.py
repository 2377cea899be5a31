"""Shared fixtures: a database with the demo site tree, clients signed in as each persona."""

import os

import pytest
from django.core.cache import cache
from django.db import connection

from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse the live server's database work from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Refuse transactional tests without serialized rollback (see ``unserialized_tests``).
    Tests marked ``postgres`` need concurrent writers and row locks: skipped on SQLite."""
    offenders = unserialized_tests(items)
    if offenders:
        raise pytest.UsageError(UNSERIALIZED_MESSAGE + "".join(f"\n  {o}" for o in offenders))
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (concurrent writers, row locks)")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


UNSERIALIZED_MESSAGE = (
    "These tests run outside a transaction (transactional_db, live_server, "
    "django_db(transaction=True) or a TransactionTestCase) without serialized rollback. "
    "Such a test empties every table when it ends, the rows that migrations made included "
    "(the root page, the locales, the role groups), and later tests in the same process need "
    "them. Mark it pytest.mark.django_db(transaction=True, serialized_rollback=True) (a "
    "TransactionTestCase: serialized_rollback = True). Browser tests too: the demo fixture "
    "copies the seeded demo in when the test starts, but only serialized rollback puts the "
    "migrations' rows back when it ends."
)


def unserialized_tests(items) -> list[str]:
    """The ids of the transactional tests among ``items`` that do not ask for serialized
    rollback, read as pytest-django reads them (its marker, its fixtures, the test class).

    Nothing is exempt: every transactional test flushes the database at its end, so every
    one must put back what migrate made.
    """
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    found = []
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, TransactionTestCase):
            transactional = not issubclass(cls, TestCase)
            serialized = getattr(cls, "serialized_rollback", False)
        else:
            marker = item.get_closest_marker("django_db")
            transaction = reset_sequences = serialized = False
            if marker is not None:
                transaction, reset_sequences, _, serialized, _ = validate_django_db(marker)
            transactional = (
                transaction
                or reset_sequences
                or any(
                    name in fixtures
                    for name in ("transactional_db", "live_server", "django_db_reset_sequences")
                )
            )
        serialized = serialized or "django_db_serialized_rollback" in fixtures
        if transactional and not serialized:
            found.append(item.nodeid)
    return found


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Start from the migrated template that scripts/test made, when there is one."""
    from tests.db_template import use_template

    use_template()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database, plus the home page translated into fr, pt and es.

    Most tests need the four home pages; making them once per test process instead of once
    per test saves about 0.3 s a test. Tests roll back to this state. A transactional test
    flushes it, so the ``home_pages`` fixture still makes them when they are missing.
    """
    from curriculum.demo.home import home_pages_ensure

    with django_db_blocker.unblock():
        home_pages_ensure()


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    # A request in another language leaves that language active in the thread afterwards;
    # tests that call services directly expect the default language.
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _rate_limit_windows_hold_still(monkeypatch):
    # The limits count hits in fixed one-minute windows: a test that sends the limit's worth
    # of requests across a minute boundary started a fresh window and got 200 instead of 429
    # (seen once in a loaded CI run). Each test sees one moment; a test may move it.
    import time

    from lms import ratelimit

    moment = time.time()
    monkeypatch.setattr(ratelimit, "now", lambda: moment)


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits and TOTP replay guard live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache_on(settings):
    """The shared cache as production uses it (pages, outlines, routes and links kept), from
    an empty cache; the suite's settings leave it off (config/settings/test.py)."""
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_pages(db, django_capture_on_commit_callbacks):
    """The home page in English and its three translations, made through wagtail-localize
    (already there unless a transactional test flushed the database: see django_db_setup)."""
    from curriculum.demo.home import home_pages_ensure
    from lms.models import HomePage

    # wagtail-localize publishes translations on commit, which a test transaction never reaches.
    with django_capture_on_commit_callbacks(execute=True):
        home_pages_ensure()
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture
def catalog(home_pages):
    return factories.make_catalog(home_pages["en"])


@pytest.fixture
def coordinator(db):
    """A coordinator with two-factor set up (assign courses with make_course_assignment)."""
    from lms import roles

    return factories.make_staff(role=roles.COORDINATOR, with_totp=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def learner(db):
    return factories.make_learner()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture(scope="session", autouse=True)
def _remove_uploaded_files():
    """Delete this test process's media folder (config.settings.test makes one per process)."""
    import shutil

    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
