"""What the guides tell a learner to do, done in a browser in the seeded demo, in English and
in French (see test_staff_journeys for the demo and its copy):

- a practitioner creates an account, confirms their address with the link in the e-mail,
  enrols in an open course, applies for a vetted one and withdraws from the open course
  (docs/guides/learners.md, steps 1, 4 and 8);
- a practitioner of the demo corrects the name and the language of a certificate under *My
  certificates* (step 10), which issues a new certificate and revokes the old one.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from wagtail.models import Locale

from certificates.models import Certificate
from certificates.services import certificate_issue, eligible_learners
from coordination.models import EnrolmentApplication
from courses.models import CoursePage, Enrolment
from tests.e2e import test_staff_journeys as journeys
from tests.e2e.test_staff_journeys import LANGUAGES, Watched, t

demo_copy = journeys.demo_copy
demo = journeys.demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in attempts are rate-limited in the cache; each test starts without them."""
    cache.clear()


@pytest.fixture
def visitor(browser, demo):
    """A browser for someone who is not signed in; closed at the end of the test."""
    opened = []

    def opened_in(language: str) -> Watched:
        context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        opened.append(context)
        return Watched(context.new_page(), demo.url)

    yield opened_in
    for context in opened:
        context.close()


def course_path(course: CoursePage, language: str) -> str:
    """The course page's address in ``language``.

    The demo is seeded in English only: the course page is translated (copied into the
    language and published, as a translator does) before the learner opens it.
    """
    if language != "en":
        locale = Locale.objects.get(language_code=language)
        translated = course.get_translations().filter(locale=locale).first()
        if translated is None:
            translated = course.copy_for_translation(locale, copy_parents=True)
            translated.save_revision().publish()
        course = translated.specific
    return course.get_url()


@pytest.mark.parametrize("language", LANGUAGES)
def test_practitioner_signs_up_enrols_applies_and_withdraws(visitor, language):
    courses = CoursePage.objects.live().filter(locale__language_code="en")
    open_course = courses.filter(enrolment=CoursePage.Enrolment.OPEN).order_by("path").first()
    vetted = courses.filter(enrolment=CoursePage.Enrolment.APPROVAL).order_by("path").first()
    assert open_course is not None and vetted is not None
    email = f"new.officer.{language}@example.org"
    person = visitor(language)
    page = person.page

    # Create an account, then confirm the address with the link in the e-mail.
    person.goto(f"/{language}/accounts/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill("a-long-pass-phrase-2026")
    page.locator("#id_password2").fill("a-long-pass-phrase-2026")
    page.locator("#id_given_name").fill("Marie")
    page.locator("#id_family_name").fill("Kouassi")
    page.locator("#id_country").select_option("CI")
    page.locator("#id_agency_type").select_option("police")
    page.locator("#id_job_title").fill("Investigator")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    learner = get_user_model().objects.get(email=email)
    assert learner.profile.preferred_language == language
    (message,) = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert learner.emailaddress_set.get(email=email).verified

    # Sign in (unless the confirmation already did).
    if page.locator("input[name=login]").count():
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill("a-long-pass-phrase-2026")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()

    # Enrol in an open course.
    person.goto(course_path(open_course, language))
    page.get_by_role("button", name=t(language, "Enrol in this course")).click()
    page.get_by_role("button", name=t(language, "Withdraw from this course")).wait_for()
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.ACTIVE

    # Apply for a vetted course.
    person.goto(course_path(vetted, language))
    page.get_by_role("link", name=t(language, "Apply for this course")).first.click()
    page.locator("#id_agency_name").fill("Police nationale")
    page.locator("#id_agency_type").select_option("police")
    page.locator("#id_job_title").fill("Investigator")
    page.locator("#id_motivation").fill("I investigate sales of stolen data on hidden markets.")
    page.get_by_role("button", name=t(language, "Send my application")).click()
    page.wait_for_load_state()
    application = EnrolmentApplication.objects.get(applicant=learner)
    assert application.status == EnrolmentApplication.Status.PENDING

    # Withdraw from the open course.
    person.goto(course_path(open_course, language))
    page.get_by_role("button", name=t(language, "Withdraw from this course")).click()
    page.get_by_role("button", name=t(language, "Enrol in this course")).wait_for()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    assert person.problems == []


def demo_certificate() -> Certificate:
    """A valid certificate of one of the demo's practitioners; if the demo issued none yet,
    one issued through the service to a practitioner who completed a course."""
    certificate = (
        Certificate.objects.filter(learner__isnull=False, revoked_at=None)
        .select_related("learner")
        .order_by("pk")
        .first()
    )
    if certificate is not None:
        return certificate
    for course in CoursePage.objects.filter(locale__language_code="en"):
        for eligible in eligible_learners(course=course):
            return certificate_issue(learner=eligible.enrolment.learner, course=course)
    raise AssertionError("the demo has no practitioner who completed a course")


@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_corrects_the_name_and_language_of_a_certificate(visitor, language):
    certificate = demo_certificate()
    learner = certificate.learner
    password = "a-long-pass-phrase-2026"
    learner.set_password(password)  # the demo's practitioners have no password of their own
    learner.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=learner, email=learner.email, defaults={"verified": True, "primary": True}
    )
    new_language = "es" if certificate.language != "es" else "pt"
    person = visitor(language)
    page = person.page

    person.goto(f"/{language}/accounts/login/?next=/{language}/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    person.goto(f"/{language}/learn/")
    card = page.locator(".course-card").filter(has_text=certificate.code)
    card.get_by_text(t(language, "Correct the name or the language")).click()
    card.get_by_label(t(language, "Name as it should be printed")).fill("Amina N'Diaye Diallo")
    card.get_by_label(t(language, "Language of the certificate")).select_option(new_language)
    card.get_by_role("button", name=t(language, "Issue it again")).click()
    page.wait_for_load_state()
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    new = Certificate.objects.get(pk=certificate.replaced_by_id)
    assert new.name_as_printed == "Amina N'Diaye Diallo" and new.language == new_language
    assert page.locator(".course-card").filter(has_text=new.code).count() == 1
    assert person.problems == []
