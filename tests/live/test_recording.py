"""The recording and transcript of a past session, attached afterwards as a lesson beside it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, LessonPage
from live import services
from lms import roles
from tests import factories
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db

RECORDING = "https://video.example.org/recordings/42"
TRANSCRIPT = "Good morning.\n\nToday: <script>alert(1)</script> & grooming patterns."


@pytest.fixture
def lead_client(client):
    client.force_login(factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True))
    return client


@pytest.fixture
def past_session(module):
    return make_live_session(
        parent=module,
        audience="course",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        title="Grooming patterns",
    )


def _attach(client, session, **values):
    data = {"recording_url": RECORDING, "transcript": TRANSCRIPT, **values}
    return client.post(reverse("live_recording", args=[session.pk]), data)


def test_a_lead_trainer_publishes_the_recording_as_an_optional_lesson_after_the_session(
    lead_client, module, past_session
):
    assert lead_client.get(reverse("live_recording", args=[past_session.pk])).status_code == 200
    response = _attach(lead_client, past_session)
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug=f"{past_session.slug}-recording")
    assert lesson.live and not lesson.required
    assert lesson.title == "Recording: Grooming patterns"
    siblings = list(module.get_children().specific().values_list("pk", flat=True))
    assert siblings.index(lesson.pk) == siblings.index(past_session.pk) + 1


def test_the_lesson_links_the_recording_and_shows_the_transcript_escaped(
    lead_client, client, enrolled, past_session
):
    _attach(lead_client, past_session)
    lesson = LessonPage.objects.get(slug=f"{past_session.slug}-recording")
    client.force_login(enrolled)
    html = client.get(lesson.url).content.decode()
    assert f'href="{RECORDING}"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; grooming patterns." in html
    assert "<script>alert(1)" not in html


def test_sending_the_form_again_updates_the_same_lesson(lead_client, past_session):
    _attach(lead_client, past_session)
    _attach(lead_client, past_session, recording_url="https://video.example.org/v2")
    (lesson,) = LessonPage.objects.filter(slug=f"{past_session.slug}-recording")
    assert "https://video.example.org/v2" in str(lesson.body[0].value)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"recording_url": "http://video.example.org/1"}, "starting with https://"),
        ({"recording_url": "javascript:alert(1)"}, "starting with https://"),
        ({"recording_url": ""}, "starting with https://"),
        (
            {"transcript": "x" * (services.TRANSCRIPT_MAX_LENGTH + 1)},
            "The transcript is longer than",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(
    lead_client, past_session, values, message
):
    response = _attach(lead_client, past_session, **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LessonPage.objects.filter(slug=f"{past_session.slug}-recording").exists()


def test_a_standalone_session_cannot_have_a_recording_lesson(client, catalog):
    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    standalone = make_live_session(parent=catalog)
    response = _attach(client, standalone)
    assert response.status_code == 400
    assert "Only a session that is a step of a module" in response.content.decode()


def test_the_recording_lesson_changes_nobodys_completion(lead_client, enrolled, past_session):
    before = Enrolment.objects.get(learner=enrolled).progress_percent
    _attach(lead_client, past_session)
    assert Enrolment.objects.get(learner=enrolled).progress_percent == before


def test_the_ended_sessions_page_links_its_recording_in_a_fixed_number_of_queries(
    lead_client, enrolled, past_session
):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    learner = Client()
    learner.force_login(enrolled)

    def visit():
        with CaptureQueriesContext(connection) as queries:
            html = learner.get(past_session.url).content.decode()
        return html, len(queries)

    visit()
    html, without = visit()
    assert "Watch the recording" not in html
    _attach(lead_client, past_session)
    lesson = LessonPage.objects.get(slug=f"{past_session.slug}-recording")
    visit()
    html, with_recording = visit()
    assert f'<a href="{lesson.url}">Watch the recording and read the transcript</a>' in html
    assert with_recording == without <= 26


def test_a_coordinator_and_another_courses_trainer_may_not_attach_a_recording(
    client, course, past_session
):
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    other = factories.make_course_trainer(course=factories.make_course(modules=1, lessons=1))
    for person in (coordinator, other):
        client.force_login(person)
        assert _attach(client, past_session).status_code in (302, 403)
    assert not LessonPage.objects.filter(slug=f"{past_session.slug}-recording").exists()


def test_a_trainers_recording_lesson_waits_for_the_course_review(client, course, past_session):
    client.force_login(factories.make_course_trainer(course=course))
    assert client.get(reverse("live_recording", args=[past_session.pk])).status_code == 200
    response = _attach(client, past_session)
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug=f"{past_session.slug}-recording")
    assert not lesson.live
    assert lesson.workflow_in_progress
    assert "Course review" in client.get(response["Location"]).content.decode()
