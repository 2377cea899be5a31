"""Shared fixtures: a database with the demo site tree, clients signed in as each persona."""

import os

import pytest
from django.core.cache import cache

from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse the live server's database work from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    # A request in another language leaves that language active in the thread afterwards;
    # tests that call services directly expect the default language.
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits and TOTP replay guard live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_pages(db, django_capture_on_commit_callbacks):
    """The home page in English and its three translations, made through wagtail-localize."""
    from lms.demo.home import home_pages_ensure
    from lms.models import HomePage

    # wagtail-localize publishes translations on commit, which a test transaction never reaches.
    with django_capture_on_commit_callbacks(execute=True):
        home_pages_ensure()
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture
def catalog(home_pages):
    return factories.make_catalog(home_pages["en"])


@pytest.fixture
def learner(db):
    return factories.make_learner()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture(scope="session", autouse=True)
def _remove_uploaded_files():
    """Delete this test process's media folder (lms.settings.test makes one per process)."""
    import shutil

    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
