"""A cohort's progress table: figures, at-risk rules, sort, filter, exports, scope, queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services as quiz_services
from certificates import services as certificate_services
from coordination.selectors import cohort_progress_for, export_rows, learner_risk
from courses import services as course_services
from courses.models import Cohort, Enrolment, LessonCompletion, LessonPage
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 4, 20)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def make_cohort(course, *, coordinator=None, started_days_ago=12, **kwargs):
    kwargs.setdefault("name", f"Cohort of {course.title}")
    start = timezone.localdate() - datetime.timedelta(days=started_days_ago)
    cohort = Cohort.objects.create(course=course, start_date=start, **kwargs)
    if coordinator is not None:
        cohort.coordinators.add(coordinator)
        factories.make_course_assignment(coordinator=coordinator, course=course)
    return cohort


def join(cohort, *, name="Ana Tester", language="en", email=None):
    given, family = name.split(" ", 1)
    kwargs = {"email": email} if email else {}
    learner = factories.make_learner(
        given_name=given, family_name=family, preferred_language=language, **kwargs
    )
    factories.make_enrolment(learner=learner, course=cohort.course, cohort=cohort)
    return learner


def set_idle(learner, days: int):
    """Move every trace of the learner's activity ``days`` days into the past."""
    moment = days_ago(days)
    Enrolment.objects.filter(learner=learner).update(last_activity_at=moment, enrolled_at=moment)
    LessonCompletion.objects.filter(learner=learner).update(completed_at=moment)
    from assessments.models import Attempt

    Attempt.objects.filter(learner=learner).update(started_at=moment, submitted_at=moment)


def take_quiz(learner, quiz, right: bool):
    attempt = quiz_services.attempt_start(learner=learner, quiz=quiz)
    question = quiz.fixed_questions.get().question
    answer = factories.right_answer(question) if right else None
    quiz_services.attempt_save(attempt=attempt, learner=learner, answers={question.pk: answer})
    return quiz_services.attempt_submit(attempt=attempt, learner=learner)


def complete_lessons(learner, *lessons):
    for lesson in lessons:
        course_services.lesson_complete(learner=learner, lesson=lesson)


@pytest.fixture
def paced(catalog):
    """Cohort-paced: module 1 (2 lessons and a quiz) opens at the start, module 2 on day 14."""
    course = factories.make_course(
        index=catalog, modules=0, pacing="cohort", title="Mobile evidence"
    )
    first = factories.make_module(course=course, title="Acquisition", release_offset_days=0)
    factories.make_lesson(module=first, title="Seizure")
    factories.make_lesson(module=first, title="Isolation")
    factories.make_quiz(
        module=first, title="Acquisition check", questions=[factories.make_question()]
    )
    second = factories.make_module(course=course, title="Analysis", release_offset_days=14)
    factories.make_lesson(module=second, title="Timelines")
    factories.make_lesson(module=second, title="Reporting")
    return course


@pytest.fixture
def paced_cohort(paced, coordinator):
    """Started 12 days ago: module 1 is open and due (past its 7-day grace), module 2 opens
    in two days."""
    return make_cohort(paced, coordinator=coordinator, name="Maputo 2026")


def lessons_of(course, *titles):
    by_title = {lesson.title: lesson for lesson in LessonPage.objects.descendant_of(course)}
    return [by_title[title] for title in titles]


def quiz_of(course):
    from assessments.models import QuizPage

    return QuizPage.objects.descendant_of(course).get()


@pytest.fixture
def three_learners(paced, paced_cohort):
    """Olga: module 1 done, quiz 100% (on track). Bruno: one lesson, quiz failed (behind).
    Carla: nothing, and idle for 15 days (inactive and behind)."""
    olga = join(paced_cohort, name="Olga Mendes")
    complete_lessons(olga, *lessons_of(paced, "Seizure", "Isolation"))
    take_quiz(olga, quiz_of(paced), right=False)
    take_quiz(olga, quiz_of(paced), right=True)
    bruno = join(paced_cohort, name="Bruno Costa")
    complete_lessons(bruno, *lessons_of(paced, "Seizure"))
    take_quiz(bruno, quiz_of(paced), right=False)
    carla = join(paced_cohort, name="Carla Silva")
    set_idle(carla, 15)
    return olga, bruno, carla


