"""The learner's calendar: what opens and closes next, as a page and as an .ics file."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses import services
from courses.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db

CALENDAR_BUDGET = 14


def _paced_course(catalog, title="Diploma, part one; cohort course", weeks=3, **cohort_fields):
    """A cohort-paced course with a module a week and a cohort that started ten days ago."""
    course = factories.make_course(index=catalog, modules=0, pacing="cohort", title=title)
    for week in range(weeks):
        module = factories.make_module(
            course=course, title=f"Week {week + 1} module", release_offset_days=7 * week
        )
        factories.make_lesson(module=module)
    start = timezone.localdate() - datetime.timedelta(days=10)
    cohort = Cohort.objects.create(
        course=course, name="Lisbon intake", start_date=start, **cohort_fields
    )
    return course, cohort


@pytest.fixture
def paced(catalog, learner):
    course, cohort = _paced_course(
        catalog, end_date=timezone.localdate() + datetime.timedelta(days=60)
    )
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    module = course.get_children().first().specific
    quiz = factories.make_quiz(
        module=module,
        title="Week 1 quiz",
        questions=[factories.make_question()],
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    return course, cohort, quiz


def test_the_calendar_needs_an_account(client, db):
    assert "/accounts/login/" in client.get("/en/learn/calendar/")["Location"]
    assert "/accounts/login/" in client.get("/en/learn/calendar.ics")["Location"]


def test_the_calendar_lists_what_opens_and_closes_next(learner_client, paced):
    course, cohort, quiz = paced
    html = learner_client.get("/en/learn/calendar/").content.decode()
    assert "Module opens: Week 3 module" in html
    assert "Quiz closes: Week 1 quiz" in html
    assert "Cohort ends: Lisbon intake" in html
    # Weeks 1 and 2 opened already: the page shows what comes next.
    assert "Module opens: Week 1 module" not in html
    assert "Module opens: Week 2 module" not in html
    assert html.index("Quiz closes") < html.index("Module opens") < html.index("Cohort ends")


def test_the_calendar_lists_module_due_dates(learner_client, learner, catalog):
    course, cohort = _paced_course(catalog, weeks=0, title="Due course")
    module = factories.make_module(
        course=course, title="Evidence week", release_offset_days=7, due_offset_days=13
    )
    factories.make_lesson(module=module)
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    html = learner_client.get("/en/learn/calendar/").content.decode()
    due = cohort.start_date + datetime.timedelta(days=13)
    assert f'<time datetime="{due:%Y-%m-%d}">' in html
    assert "Module due: Evidence week" in html
    text = learner_client.get("/en/learn/calendar.ics").content.decode().replace("\r\n ", "")
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in text
    assert "SUMMARY:Module due: Evidence week" in text


def test_the_dashboard_shows_the_upcoming_dates(learner_client, paced):
    html = learner_client.get("/en/learn/").content.decode()
    aside = html.split('id="upcoming-heading"')[1].split("</aside>")[0]
    assert "Quiz closes: Week 1 quiz" in aside and "Module opens: Week 3 module" in aside
    assert 'href="/en/learn/calendar.ics"' in aside


def test_the_calendar_leaves_out_other_learners_and_withdrawn_courses(
    learner_client, learner, catalog
):
    theirs, their_cohort = _paced_course(catalog, title="Someone else's course")
    factories.make_enrolment(learner=factories.make_learner(), course=theirs, cohort=their_cohort)
    left, left_cohort = _paced_course(catalog, title="A course I left")
    factories.make_enrolment(learner=learner, course=left, cohort=left_cohort)
    services.enrolment_withdraw(learner=learner, course=left)
    html = learner_client.get("/en/learn/calendar/").content.decode()
    assert "Someone else" not in html and "A course I left" not in html
    assert "Nothing opens or closes soon in your courses." in html


def test_the_ics_file_is_a_valid_calendar_for_download(learner_client, paced):
    course, cohort, quiz = paced
    response = learner_client.get("/en/learn/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 5  # three modules, the quiz, the cohort's end
    assert unfolded.count("DTSTAMP:") == 5
    uids = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    assert len(set(uids)) == 5 and all(uid.endswith("@testserver") for uid in uids)
    third = cohort.start_date + datetime.timedelta(days=14)
    assert f"DTSTART;VALUE=DATE:{third:%Y%m%d}" in unfolded
    closes = quiz.closes_at.astimezone(datetime.UTC)
    assert f"DTSTART:{closes:%Y%m%dT%H%M%SZ}" in unfolded
    assert "DESCRIPTION:Diploma\\, part one\\; cohort course" in unfolded
    assert f"URL:http://testserver{quiz.url}" in unfolded


def test_the_same_event_keeps_its_uid_from_one_download_to_the_next(learner_client, paced):
    def uids():
        text = learner_client.get("/en/learn/calendar.ics").content.decode()
        return sorted(
            line for line in text.replace("\r\n ", "").split("\r\n") if line.startswith("UID:")
        )

    assert uids() == uids()


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("fr", "Ouverture du module : Week 3 module"),
        ("pt", "Abertura do módulo: Week 3 module"),
        ("es", "Apertura del módulo: Week 3 module"),
    ],
)
def test_the_calendar_speaks_the_learners_language(client, learner, paced, language, summary):
    client.force_login(learner)
    html = client.get(f"/{language}/learn/calendar/").content.decode()
    assert summary in html
    text = client.get(f"/{language}/learn/calendar.ics").content.decode()
    assert f"SUMMARY:{summary}" in text.replace("\r\n ", "")


def test_each_date_is_written_as_the_pages_language_writes_dates(client, learner, paced):
    course, cohort, quiz = paced
    week_three = cohort.start_date + datetime.timedelta(days=14)
    client.force_login(learner)
    pages = {
        language: client.get(f"/{language}/learn/").content.decode() for language in ("en", "fr")
    }
    pages["en again"] = client.get("/en/learn/").content.decode()
    for language, written in (
        ("en", date_format(week_three, "DATE_FORMAT", use_l10n=True)),
        ("fr", _in("fr", lambda: date_format(week_three, "DATE_FORMAT"))),
        ("en again", _in("en", lambda: date_format(week_three, "DATE_FORMAT"))),
    ):
        assert f'<time datetime="{week_three.isoformat()}">{written}</time>' in pages[language]
    assert pages["en again"].count(week_three.isoformat()) == pages["en"].count(
        week_three.isoformat()
    )


def _in(language, work):
    with translation.override(language):
        return work()


def test_a_date_names_its_step_and_course_as_text_not_markup(learner_client, learner, catalog):
    course, cohort = _paced_course(catalog, title="Law <script>alert(1)</script> & order")
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    html = learner_client.get("/en/learn/calendar/").content.decode()
    assert "Law &lt;script&gt;alert(1)&lt;/script&gt; &amp; order" in html
    assert "<script>alert(1)" not in html


def _calendar_queries(client, learner, catalog, courses):
    for _ in range(courses):
        course, cohort = _paced_course(catalog, weeks=4)
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    counts = []
    for url in ("/en/learn/calendar/", "/en/learn/calendar.ics"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_the_calendar_costs_the_same_queries_at_any_number_of_courses(
    learner_client, learner, catalog, django_assert_max_num_queries
):
    one = _calendar_queries(learner_client, learner, catalog, courses=1)
    six = _calendar_queries(learner_client, learner, catalog, courses=5)
    assert one == six
    for url in ("/en/learn/calendar/", "/en/learn/calendar.ics"):
        with django_assert_max_num_queries(CALENDAR_BUDGET):
            learner_client.get(url)
