"""A lesson request at speed (issue 16): the body rendered once per revision and language,
the visit written at most once per learner and lesson every few minutes."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import Enrolment
from tests.courses.test_blocks import EVIDENCE, every_block, rich_lesson  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _enrolment_updates(queries) -> int:
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith("UPDATE") and "courses_enrolment" in query["sql"]
    )


def test_two_views_of_a_lesson_write_the_visit_once(learner_client, enrolled, lessons):
    with CaptureQueriesContext(connection) as first:
        learner_client.get(lessons[1].url)
    with CaptureQueriesContext(connection) as second:
        learner_client.get(lessons[1].url)
    assert (_enrolment_updates(first), _enrolment_updates(second)) == (1, 0)
    assert Enrolment.objects.get(pk=enrolled.pk).last_lesson_id == lessons[1].pk


def test_a_view_after_the_interval_writes_again(learner_client, enrolled, lessons):
    learner_client.get(lessons[1].url)
    earlier = Enrolment.objects.get(pk=enrolled.pk).last_activity_at
    aged = earlier - services.VISIT_WRITE_INTERVAL - datetime.timedelta(seconds=1)
    Enrolment.objects.filter(pk=enrolled.pk).update(last_activity_at=aged)
    with CaptureQueriesContext(connection) as queries:
        learner_client.get(lessons[1].url)
    assert _enrolment_updates(queries) == 1
    assert Enrolment.objects.get(pk=enrolled.pk).last_activity_at > aged


def test_another_lesson_is_remembered_at_once(learner_client, enrolled, lessons):
    for lesson in (lessons[1], lessons[2], lessons[1]):
        learner_client.get(lesson.url)
        assert Enrolment.objects.get(pk=enrolled.pk).last_lesson_id == lesson.pk


def test_the_body_is_kept_per_revision(client, kept, rich_lesson):  # noqa: F811
    first = client.get(rich_lesson.url).content.decode()
    assert "<h2>Seizure</h2>" in first
    # Changed in the database without a revision: the kept body is served.
    type(rich_lesson).objects.filter(pk=rich_lesson.pk).update(body=[])
    assert "<h2>Seizure</h2>" in client.get(rich_lesson.url).content.decode()
    # A published revision is a new key: the change shows at once.
    lesson = type(rich_lesson).objects.get(pk=rich_lesson.pk)
    lesson.body = [("heading", {"text": "Isolation", "level": "h2"})]
    lesson.save_revision().publish()
    again = client.get(rich_lesson.url).content.decode()
    assert "<h2>Isolation</h2>" in again and "<h2>Seizure</h2>" not in again


def test_the_body_is_kept_per_language(kept, rich_lesson, rf):  # noqa: F811
    from django.utils import translation

    from courses.templatetags.courses_tags import _body_key

    request = rf.get(rich_lesson.url)
    keys = set()
    for code in ("en", "fr", "pt", "es"):
        with translation.override(code):
            keys.add(_body_key(rich_lesson, request))
    assert len(keys) == 4 and None not in keys
    with translation.override("fr"):
        assert _body_key(rich_lesson, rf.get(rich_lesson.url, {"check": "x"})) is None


def test_a_knowledge_check_answer_is_rendered_for_its_reader(client, kept, rich_lesson):  # noqa: F811
    block_id = next(b.id for b in rich_lesson.body if b.block_type == "knowledge_check")
    client.get(rich_lesson.url)  # the body is kept, without feedback
    answered = client.get(f"{rich_lesson.url}?check={block_id}&answer=0").content.decode()
    assert "Correct." in answered and "Unix time starts in 1970." in answered
    assert "Correct." not in client.get(rich_lesson.url).content.decode()


def test_the_mark_as_complete_form_is_the_readers_own(learner_client, kept, enrolled, lessons):
    html = learner_client.get(lessons[0].url).content.decode()
    assert "Mark as complete" in html and "csrfmiddlewaretoken" in html
    services.lesson_complete(learner=enrolled.learner, lesson=lessons[0])
    html = learner_client.get(lessons[0].url).content.decode()
    assert "You have completed this lesson." in html and "Mark as complete" not in html


def test_a_kept_body_saves_the_rendering(client, kept, rich_lesson, monkeypatch):  # noqa: F811
    from wagtail.blocks import StreamValue

    client.get(rich_lesson.url)
    rendered = []
    original = StreamValue.StreamChild.render_as_block

    def counting(self, context=None):
        rendered.append(self.block_type)
        return original(self, context=context)

    monkeypatch.setattr(StreamValue.StreamChild, "render_as_block", counting)
    assert "<h2>Seizure</h2>" in client.get(rich_lesson.url).content.decode()
    assert rendered == []


def test_with_the_cache_off_every_request_renders(client, rich_lesson):  # noqa: F811
    # The suite's settings: LMS_PAGE_CACHE_SECONDS = 0.
    client.get(rich_lesson.url)
    type(rich_lesson).objects.filter(pk=rich_lesson.pk).update(body=[])
    assert "<h2>Seizure</h2>" not in client.get(rich_lesson.url).content.decode()