def rows_by_name(progress):
    return {row.name: row for row in progress.rows}


# The at-risk rule ----------------------------------------------------------------------


def risk(**kwargs):
    kwargs.setdefault("last_active_on", TODAY)
    kwargs.setdefault("modules_completed", 0)
    kwargs.setdefault("module_release_dates", [])
    return learner_risk(today=TODAY, **kwargs)


def test_fourteen_days_without_activity_is_at_risk():
    result = risk(last_active_on=TODAY - datetime.timedelta(days=14))
    assert result.is_at_risk and result.inactive_days == 14
    assert result.reasons == ["no activity for 14 days"]


def test_thirteen_days_without_activity_is_not_at_risk():
    assert not risk(last_active_on=TODAY - datetime.timedelta(days=13)).is_at_risk


def test_a_module_is_due_only_after_its_seven_days_of_grace():
    opened = [TODAY - datetime.timedelta(days=7)]
    assert not risk(module_release_dates=opened).is_at_risk
    late = risk(module_release_dates=[TODAY - datetime.timedelta(days=8)])
    assert late.is_at_risk and (late.modules_completed, late.modules_due) == (0, 1)
    assert late.reasons == ["behind the schedule: 0 of 1 module due completed"]


def test_completing_as_many_modules_as_are_due_is_on_track():
    opened = [TODAY - datetime.timedelta(days=30), TODAY - datetime.timedelta(days=10), TODAY]
    assert not risk(module_release_dates=opened, modules_completed=2).is_at_risk
    assert risk(module_release_dates=opened, modules_completed=1).is_behind


def test_both_reasons_are_given_when_both_apply():
    result = risk(
        last_active_on=TODAY - datetime.timedelta(days=20),
        module_release_dates=[TODAY - datetime.timedelta(days=30)],
    )
    assert len(result.reasons) == 2


def test_the_thresholds_come_from_the_settings(settings):
    settings.LMS_AT_RISK_INACTIVE_DAYS = 3
    settings.LMS_AT_RISK_GRACE_DAYS = 0
    assert risk(last_active_on=TODAY - datetime.timedelta(days=3)).is_at_risk
    assert risk(module_release_dates=[TODAY - datetime.timedelta(days=1)]).is_behind


# The table -------------------------------------------------------------------------------


@pytest.mark.engine_sensitive
def test_table_figures_on_a_small_cohort(paced_cohort, three_learners):
    progress = cohort_progress_for(cohort=paced_cohort)
    assert [module.title for module in progress.modules] == ["Acquisition", "Analysis"]
    assert [quiz.title for quiz in progress.quizzes] == ["Acquisition check"]
    rows = rows_by_name(progress)
    olga, bruno, carla = rows["Olga Mendes"], rows["Bruno Costa"], rows["Carla Silva"]
    # Five required items: four lessons and the quiz.
    assert (olga.progress_percent, bruno.progress_percent, carla.progress_percent) == (60, 20, 0)
    assert [(c.lessons_done, c.lessons_total) for c in olga.cells] == [(2, 2), (0, 2)]
    assert [(c.lessons_done, c.lessons_total) for c in bruno.cells] == [(1, 2), (0, 2)]
    assert olga.cells[0].scores[0].percent == 100  # the better of 0% and 100%
    assert bruno.cells[0].scores[0].percent == 0
    assert carla.cells[0].scores[0].percent is None
    assert olga.cells[0].is_complete and not olga.cells[1].is_complete
    assert not olga.is_at_risk
    assert bruno.risk.is_behind and bruno.risk.inactive_days is None
    assert carla.risk.is_behind and carla.risk.inactive_days == 15
    assert progress.at_risk_count == 2 and progress.learner_count == 3
    assert olga.last_activity is not None and carla.last_activity < days_ago(14)
    assert {row.certificate for row in progress.rows} == {"none"}


