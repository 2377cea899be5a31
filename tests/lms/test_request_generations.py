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

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_signed_in_lesson_reads_the_generations_once(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=2, lessons=2)
    services.enrolment_create(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    learner_client.get(lesson.url)
    read = page_cache._generations_read
    with mock.patch.object(page_cache, "_generations_read", wraps=read) as reads:
        response = learner_client.get(lesson.url)
    assert response.status_code == 200
    assert reads.call_count == 1


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
