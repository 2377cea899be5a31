"""The production cache (Redis): rate limits and sessions cost no database write on a read.

scripts/test starts a Redis server and sets LMS_TEST_REDIS_URL; these tests then use it the
way the production settings do (RedisCache, cached_db sessions). Each test has its own key
prefix, so parallel workers sharing the server never see each other's keys.
"""

import os
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from lms import ratelimit
from tests import factories
from tests.certificates.test_credential_check import certificate  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def redis_url() -> str:
    url = os.environ.get("LMS_TEST_REDIS_URL")
    if not url:
        if os.environ.get("LMS_REQUIRE_REDIS"):
            pytest.fail("LMS_REQUIRE_REDIS is set but LMS_TEST_REDIS_URL is not.")
        pytest.skip("No Redis server (scripts/test starts one and sets LMS_TEST_REDIS_URL).")
    return url


@pytest.fixture
def redis_cache(settings):
    prefix = f"test-{uuid.uuid4().hex}"
    options = {"BACKEND": "lms.redis_cache.KeptClientRedisCache"}  # as in production
    settings.CACHES = {"default": {**options, "LOCATION": redis_url(), "KEY_PREFIX": prefix}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def writes(queries) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def test_verifying_a_certificate_writes_nothing_to_the_database(
    client,
    redis_cache,
    certificate,  # noqa: F811
):
    for path in (f"/en/verify/{certificate.code}/", f"/en/verify/{certificate.code}.json"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert writes(queries) == [], path


def test_a_signed_in_learners_pages_write_nothing_to_the_database(client, redis_cache, catalog):
    learner = factories.make_learner()
    client.force_login(learner)
    client.get("/en/learn/")  # the first request after sign-in may set the idle timer
    for path in ("/en/learn/", "/en/courses/", "/en/learn/grades/", "/en/learn/calendar/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        assert writes(queries) == [], path


def test_a_session_is_read_from_the_cache_and_survives_losing_it(client, redis_cache, catalog):
    client.force_login(factories.make_learner())
    client.get("/en/learn/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/learn/")
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)

    prefix = redis_cache.key_prefix
    session_keys = list(redis_cache._cache.get_client().scan_iter(f"{prefix}:*session*"))
    assert session_keys  # the session was in Redis
    redis_cache._cache.get_client(write=True).delete(*session_keys)
    response = client.get("/en/learn/")
    assert response.status_code == 200  # read back from the database, not signed out


def test_two_app_servers_share_one_rate_limit(redis_cache, settings):
    """Two processes' cache clients on one Redis count the same window."""
    location = settings.CACHES["default"]["LOCATION"]
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    servers = [RedisCache(location, {"KEY_PREFIX": prefix}) for _ in range(2)]
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    answers = []
    for hit in range(6):
        with mock.patch.object(ratelimit, "cache", servers[hit % 2]):
            answers.append(ratelimit.allow(request, action="test", limit=4))
    assert answers == [True, True, True, True, False, False]


def test_public_pages_are_kept_in_redis_and_dropped_on_publish(
    client, redis_cache, settings, catalog
):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    course = factories.make_course(index=catalog, title="Kept in Redis", modules=1)
    assert client.get(course.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(course.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    course.title = "Published again"
    course.save_revision().publish()
    assert "Published again" in client.get(course.url).content.decode()


def test_a_rate_limit_check_is_one_round_trip_to_redis(redis_cache):
    """Counting a hit creates the counter and increments it in one exchange with Redis."""
    from redis.connection import Connection

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.10")
    ratelimit.allow(request, action="trip", limit=2)  # opens the connection
    with mock.patch.object(
        Connection,
        "send_packed_command",
        autospec=True,
        side_effect=Connection.send_packed_command,
    ) as sent:
        answers = [ratelimit.allow(request, action="trip", limit=2) for _ in range(2)]
    assert answers == [True, False]
    assert sent.call_count == 2


def test_the_production_cache_keeps_one_redis_client(redis_cache):
    redis_cache.set("first", 1)
    client = redis_cache._cache.get_client(write=True)
    # Django's own backend builds a client (and its 170 callbacks) for every operation.
    with mock.patch("redis.Redis.__init__", side_effect=AssertionError("a new client")):
        redis_cache.set("second", 2)
        assert redis_cache.get_many(["first", "second"]) == {"first": 1, "second": 2}
        assert redis_cache.incr("first") == 2
    assert redis_cache._cache.get_client(write=True) is client
