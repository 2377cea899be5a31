"""The join link: only for registered people, only from the set time before the start."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from live import services
from tests import factories

pytestmark = pytest.mark.django_db


def _at(session, minutes_before_start: int):
    return session.starts_at - datetime.timedelta(minutes=minutes_before_start)


@pytest.fixture
def soon_session(course_session):
    """Starts in 30 minutes; the link opens 15 minutes before."""
    course_session.starts_at = timezone.now() + datetime.timedelta(minutes=30)
    course_session.join_opens_minutes = 15
    course_session.save_revision().publish()
    return course_session


def test_the_page_hides_the_link_until_it_opens_and_shows_it_from_then(
    learner_client, enrolled, soon_session, clock
):
    services.registration_create(session=soon_session, user=enrolled)
    url = soon_session.get_url()
    join = reverse("live:join", args=[soon_session.pk])

    clock(_at(soon_session, 16))
    page = learner_client.get(url).content.decode()
    assert join not in page
    assert "meet.example.org" not in page
    assert learner_client.get(join)["Location"] == url

    clock(_at(soon_session, 15))
    assert join in learner_client.get(url).content.decode()
    assert learner_client.get(join)["Location"] == "https://meet.example.org/room-1"


def test_someone_not_registered_never_gets_the_link(client, soon_session, clock):
    other = factories.make_learner()
    client.force_login(other)
    clock(_at(soon_session, 5))
    assert "meet.example.org" not in client.get(soon_session.get_url()).content.decode()
    assert client.get(reverse("live:join", args=[soon_session.pk])).status_code == 404


def test_a_waitlisted_person_does_not_get_the_link(client, course, soon_session, enrolled, clock):
    services.registration_create(session=soon_session, user=enrolled)  # the only place
    second = factories.make_learner()
    factories.make_enrolment(learner=second, course=course)
    services.registration_create(session=soon_session, user=second)
    client.force_login(second)
    clock(_at(soon_session, 5))
    response = client.get(reverse("live:join", args=[soon_session.pk]))
    assert response["Location"] == soon_session.get_url()


def test_the_join_link_must_be_https(course_session):
    from django.core.exceptions import ValidationError

    course_session.join_url = "http://meet.example.org/room"
    with pytest.raises(ValidationError) as refused:
        course_session.full_clean()
    assert "join_url" in refused.value.message_dict


def test_the_editor_asks_for_a_course_for_a_standalone_course_session(superuser_client, catalog):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add", args=["live", "livesessionpage", catalog.pk])
    assert superuser_client.get(url).status_code == 200
    response = superuser_client.post(
        url,
        {
            "title": "Standalone",
            "slug": "standalone",
            "description": '{"blocks": [], "entityMap": {}}',
            "course": "",
            "cohort": "",
            "starts_at": "2027-03-01 10:00",
            "duration_minutes": "60",
            "reference_time_zone": "UTC",
            "session_language": "en",
            "audience": "course",
            "capacity": "10",
            "join_url": "https://meet.example.org/x",
            "join_opens_minutes": "15",
        },
    )
    assert response.status_code == 200
    assert "Choose the course whose learners may register." in response.content.decode()


def test_a_public_registrants_personal_link_leads_to_the_meeting_only_from_the_set_time(
    client, public_session, clock
):
    registration = services.public_registration_create(
        session=public_session,
        name="Rosa",
        email="rosa@example.org",
        country="MZ",
        affiliation_type="other",
        consent=True,
        language="pt",
    )
    url = reverse("live:access", args=[registration.token])
    clock(_at(public_session, 16))
    assert "?go=1" not in client.get(url).content.decode()
    assert client.get(url + "?go=1")["Location"] == url
    clock(_at(public_session, 14))
    assert "?go=1" in client.get(url).content.decode()
    assert client.get(url + "?go=1")["Location"] == "https://meet.example.org/room-1"
    assert client.get(reverse("live:access", args=["not-a-token"])).status_code == 404
