"""One request reads the page cache's generations once (issue 16).

The route, the course outline, the sidebar, the lesson body and the language links are each
kept under the pages' generation; reading it for each cost a round trip to Redis apiece. The
middleware now reads it once per request, and a change made during the request is still seen
by the rest of it.
"""

from unittest import mock

import pytest
from django.core.cache import cache

from courses import services
from courses.models import LessonPage
from lms import page_cache
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def _generation_reads(client, url) -> int:
    """How many times a request asks the cache for the pages' generation (every read of it
    is a ``get_many``, with the other scopes' and often with what is kept under it)."""
    from django.core.cache import cache as default_cache

    reads = []
    get_many = default_cache.get_many

    def spy_get_many(keys, *args, **kwargs):
        reads.append(page_cache.GENERATION_KEY in keys)
        return get_many(keys, *args, **kwargs)

    with mock.patch.object(default_cache, "get_many", spy_get_many):
        assert client.get(url).status_code == 200
    return reads.count(True)


def test_a_signed_in_lesson_reads_the_generations_once(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=2, lessons=2)
    services.enrolment_create(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    learner_client.get(lesson.url)
    # The route, the outline, the sidebar, the body and the language links are all kept
    # under it; the route's read brings it for the others.
    assert _generation_reads(learner_client, lesson.url) == 1
    assert _generation_reads(learner_client, "/en/learn/") == 1


def test_the_site_of_a_signed_in_request_is_kept_until_a_site_changes(
    learner_client, learner, catalog
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    course = factories.make_course(index=catalog, modules=1, lessons=2)
    services.enrolment_create(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()

    def site_queries():
        with CaptureQueriesContext(connection) as queries:
            assert learner_client.get(lesson.url).status_code == 200
        return sum("wagtailcore_site" in query["sql"] for query in queries.captured_queries)

    site_queries()
    assert site_queries() == 0
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Cybercrime Academy (staging)"
    site.save()
    assert site_queries() > 0  # the site (and Wagtail's own root paths) read again
    assert site_queries() == 0


def test_a_change_made_in_the_request_is_seen_by_the_rest_of_it():
    with page_cache.request_generations():
        before = page_cache.generation()
        assert page_cache.generation() == before
        page_cache.invalidate()
        assert page_cache.generation() > before


def test_outside_a_request_every_read_asks_the_cache():
    before = page_cache.generation()
    cache.incr(page_cache.GENERATION_KEY)
    assert page_cache.generation() == before + 1


def test_an_emptied_cache_never_brings_back_an_earlier_generation():
    """Processes keep what they unpickled under a generation (courses.selectors): after Redis
    restarts or is flushed, the count starts from the clock, not from 1 again."""
    seen = set()
    for _ in range(3):
        seen.add(page_cache.generation())
        page_cache.invalidate()
        seen.add(page_cache.generation())
        cache.clear()
    assert page_cache.generation() not in seen
    assert len(seen) == 6
