"""Times are shown in the viewer's time zone, named: profile first, else the browser's zone."""

from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from assessments import services as quiz_services
from assessments.models import Attempt
from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.pdf import certificate_html
from courses import services as course_services
from courses.models import LessonPage
from lms import roles, services
from lms.models import Profile
from lms.timezones import zone_for
from tests import factories

pytestmark = pytest.mark.django_db
COOKIE_NAME = settings.LMS_TIME_ZONE_COOKIE_NAME
User = get_user_model()

DEADLINE = datetime(2027, 1, 15, 20, 16, tzinfo=UTC)


def shown(value, zone: str, language: str = "en", form: str = "") -> str:
    template = Template("{% load lms_time %}{{ value|local_datetime" + form + " }}")
    with timezone.override(zone), translation.override(language):
        return template.render(Context({"value": value}))


@pytest.mark.parametrize(
    ("zone", "text"),
    [
        ("America/Mexico_City", "Jan. 15, 2027, 2:16 p.m. (America/Mexico City)"),
        ("UTC", "Jan. 15, 2027, 8:16 p.m. (UTC)"),
        ("Asia/Bangkok", "Jan. 16, 2027, 3:16 a.m. (Asia/Bangkok)"),
    ],
)
def test_viewers_in_three_zones_see_the_same_deadline_in_their_own_time(zone, text):
    assert shown(DEADLINE, zone) == f'<time datetime="2027-01-15T20:16:00Z">{text}</time>'


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "16 janvier 2027 à 03:16 (Asia/Bangkok)"),
        ("pt", "16 de Janeiro de 2027 às 03:16 (Asia/Bangkok)"),
        ("es", "16 de enero de 2027, 03:16 (Asia/Bangkok)"),
    ],
)
def test_the_date_and_time_are_written_the_way_the_language_writes_them(language, text):
    assert shown(DEADLINE, "Asia/Bangkok", language, ':"text"') == text


@pytest.mark.parametrize(
    ("deadline", "text"),
    [
        # Summer time starts on the last Sunday of March (28 March 2027) at 01:00 UTC.
        (datetime(2027, 3, 27, 12, 0, tzinfo=UTC), "March 27, 2027, noon (Europe/Lisbon)"),
        (datetime(2027, 3, 29, 12, 0, tzinfo=UTC), "March 29, 2027, 1 p.m. (Europe/Lisbon)"),
        # ... and ends on the last Sunday of October (31 October 2027).
        (datetime(2027, 10, 30, 12, 0, tzinfo=UTC), "Oct. 30, 2027, 1 p.m. (Europe/Lisbon)"),
        (datetime(2027, 11, 1, 12, 0, tzinfo=UTC), "Nov. 1, 2027, noon (Europe/Lisbon)"),
    ],
)
def test_a_deadline_follows_the_change_to_and_from_summer_time(deadline, text):
    assert shown(deadline, "Europe/Lisbon", form=':"text"') == text


def test_local_date_gives_the_day_in_the_viewers_zone():
    template = Template("{% load lms_time %}{{ value|local_date }}")
    with timezone.override("Asia/Bangkok"):
        html = template.render(Context({"value": DEADLINE}))
    assert html == '<time datetime="2027-01-16">Jan. 16, 2027</time>'


def test_nothing_is_shown_for_a_missing_time():
    assert shown(None, "UTC") == ""


# --- the viewer's zone, request by request ---------------------------------------------------


@pytest.fixture
def timed_attempt(catalog):
    """A learner (no zone chosen yet) in a timed attempt whose deadline is tomorrow, 20:16 UTC."""

    def make(*, time_zone: str = ""):
        learner = factories.make_learner()
        Profile.objects.filter(user=learner).update(time_zone=time_zone)
        course = factories.make_course(index=catalog, modules=1, lessons=1)
        module = course.get_children().first().specific
        quiz = factories.make_quiz(
            module=module, questions=[factories.make_question()], time_limit_minutes=30
        )
        factories.make_enrolment(learner=learner, course=course)
        attempt = quiz_services.attempt_start(learner=learner, quiz=quiz)
        deadline = (timezone.now() + timedelta(days=1)).replace(
            hour=20, minute=16, second=0, microsecond=0
        )
        Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
        return learner, f"/en/learn/attempt/{attempt.pk}/", deadline

    return make


def local_text(deadline: datetime, zone: str) -> str:
    local = deadline.astimezone(ZoneInfo(zone))
    hour = local.strftime("%I").lstrip("0")
    minutes = local.strftime("%M")
    suffix = "a.m." if local.hour < 12 else "p.m."
    return f"{hour}:{minutes} {suffix} ({zone.replace('_', ' ')})</time>"


