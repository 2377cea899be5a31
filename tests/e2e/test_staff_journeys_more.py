"""More of the staff's work in the seeded demo, in English and in French, each person signed in
through the real sign-in page with their two-factor code (see test_staff_journeys):

- a coordinator creates a cohort and edits it, adds a member and removes them, sends a
  reminder to the learners at risk, bulk-issues certificates and watches the run finish, and
  records an in-person award;
- a programme manager assigns a coordinator to a course, removes the assignment and finds
  both in the audit log;
- a trainer creates a question (type first, then its answers), imports a GIFT file, opens a
  quiz's results and one attempt, and the typed answers marked wrong.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from certificates.models import Certificate
from certificates.services import eligible_learners
from coordination.models import AuditEvent, CourseAssignment
from courses.models import Cohort, CoursePage, Enrolment
from tests.e2e import test_staff_journeys as journeys
from tests.e2e.test_staff_journeys import LANGUAGES, t

# The seeded demo and the signed-in staff of test_staff_journeys, as fixtures of this module.
demo_copy = journeys.demo_copy
demo = journeys.demo
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
    assert page.get_by_text(recorded).is_visible()
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