@pytest.mark.engine_sensitive
def test_a_quiz_attempt_counts_as_activity(paced, paced_cohort):
    learner = join(paced_cohort)
    complete_lessons(learner, *lessons_of(paced, "Seizure"))
    set_idle(learner, 20)
    take_quiz(learner, quiz_of(paced), right=False)
    Enrolment.objects.filter(learner=learner).update(last_activity_at=days_ago(20))
    (row,) = cohort_progress_for(cohort=paced_cohort).rows
    assert row.risk.inactive_days is None
    assert row.last_activity > days_ago(1)


def test_nobody_is_inactive_before_the_cohort_starts(paced):
    cohort = make_cohort(paced, started_days_ago=-3)
    learner = join(cohort)
    set_idle(learner, 30)
    Enrolment.objects.filter(learner=learner).update(last_activity_at=None)
    (row,) = cohort_progress_for(cohort=cohort).rows
    assert not row.is_at_risk


def test_a_self_paced_course_has_no_schedule_to_fall_behind(catalog):
    course = factories.make_course(index=catalog, modules=2, lessons=1)
    cohort = make_cohort(course, started_days_ago=60)
    join(cohort)
    (row,) = cohort_progress_for(cohort=cohort).rows
    assert not row.is_at_risk and row.risk.modules_due == 0


def test_a_learner_who_completed_the_course_is_never_at_risk(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1, pacing="cohort")
    cohort = make_cohort(course, started_days_ago=60)
    learner = join(cohort)
    complete_lessons(learner, *LessonPage.objects.descendant_of(course))
    set_idle(learner, 40)
    (row,) = cohort_progress_for(cohort=cohort).rows
    assert row.has_completed and not row.is_at_risk


@pytest.mark.engine_sensitive
def test_withdrawn_learners_are_left_out(paced, paced_cohort):
    stays, leaves = join(paced_cohort, name="Stays Here"), join(paced_cohort, name="Leaves Now")
    course_services.enrolment_withdraw(learner=leaves, course=paced)
    assert [row.learner for row in cohort_progress_for(cohort=paced_cohort).rows] == [stays]


@pytest.mark.engine_sensitive
def test_certificate_status_none_eligible_issued_revoked(catalog, coordinator):
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )
    cohort = make_cohort(course, coordinator=coordinator)
    names = ["Nora None", "Eli Eligible", "Ivo Issued", "Rita Revoked"]
    people = {name: join(cohort, name=name) for name in names}
    for name in names[1:]:
        complete_lessons(people[name], *LessonPage.objects.descendant_of(course))
    certificate_services.certificate_issue(learner=people["Ivo Issued"], course=course)
    revoked = certificate_services.certificate_issue(learner=people["Rita Revoked"], course=course)
    certificate_services.certificate_revoke(certificate=revoked, reason="error")
    rows = rows_by_name(cohort_progress_for(cohort=cohort))
    assert {name: rows[name].certificate for name in names} == {
        "Nora None": "none",
        "Eli Eligible": "eligible",
        "Ivo Issued": "issued",
        "Rita Revoked": "revoked",
    }


# Sort and filter -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Bruno Costa", "Carla Silva", "Olga Mendes"]),
        ("-name", ["Olga Mendes", "Carla Silva", "Bruno Costa"]),
        ("progress", ["Carla Silva", "Bruno Costa", "Olga Mendes"]),
        ("-progress", ["Olga Mendes", "Bruno Costa", "Carla Silva"]),
        ("activity", ["Carla Silva", "Olga Mendes", "Bruno Costa"]),
        ("risk", ["Carla Silva", "Bruno Costa", "Olga Mendes"]),
        ("nonsense", ["Bruno Costa", "Carla Silva", "Olga Mendes"]),
    ],
)
def test_sorting(paced_cohort, three_learners, sort, expected):
    progress = cohort_progress_for(cohort=paced_cohort, params={"sort": sort})
    assert [row.name for row in progress.rows] == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"show": "at_risk"}, {"Bruno Costa", "Carla Silva"}),
        ({"q": "olga"}, {"Olga Mendes"}),
        ({"q": "SILVA"}, {"Carla Silva"}),
        ({"show": "at_risk", "q": "olga"}, set()),
        ({"show": "whatever"}, {"Olga Mendes", "Bruno Costa", "Carla Silva"}),
    ],
)
def test_filtering(paced_cohort, three_learners, params, expected):
    progress = cohort_progress_for(cohort=paced_cohort, params=params)
    assert {row.name for row in progress.rows} == expected
    assert progress.learner_count == 3


