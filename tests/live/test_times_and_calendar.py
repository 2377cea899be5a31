"""Times in the viewer's zone and the session's reference zone; the session's .ics file."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from live import ical
from tests.live.factories import make_live_session

pytestmark = pytest.mark.django_db

# Lisbon moves its clocks forward at 01:00 UTC on 28 March 2027: the session starts in
# winter time (WET, UTC+0) and ends in summer time (WEST, UTC+1).
ACROSS_DST = datetime.datetime(2027, 3, 28, 0, 30, tzinfo=datetime.UTC)


@pytest.fixture
def dst_session(catalog):
    return make_live_session(
        parent=catalog,
        title='Sextortion: "first steps", reporting; escalation',
        starts_at=ACROSS_DST,
        duration_minutes=120,
        reference_time_zone="Europe/Lisbon",
    )


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [
        # UTC−6 all year (Mexico City keeps no summer time since 2022).
        ("America/Mexico_City", "March 27, 2027, 6:30 p.m.", "March 27, 2027, 8:30 p.m."),
        ("UTC", "March 28, 2027, 12:30 a.m.", "March 28, 2027, 2:30 a.m."),
        ("Asia/Bangkok", "March 28, 2027, 7:30 a.m.", "March 28, 2027, 9:30 a.m."),
    ],
)
def test_viewers_in_three_zones_see_their_time_and_the_reference_zone_across_a_dst_change(
    client, dst_session, zone, start, end
):
    client.cookies[settings.LMS_TIME_ZONE_COOKIE_NAME] = zone
    page = client.get(dst_session.get_url()).content.decode()
    label = zone.replace("_", " ")
    assert f'<time datetime="2027-03-28T00:30:00Z">{start} ({label})</time>' in page
    assert f'<time datetime="2027-03-28T02:30:00Z">{end} ({label})</time>' in page
    # The organisers' zone: 00:30 winter time, then 03:30 summer time (one hour skipped).
    assert "March 28, 2027, 12:30 a.m. (Europe/Lisbon)" in page
    assert "March 28, 2027, 3:30 a.m. (Europe/Lisbon)" in page


def test_the_page_costs_the_same_few_queries_however_many_have_registered(
    client, dst_session, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from live.models import Registration

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(dst_session.get_url()).status_code == 200
        return len(queries)

    count()  # the first request fills the site and locale caches
    empty = count()
    Registration.objects.bulk_create(
        Registration(session=dst_session, email=f"p{n}@example.org", status="registered")
        for n in range(30)
    )
    with django_assert_max_num_queries(16):
        assert count() == empty


def test_the_ics_file_has_utc_times_a_stable_uid_a_stamp_and_escaped_text(client, dst_session):
    response = client.get(reverse("live:calendar", args=[dst_session.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    unfolded = text.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert "DTSTART:20270328T003000Z" in lines
    assert "DTEND:20270328T023000Z" in lines
    assert f"UID:live-{dst_session.translation_key}@testserver" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert 'SUMMARY:Sextortion: "first steps"\\, reporting\\; escalation' in lines
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_uid_is_the_same_in_every_language(dst_session):
    common = {
        "starts_at": ACROSS_DST,
        "ends_at": ACROSS_DST,
        "description": "",
        "url": "",
        "now": ACROSS_DST,
        "domain": "example.org",
    }
    english = ical.session_calendar(uid="live-1", summary="Webinar", **common)
    french = ical.session_calendar(uid="live-1", summary="Séminaire", **common)
    assert "UID:live-1@example.org" in english and "UID:live-1@example.org" in french
