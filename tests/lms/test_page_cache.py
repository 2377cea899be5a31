"""Public pages kept for visitors who are not signed in (lms.page_cache, issue 16)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    settings.LMS_PAGE_CACHE_SHARED_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, title="Phone seizure basics", modules=1)


def test_a_public_page_is_served_again_without_the_database(client, course):
    first = client.get(course.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(course.url)
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert again.content == first.content


@pytest.mark.parametrize("path", ["/en/", "/en/courses/"])
def test_home_and_catalog_are_kept_too(client, course, path):
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"


def test_publishing_a_page_drops_what_was_kept(client, course):
    client.get(course.url)
    course.title = "Phone seizure, revised"
    course.save_revision().publish()
    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Phone seizure, revised" in response.content.decode()


def test_unpublishing_drops_it(client, course):
    client.get(course.url)
    course.unpublish()
    assert client.get(course.url).status_code == 404


def test_a_signed_in_persons_page_is_never_kept_nor_served_from_the_cache(client, course):
    learner = factories.make_learner(email="kept@example.org")
    client.force_login(learner)
    signed_in = client.get(course.url)
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]

    client.logout()
    client.cookies.clear()
    anonymous = client.get(course.url)
    assert anonymous["X-Page-Cache"] == "miss"  # nothing of the learner's was stored
    assert "kept@example.org" not in anonymous.content.decode()

    client.force_login(learner)
    assert "X-Page-Cache" not in client.get(course.url)  # the kept copy is not served


def test_an_expired_session_cookie_bypasses_the_cache(client, settings, course):
    client.get(course.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    assert "X-Page-Cache" not in client.get(course.url)


def test_a_pending_message_bypasses_the_cache(client, course):
    client.get(course.url)
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(course.url)


def test_a_kept_page_tells_shared_caches_how_long_and_browsers_to_check_again(client, course):
    for response in (client.get(course.url), client.get(course.url)):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=60"} <= control
        assert "Cookie" in response["Vary"]


def test_a_kept_page_still_sets_the_language_cookie(client, settings, course):
    client.get("/fr/")  # fills the cache for /fr/ and sets the cookie to fr
    client.get("/en/")
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    kept = client.get("/fr/")
    assert kept["X-Page-Cache"] == "hit"
    assert kept.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_query_strings_and_time_zones_are_kept_apart(client, settings, course):
    client.get("/en/courses/")
    assert client.get("/en/courses/?topic=other")["X-Page-Cache"] == "miss"
    client.cookies[settings.LMS_TIME_ZONE_COOKIE_NAME] = "America/Sao_Paulo"
    assert client.get("/en/courses/")["X-Page-Cache"] == "miss"


def test_pages_that_are_not_wagtail_pages_are_not_kept(client, course):
    client.get("/en/accounts/login/")
    assert "X-Page-Cache" not in client.get("/en/accounts/login/")


def test_turned_off_it_keeps_nothing(client, settings, course):
    settings.LMS_PAGE_CACHE_SECONDS = 0
    client.get(course.url)
    assert "X-Page-Cache" not in client.get(course.url)