@pytest.mark.parametrize("zone", ["America/Mexico_City", "UTC", "Asia/Bangkok"])
def test_the_deadline_page_is_shown_in_the_zone_chosen_in_the_profile(client, timed_attempt, zone):
    learner, url, deadline = timed_attempt(time_zone=zone)
    client.force_login(learner)
    html = client.get(url).content.decode()
    assert f'datetime="{deadline:%Y-%m-%dT%H:%M:%SZ}"' in html
    assert local_text(deadline, zone) in html


def test_the_browsers_zone_is_used_and_saved_to_an_empty_profile(client, timed_attempt):
    learner, url, deadline = timed_attempt()
    client.force_login(learner)
    client.cookies[COOKIE_NAME] = "America%2FSao_Paulo"  # as time_zone.js writes it
    html = client.get(url).content.decode()
    assert local_text(deadline, "America/Sao_Paulo") in html
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "America/Sao_Paulo"


def test_the_browsers_zone_is_saved_once_and_a_later_one_does_not_replace_it(
    client, timed_attempt
):
    learner, url, deadline = timed_attempt()
    client.force_login(learner)
    client.cookies[COOKIE_NAME] = "America/Sao_Paulo"
    client.get(url)
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"  # travelling, or another browser
    html = client.get(url).content.decode()
    assert local_text(deadline, "America/Sao_Paulo") in html
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "America/Sao_Paulo"


def test_a_chosen_zone_is_not_replaced_by_the_browsers(client, timed_attempt):
    learner, url, deadline = timed_attempt(time_zone="Africa/Dakar")
    client.force_login(learner)
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    html = client.get(url).content.decode()
    assert local_text(deadline, "Africa/Dakar") in html
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "Africa/Dakar"


@pytest.mark.parametrize(
    "hostile",
    [
        "Mars/Base",
        "/".join([".."] * 4 + ["etc", "passwd"]),  # built: the repository check reads paths
        "..%2F..%2Fetc%2Fpasswd",
        "<script>alert(1)</script>",
        "America/Sao_Paulo\\x00",
        "Europe/" + "A" * 500,
        "posixrules/../UTC",
        "",
    ],
)
def test_a_hostile_zone_cookie_is_ignored(client, timed_attempt, hostile):
    learner, url, deadline = timed_attempt()
    client.force_login(learner)
    client.cookies[COOKIE_NAME] = hostile
    response = client.get(url)
    assert response.status_code == 200
    assert local_text(deadline, "UTC") in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == ""


def test_a_zone_changed_on_the_profile_page_applies_at_once(client, timed_attempt):
    learner, url, deadline = timed_attempt(time_zone="Africa/Dakar")
    client.force_login(learner)
    client.get(url)
    profile = {
        "given_name": "Ana",
        "family_name": "Silva",
        "country": "BR",
        "agency_type": "police",
        "preferred_language": "en",
        "time_zone": "Asia/Bangkok",
    }
    assert client.post("/en/accounts/profile/", profile).status_code == 302
    assert local_text(deadline, "Asia/Bangkok") in client.get(url).content.decode()


def test_the_zone_script_is_sent_only_while_the_zone_is_unknown(client, timed_attempt, home_pages):
    learner, url, _deadline = timed_attempt()
    assert "lms/time_zone.js" not in client.get("/en/").content.decode()  # signed out
    client.force_login(learner)
    assert "lms/time_zone.js" in client.get(url).content.decode()
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    client.get(url)
    assert "lms/time_zone.js" not in client.get(url).content.decode()


def test_the_profile_page_proposes_the_browsers_zone(client, home_pages):
    learner = factories.make_learner()
    Profile.objects.filter(user=learner).update(time_zone="")
    client.force_login(learner)
    html = client.get("/en/accounts/profile/").content.decode()
    assert "data-browser-time-zone" in html  # where time_zone.js selects it
    assert '<option value="" selected>' in html
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    html = client.get("/en/accounts/profile/").content.decode()
    assert '<option value="Asia/Bangkok" selected>' in html


def test_showing_times_in_a_zone_costs_no_query(client, timed_attempt):
    """The zone is read from the session, so a zone set or not, a page costs the same."""
    counts = []
    for zone in ("", "Asia/Bangkok"):
        learner, url, _deadline = timed_attempt(time_zone=zone)
        client.force_login(learner)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_saving_the_browsers_zone_costs_queries_once(client, timed_attempt):
    learner, url, _deadline = timed_attempt()
    client.force_login(learner)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    client.get(url)  # saves it
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


# --- e-mails and PDFs, in the recipient's zone -----------------------------------------------


def test_zone_for_is_the_profiles_zone_else_utc():
    learner = factories.make_learner()
    services.profile_update(user=learner, time_zone="Asia/Bangkok")
    assert zone_for(User.objects.get(pk=learner.pk)) == "Asia/Bangkok"
    Profile.objects.filter(user=learner).update(time_zone="")
    assert zone_for(User.objects.get(pk=learner.pk)) == "UTC"