def test_search_by_email(paced_cohort):
    join(paced_cohort, name="Ana Pereira", email="a.pereira@policia.example")
    join(paced_cohort, name="Ana Lopes")
    progress = cohort_progress_for(cohort=paced_cohort, params={"q": "policia"})
    assert [row.name for row in progress.rows] == ["Ana Pereira"]


def test_filter_completed(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    cohort = make_cohort(course)
    done, busy = join(cohort, name="Dina Done"), join(cohort, name="Bea Busy")
    complete_lessons(done, *LessonPage.objects.descendant_of(course))
    progress = cohort_progress_for(cohort=cohort, params={"show": "completed"})
    assert [row.learner for row in progress.rows] == [done]
    assert busy not in [row.learner for row in progress.rows]


# The page and its exports ----------------------------------------------------------------


def test_the_page_shows_the_table(coordinator_client, paced_cohort, three_learners):
    response = coordinator_client.get(f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Olga Mendes", "Acquisition", "Analysis", "1/2 lessons", "Acquisition check"):
        assert text in html
    assert "no activity for 15 days" in html
    assert "behind the schedule: 0 of 1 module due completed" in html
    assert "2 at risk" in html


def test_the_page_filters_and_sorts_by_get_parameters(
    coordinator_client, paced_cohort, three_learners
):
    url = f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/"
    html = coordinator_client.get(url, {"show": "at_risk", "sort": "-name"}).content.decode()
    assert "Olga Mendes" not in html
    assert html.index("Carla Silva") < html.index("Bruno Costa")


def test_names_typed_by_learners_are_escaped_on_the_page(coordinator_client, paced_cohort):
    join(paced_cohort, name="Eve <script>alert(1)</script>")
    html = coordinator_client.get(
        f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/"
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_csv_export_has_the_table(coordinator_client, paced_cohort, three_learners):
    response = coordinator_client.get(
        f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/export/csv/", {"sort": "name"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "name", "e-mail", "progress (%)",
        "Acquisition: lessons done (of 2)", "Acquisition check: score (%)",
        "Analysis: lessons done (of 2)",
        "last activity", "at risk", "why", "certificate",
    ]  # fmt: skip
    by_name = {row[0]: row for row in rows[1:]}
    assert list(by_name) == ["Bruno Costa", "Carla Silva", "Olga Mendes"]
    assert by_name["Olga Mendes"][2:6] == ["60", "2", "100", "0"]
    assert by_name["Olga Mendes"][6] and by_name["Olga Mendes"][7:] == ["no", "", "none"]
    assert by_name["Bruno Costa"][2:6] == ["20", "1", "0", "0"]
    assert by_name["Carla Silva"][4] == ""
    assert by_name["Carla Silva"][7] == "yes"
    assert by_name["Carla Silva"][8].startswith("no activity for 15 days; behind the schedule")


def test_csv_export_keeps_the_filter(coordinator_client, paced_cohort, three_learners):
    response = coordinator_client.get(
        f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/export/csv/", {"q": "bruno"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Bruno Costa"]


def test_xlsx_export_has_the_table(coordinator_client, paced_cohort, three_learners):
    from openpyxl import load_workbook

    response = coordinator_client.get(
        f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/export/xlsx/",
        {"sort": "-progress"},
    )
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["name", "e-mail", "progress (%)", "Acquisition: lessons done (of 2)"]
    assert [(row[0], row[2], row[3], row[4]) for row in rows[1:]] == [
        ("Olga Mendes", 60, 2, 100),
        ("Bruno Costa", 20, 1, 0),
        ("Carla Silva", 0, 0, None),
    ]


def test_exports_cannot_carry_a_formula(coordinator_client, paced_cohort):
    join(paced_cohort, name="=HYPERLINK(1) Tester")
    response = coordinator_client.get(
        f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/export/csv/"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1) Tester"


def test_an_unknown_export_format_is_not_found(coordinator_client, paced_cohort):
    url = f"/admin/coordination/cohorts/{paced_cohort.pk}/progress/export/pdf/"
    assert not_found(coordinator_client, url)


# Scope ----------------------------------------------------------------------------------


def not_found(client, url, method="get") -> bool:
    """404, possibly after the language middleware's redirect to /en/... (still 404 there)."""
    response = getattr(client, method)(url, follow=True)
    return response.status_code == 404 and b"Secret Person" not in response.content


def progress_urls(cohort):
    base = f"/admin/coordination/cohorts/{cohort.pk}/progress/"
    return [base, f"{base}export/csv/", f"{base}export/xlsx/"]


def test_another_coordinators_cohort_is_not_found(coordinator_client, paced):
    other = make_cohort(
        paced, coordinator=factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    )
    join(other, name="Secret Person")
    for url in progress_urls(other):
        assert not_found(coordinator_client, url), url
    remind = f"/admin/coordination/cohorts/{other.pk}/progress/remind/"
    assert not_found(coordinator_client, remind, method="post")


def test_a_cohort_id_that_does_not_exist_is_not_found(coordinator_client, paced_cohort):
    for url in progress_urls(Cohort(pk=paced_cohort.pk + 1000)):
        assert not_found(coordinator_client, url), url


def test_learners_and_trainers_cannot_reach_the_table(client, paced_cohort):
    for user in (
        factories.make_learner(),
        factories.make_staff(role=roles.TRAINER, with_totp=True),
        factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True),
    ):
        client.force_login(user)
        for url in progress_urls(paced_cohort):
            assert client.get(url).status_code in (302, 403), (user, url)
    client.logout()
    for url in progress_urls(paced_cohort):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_a_programme_manager_sees_every_cohort(client, paced_cohort):
    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    for url in progress_urls(paced_cohort):
        assert client.get(url).status_code == 200, url


# Queries ---------------------------------------------------------------------------------


def populate(catalog, *, learners: int, modules: int):
    """A cohort-paced course of ``modules`` modules (two lessons and a quiz each) and a cohort
    whose learners have each done a bit of everything; the first two completed the course and
    the first holds a certificate."""
    course = factories.make_course(
        index=catalog, modules=0, pacing="cohort", certificate_issue="coordinator"
    )
    module_pages = []
    for number in range(modules):
        module = factories.make_module(course=course, release_offset_days=number)
        factories.make_lesson(module=module)
        factories.make_lesson(module=module)
        factories.make_quiz(module=module, questions=[factories.make_question()])
        module_pages.append(module)
    cohort = make_cohort(course, started_days_ago=30)
    from assessments.models import QuizPage

    people = [join(cohort, name=f"Person Number{n}") for n in range(learners)]
    for person in people:
        for module in module_pages:
            complete_lessons(person, LessonPage.objects.child_of(module).first())
            take_quiz(person, QuizPage.objects.child_of(module).get(), right=True)
    for person in people[:2]:
        complete_lessons(person, *LessonPage.objects.descendant_of(course))
    certificate_services.certificate_issue(learner=people[0], course=course)
    return cohort


def count_queries(cohort) -> int:
    cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)
    with CaptureQueriesContext(connection) as queries:
        export_rows(cohort_progress_for(cohort=cohort, params={"sort": "risk"}))
    return len(queries.captured_queries)


@pytest.mark.engine_sensitive
def test_the_table_costs_the_same_queries_at_any_size(catalog):
    small = count_queries(populate(catalog, learners=2, modules=1))
    large = count_queries(populate(catalog, learners=7, modules=4))
    assert small == large
    assert small <= 11


@pytest.mark.engine_sensitive
def test_the_page_stays_within_its_query_budget(
    coordinator, coordinator_client, catalog, django_assert_max_num_queries
):
    cohort = populate(catalog, learners=6, modules=3)
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=cohort.course)
    url = f"/admin/coordination/cohorts/{cohort.pk}/progress/"
    coordinator_client.get(url)  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(35):
        response = coordinator_client.get(url)
    assert response.status_code == 200
