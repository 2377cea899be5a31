"""More of the staff's work in the seeded demo, in English and in French, each person signed in
through the real sign-in page with their two-factor code (see test_staff_journeys):

- a coordinator creates a cohort and edits it, adds a member and removes them, narrows and
  sorts a progress table and sends a reminder to the learners at risk, bulk-issues
  certificates and watches the run finish, and records an in-person award;
- a programme manager assigns a coordinator to a course, removes the assignment and finds
  both in the audit log;
- a trainer creates a question (type first, then its answers), imports a GIFT file, opens a
  quiz's results (and their CSV) and one attempt, and accepts a typed answer marked wrong;
- and, in the same seeded demo, the learner reads their notifications and marks them all read
  (My grades, My calendar and marking one notification read have journeys of their own in
  test_learner_quiz_french, test_learner_calendar and test_application_declined_in_portuguese).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import expect

from certificates.models import Certificate
from certificates.selectors import eligible_learners
from coordination.models import AuditEvent, CourseAssignment
from courses.models import Cohort, CoursePage, Enrolment
from tests.e2e import test_staff_journeys as journeys
from tests.e2e.test_staff_journeys import LANGUAGES, t

# The seeded demo and the signed-in staff of test_staff_journeys, as fixtures of this module.
staff = journeys.staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _codes_can_be_used_again():
    """A two-factor code is accepted once (allauth remembers it in the cache): the same person
    signs in in each language, so forget the codes rather than wait for the next one."""
    cache.clear()


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_runs_a_cohort_and_issues_certificates(staff, language):
    darknet = CoursePage.objects.get(slug="darknet-investigations", locale__language_code="en")
    newcomer = (
        get_user_model()
        .objects.filter(is_staff=False, profile__isnull=False, groups=None)
        .exclude(enrolments__course=darknet)
        .order_by("pk")
        .first()
    )
    coordinator = staff("coordinator@example.org", language)
    page = coordinator.page

    # A new cohort, then a correction to it.
    page.get_by_role("link", name=t(language, "Cohorts")).first.click()
    page.wait_for_url("**/admin/coordination/cohorts/")
    page.locator("a[href$='/admin/coordination/cohorts/new/']").first.click()
    page.locator("#id_course").select_option(str(darknet.pk))
    page.locator("#id_name").fill(f"Lisbon 2027 ({language})")
    page.locator("#id_country").select_option("PT")
    page.locator("#id_start_date").fill("2027-01-11")
    page.get_by_role("button", name=t(language, "Create")).click()
    page.wait_for_url("**/admin/coordination/cohorts/")
    cohort = Cohort.objects.get(name=f"Lisbon 2027 ({language})")
    assert cohort.coordinators.filter(email="coordinator@example.org").exists()
    page.get_by_role("link", name=cohort.name).click()
    page.locator("#id_end_date").fill("2027-03-26")
    page.get_by_role("button", name=t(language, "Save")).click()
    page.wait_for_url("**/admin/coordination/cohorts/")
    cohort.refresh_from_db()
    assert str(cohort.end_date) == "2027-03-26"

    # A member added by their exact e-mail address, then removed.
    row = page.get_by_role("row").filter(has_text=cohort.name)
    row.get_by_role("link", name=t(language, "Members")).click()
    page.get_by_label(t(language, "Find people by name or e-mail")).fill(newcomer.email)
    page.get_by_role("button", name=t(language, "Search")).click()
    page.get_by_role("button", name=t(language, "Add to the cohort")).click()
    page.wait_for_url(f"**/admin/coordination/cohorts/{cohort.pk}/members/**")
    enrolment = Enrolment.objects.get(cohort=cohort, learner=newcomer)
    assert enrolment.status != Enrolment.Status.WITHDRAWN
    page.get_by_role("row").filter(has_text=newcomer.email).get_by_role(
        "button", name=t(language, "Remove")
    ).click()
    page.wait_for_url(f"**/admin/coordination/cohorts/{cohort.pk}/members/**")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN

    # A reminder to the learners at risk in the current demo cohort.
    current = Cohort.objects.get(name__startswith="Demo cohort")
    coordinator.goto(f"/admin/coordination/cohorts/{current.pk}/progress/")
    page.get_by_label(t(language, "Show"), exact=True).select_option("at_risk")
    page.get_by_role("button", name=t(language, "Filter")).click()
    page.wait_for_url("**show=at_risk**")
    page.get_by_role("link", name=t(language, "Last activity"), exact=True).click()
    page.wait_for_url("**sort=**")
    assert page.locator("table tbody tr").count() >= 1
    page.get_by_role("button", name=t(language, "Send a reminder")).click()
    page.wait_for_url(f"**/admin/coordination/cohorts/{current.pk}/progress/**")
    assert AuditEvent.objects.filter(action="remind", cohort=current).exists()

    # A bulk issue for a past cohort whose certificates a coordinator issues, to the end.
    course = current.course
    runs = Cohort.objects.filter(course=course, coordinators__email="coordinator@example.org")
    past = next(
        c
        for c in runs.exclude(pk=current.pk).order_by("-start_date")
        if eligible_learners(course=course, cohort=c)
    )
    waiting = len(eligible_learners(course=course, cohort=past))
    coordinator.goto("/admin/")
    page.get_by_role("link", name=t(language, "Certificates")).first.click()
    page.get_by_role("link", name=course.title).first.click()
    page.get_by_label(t(language, "Cohort"), exact=True).select_option(str(past.pk))
    page.get_by_role("button", name=t(language, "Show"), exact=True).click()
    page.wait_for_url(f"**cohort={past.pk}**")
    page.get_by_role("button", name=t(language, "Issue their certificates")).click()
    issued = t(language, "%(issued)s of %(total)s certificates issued")
    page.get_by_text(issued % {"issued": waiting, "total": waiting}).wait_for()
    assert eligible_learners(course=course, cohort=past) == []

    # An award for someone trained at an event, who has no account.
    page.get_by_role("link", name=t(language, "Back to the course")).click()
    page.get_by_role("link", name=t(language, "Record an in-person award")).click()
    page.locator("#id_name_as_printed").fill("Aminata Diallo")
    page.locator("#id_event_name").fill("Dakar workshop on online child exploitation")
    page.locator("#id_event_date").fill("2026-11-20")
    page.locator("#id_language").select_option("fr")
    page.get_by_role("button", name=t(language, "Record the award")).click()
    page.wait_for_url(f"**/admin/certificates/course/{course.pk}/")
    award = Certificate.objects.get(name_as_printed="Aminata Diallo")
    assert award.learner_id is None and award.language == "fr"
    recorded = t(language, "Award recorded: %(code)s.") % {"code": award.code}
    expect(page.get_by_text(recorded)).to_be_visible()
    assert coordinator.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_manager_assigns_a_course_and_reads_the_audit_log(staff, language):
    coordinator = get_user_model().objects.get(email="coordinator@example.org")
    course = CoursePage.objects.get(slug="mobile-forensics", locale__language_code="en")
    assert not CourseAssignment.objects.filter(course=course, coordinator=coordinator).exists()
    manager = staff("manager@example.org", language)
    page = manager.page

    page.get_by_role("link", name=t(language, "Course assignments")).first.click()
    page.wait_for_url("**/admin/coordination/assignments/")
    page.locator("#id_coordinator").select_option(str(coordinator.pk))
    page.locator("#id_course").select_option(str(course.pk))
    page.get_by_role("button", name=t(language, "Assign"), exact=True).click()
    page.get_by_text(t(language, "The coordinator is assigned to the course.")).wait_for()
    assert CourseAssignment.objects.filter(course=course, coordinator=coordinator).exists()

    page.get_by_role("row").filter(has_text=course.title).filter(
        has_text=coordinator.email
    ).get_by_role("button", name=t(language, "Remove")).click()
    page.wait_for_url("**/admin/coordination/assignments/")
    assert not CourseAssignment.objects.filter(course=course, coordinator=coordinator).exists()

    page.get_by_role("link", name=t(language, "Audit log")).first.click()
    page.wait_for_url("**/admin/coordination/audit/**")
    page.get_by_label(t(language, "Action"), exact=True).select_option("assign")
    page.get_by_role("button", name=t(language, "Show"), exact=True).click()
    page.wait_for_url("**action=assign**")
    assigned = AuditEvent.objects.filter(action="assign", course=course).latest("pk")
    rows = page.locator("table.listing tbody tr")
    assert rows.filter(has_text=assigned.summary).count() == 1
    assert rows.filter(has_text=t(language, "course assignment removed")).count() == 0
    assert manager.problems == []


GIFT = """$CATEGORY: Imported from Moodle

