"""Which page a path leads to, kept in the shared cache until a page is published, moved or
deleted (lms.page_cache, issue 16): Wagtail's routing costs about seven queries a request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def lesson(catalog, learner_client, learner):
    course = factories.make_course(index=catalog, modules=2, lessons=2)
    factories.make_enrolment(learner=learner, course=course)
    return LessonPage.objects.descendant_of(course).order_by("path")[1]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_routed_path_is_served_again_with_fewer_queries(learner_client, lesson, settings):
    first, routed = _queries(learner_client, lesson.url)
    again, kept = _queries(learner_client, lesson.url)
    assert first.status_code == again.status_code == 200
    assert lesson.title in again.content.decode()
    settings.LMS_PAGE_CACHE_SECONDS = 0
    _response, unkept = _queries(learner_client, lesson.url)
    assert kept <= unkept - 4


def test_an_unpublished_page_is_not_found_at_once(learner_client, lesson):
    learner_client.get(lesson.url)
    lesson.unpublish()
    assert learner_client.get(lesson.url).status_code == 404


def test_a_renamed_page_moves_at_once(learner_client, lesson):
    old_url = lesson.url
    learner_client.get(old_url)
    lesson.slug = "renamed-lesson"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert learner_client.get(lesson.url).status_code == 200
    assert learner_client.get(old_url).status_code == 404


def test_view_restrictions_are_still_checked(client, catalog):
    from wagtail.models import PageViewRestriction

    from lms.models import HomePage

    page = HomePage(title="Members only soon", slug="members-soon")
    catalog.get_parent().add_child(instance=page)
    page.save_revision().publish()
    client.force_login(factories.make_learner())
    assert client.get(page.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(page.url)
    assert "<h1>Password required</h1>" in response.content.decode()
    restriction.delete()


def test_a_kept_route_skips_the_view_restriction_queries_of_an_unrestricted_page(
    learner_client, lesson
):
    learner_client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert learner_client.get(lesson.url).status_code == 200
    assert not any("wagtailcore_pageviewrestriction" in q["sql"] for q in queries)


def test_a_restriction_added_to_an_ancestor_applies_at_once(learner_client, lesson):
    from wagtail.models import PageViewRestriction

    learner_client.get(lesson.url)
    course = lesson.get_parent().get_parent()
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = learner_client.get(lesson.url)
    assert "<h1>Password required</h1>" in response.content.decode()


def test_a_restricted_page_is_checked_on_every_request(learner_client, lesson):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(3):
        response = learner_client.get(lesson.url)
        assert "<h1>Password required</h1>" in response.content.decode()