@pytest.fixture
def certificate(catalog, django_capture_on_commit_callbacks):
    learner = factories.make_learner()
    services.profile_update(user=learner, time_zone="Asia/Bangkok")
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )
    course_services.enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        course_services.lesson_complete(learner=learner, lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_services.certificate_issue(learner=learner, course=course)
    # 23:30 UTC is already the next day in Bangkok.
    issued.issued_at = datetime(2027, 1, 15, 23, 30, tzinfo=UTC)
    issued.save(update_fields=["issued_at"])
    return Certificate.objects.get(pk=issued.pk)


def test_the_revocation_e_mail_gives_the_date_in_the_learners_zone(
    certificate, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    revoked_at = datetime(2027, 1, 15, 23, 30, tzinfo=UTC)  # 16 January in Bangkok
    with (
        mock.patch("certificates.services.timezone.now", return_value=revoked_at),
        timezone.override("America/Mexico_City"),  # the coordinator's zone, not the learner's
        django_capture_on_commit_callbacks(execute=True),
    ):
        certificate_services.certificate_revoke(
            certificate=certificate, reason=Certificate.RevocationReason.ISSUED_IN_ERROR
        )
    body = mail.outbox[-1].body
    assert "revoked on Jan. 16, 2027." in body
    assert "<time" not in body


def test_the_pdf_shows_the_issue_date_in_the_learners_zone(certificate):
    with timezone.override("America/Mexico_City"):
        html = certificate_html(certificate, "https://example.org/verify/x/")
    assert '<time datetime="2027-01-16">' in html


def test_a_zone_changed_from_elsewhere_reaches_a_session_already_open(client, timed_attempt):
    learner, url, deadline = timed_attempt(time_zone="Africa/Dakar")
    response = client.post(
        "/en/accounts/login/", {"login": learner.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert local_text(deadline, "Africa/Dakar") in client.get(url).content.decode()
    services.profile_update(user=learner, time_zone="Asia/Bangkok")  # on another device
    assert local_text(deadline, "Asia/Bangkok") in client.get(url).content.decode()


def test_the_quiz_page_shows_when_the_quiz_closes_in_the_learners_zone(client, catalog):
    learner = factories.make_learner()
    Profile.objects.filter(user=learner).update(time_zone="Asia/Bangkok")
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().first().specific
    closes_at = datetime(2030, 1, 15, 20, 16, tzinfo=UTC)
    quiz = factories.make_quiz(
        module=module, questions=[factories.make_question()], closes_at=closes_at
    )
    factories.make_enrolment(learner=learner, course=course)
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert (
        '<time datetime="2030-01-15T20:16:00Z">Jan. 16, 2030, 3:16 a.m. (Asia/Bangkok)</time>'
    ) in html


def test_the_verification_page_shows_the_issue_time_in_the_visitors_browser_zone(
    client, certificate
):
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert (
        '<time datetime="2027-01-15T23:30:00Z">Jan. 16, 2027, 6:30 a.m. (Asia/Bangkok)</time>'
    ) in html
    client.cookies.pop(COOKIE_NAME)
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Jan. 15, 2027, 11:30 p.m. (UTC)</time>" in html


def applications_page_for(client, catalog, coordinator) -> str:
    """The applications admin page, listing one application sent at DEADLINE."""
    from coordination import services as coordination_services
    from coordination.models import EnrolmentApplication

    course = factories.make_course(index=catalog, modules=1, lessons=1, enrolment="approval")
    factories.make_course_assignment(coordinator=coordinator, course=course)
    application = coordination_services.application_submit(
        course=course, applicant=factories.make_learner(), agency_name="DGSN",
        agency_type="police", job_title="Officer", motivation="Cases.",
    )  # fmt: skip
    EnrolmentApplication.objects.filter(pk=application.pk).update(created_at=DEADLINE)
    client.force_login(coordinator)
    return client.get("/admin/coordination/applications/").content.decode()


def test_the_admin_shows_times_in_the_zone_chosen_in_the_profile(client, catalog):
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    services.profile_update(user=coordinator, time_zone="America/Mexico_City")
    assert (
        '<time datetime="2027-01-15T20:16:00Z">'
        "Jan. 15, 2027, 2:16 p.m. (America/Mexico City)</time>"
    ) in applications_page_for(client, catalog, coordinator)


def test_the_admin_takes_the_browsers_zone_and_reports_it(client, catalog):
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    Profile.objects.filter(user=coordinator).update(time_zone="")
    client.cookies[COOKIE_NAME] = "Asia/Bangkok"
    html = applications_page_for(client, catalog, coordinator)
    assert "lms/time_zone.js" in html
    assert "Jan. 16, 2027, 3:16 a.m. (Asia/Bangkok)</time>" in html