::Hash before imaging::Before imaging a seized phone, you record its {
=IMEI
~owner's name
~screen colour
}

::Faraday bag::A Faraday bag blocks the phone's radio signals. {TRUE}
"""


def typed_wrong_answer(course):
    """The demo learner answers a short-answer question of ``course`` wrongly and submits."""
    from assessments import services as assessments
    from assessments.models import QuizPage
    from courses import services as courses

    learner = get_user_model().objects.get(email="learner@example.org")
    if not Enrolment.objects.filter(learner=learner, course=course).exists():
        courses.enrolment_create(learner=learner, course=course)
    for quiz in QuizPage.objects.live().descendant_of(course).order_by("path"):
        try:
            attempt = assessments.attempt_start(learner=learner, quiz=quiz)
        except assessments.AttemptRefused:
            continue
        responses = attempt.responses.select_related("question")
        short = next((r for r in responses if r.question.type == "short"), None)
        if short is not None:
            answers = {short.question_id: "imei numbr"}
            assessments.attempt_save(attempt=attempt, learner=learner, answers=answers)
            assessments.attempt_submit(attempt=attempt, learner=learner, language="en")
            return quiz, short.question
    raise AssertionError("no quiz of the course asks a short-answer question")


@pytest.mark.parametrize("language", LANGUAGES)
def test_trainer_writes_questions_and_reads_a_quizs_results(staff, language, tmp_path):
    from assessments.models import Question, QuestionCategory

    course = CoursePage.objects.get(slug="mobile-forensics", locale__language_code="en")
    category = QuestionCategory.objects.filter(course=course, locale=course.locale).first()
    quiz, question = typed_wrong_answer(course)
    trainer = staff("trainer@example.org", language)
    page = trainer.page

    # A new question: its type first, then the answers that type takes.
    trainer.goto("/admin/snippets/assessments/question/")
    page.locator("a[href*='/admin/snippets/assessments/question/add/']").first.click()
    short_answer = t(language, "short answer")
    page.get_by_role("link", name=short_answer[0].upper() + short_answer[1:]).click()
    page.locator("[data-contentpath=category] button:visible").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=category.name, exact=True).first.click()
    modal.wait_for(state="detached")
    page.locator("#id_title").fill(f"Extraction tool ({language})")
    editor = page.locator(".public-DraftEditor-content").first  # the question's text
    editor.click()
    editor.press_sequentially("Which tool family reads the flash memory chip directly?")
    # Draftail writes the field a moment after the last key: wait for it before saving.
    page.wait_for_function("() => document.getElementById('id_text').value.includes('flash')")
    page.locator("[data-contentpath=answers] button.c-sf-add-button").first.click()
    page.locator("input[name$='-value-text']").last.fill("chip-off")
    page.get_by_role("button", name=t(language, "Save")).first.click()
    page.wait_for_url("**/admin/snippets/assessments/question/?**")
    created = Question.objects.get(title=f"Extraction tool ({language})")
    assert created.type == "short" and created.category == category
    assert [block.value["text"] for block in created.answers] == ["chip-off"]

    # Questions from a GIFT file, in a category the file names.
    gift = tmp_path / "moodle.gift"
    gift.write_text(GIFT, encoding="utf-8")
    page.get_by_role("link", name=t(language, "Import questions (GIFT)")).first.click()
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_file").set_input_files(str(gift))
    page.get_by_role("button", name=t(language, "Check and import")).click()
    page.get_by_role("heading", name=t(language, "Imported")).wait_for()
    imported = Question.objects.filter(
        category__name="Imported from Moodle", category__course=course
    )
    assert sorted(imported.values_list("title", flat=True)) == [
        "Faraday bag",
        "Hash before imaging",
    ]
    # and written back out, as GIFT (the new category is listed once the page is opened again)
    new_category = imported.first().category
    page.get_by_role("link", name=t(language, "Import questions (GIFT)")).first.click()
    with page.expect_download() as download:
        page.locator(f"a[href$='/question-bank/gift/export/{new_category.pk}/']").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        assert "::Faraday bag::" in handle.read()

    # The quiz's results, from the page explorer, one attempt, and the typed answers.
    trainer.goto(f"/admin/pages/{quiz.get_parent().pk}/")
    more = t(language, "More options for '%(title)s'") % {"title": quiz.title}
    page.get_by_role("button", name=more).click()
    page.get_by_role("link", name=t(language, "Results"), exact=True).click()
    page.wait_for_url(f"**/admin/quiz-results/{quiz.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name=t(language, "Download CSV")).click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        assert "learner@example.org" in handle.read()
    page.get_by_role("link", name="learner@example.org").first.click()
    page.wait_for_url(f"**/admin/quiz-results/{quiz.pk}/attempt/**")
    expect(page.get_by_text("imei numbr").first).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=t(language, "Typed answers marked wrong")).click()
    row = page.get_by_role("row").filter(has_text="imei numbr")
    row.get_by_role("button", name=t(language, "Accept and regrade")).click()
    page.wait_for_url(f"**/admin/quiz-results/{quiz.pk}/typed-answers/")
    question.refresh_from_db()
    assert "imei numbr" in [block.value["text"] for block in question.answers]
    assert trainer.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_reads_the_notifications_and_marks_them_all_read(browser, demo, language):
    """The demo learner (no two-factor step for learners) in the same seeded demo."""
    from lms import services
    from lms.notify import page_params

    learner = get_user_model().objects.get(email="learner@example.org")
    services.profile_update(user=learner, preferred_language=language)
    darknet = CoursePage.objects.get(slug="darknet-investigations", locale__language_code="en")
    services.notification_create(
        recipient=learner, kind="application_approved", params=page_params(course=darknet)
    )
    declined = {**page_params(course=darknet), "reason": "Your agency must nominate you."}
    services.notification_create(recipient=learner, kind="application_declined", params=declined)

    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = journeys.Watched(context.new_page(), demo.url)
    try:
        page.goto(f"/{language}/accounts/login/")
        page.page.locator("input[name=login]").fill(learner.email)
        page.page.locator("input[name=password]").fill(journeys.PASSWORDS[learner.email])
        page.page.locator("main form button[type=submit]").first.click()
        page.page.wait_for_url(f"**/{language}/**")
        page.page.get_by_role("link", name=t(language, "Notifications")).first.click()
        page.page.wait_for_url(f"**/{language}/learn/notifications/")
        expect(page.page.get_by_text("Your agency must nominate you.")).to_be_visible()
        assert page.page.locator(".notification-unread").count() >= 2
        page.page.get_by_role("button", name=t(language, "Mark all as read")).click()
        page.page.wait_for_url(f"**/{language}/learn/notifications/")
        assert page.page.locator(".notification-unread").count() == 0
        assert not learner.notifications.filter(read_at=None).exists()
        assert page.problems == []
    finally:
        context.close()
