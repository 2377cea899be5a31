"""Eligibility, issuing, revocation, re-issue and public verification."""

import datetime

import pytest
from django.db.models import ProtectedError

from assessments import services as quiz_services
from certificates import selectors, services, verification
from certificates.models import Certificate
from courses import services as course_services
from courses.models import CoursePage, LessonPage
from tests import factories
from tests.certificates.signing import signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator", estimated_hours=8
    )


def complete(learner, course, quiz=None, right=True):
    """Complete the course as the learner's requests would, each committed: what they queue on
    commit runs (the immediate backend signs an automatic certificate's credential)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        course_services.enrolment_create(learner=learner, course=course)
        for lesson in LessonPage.objects.descendant_of(course):
            course_services.lesson_complete(learner=learner, lesson=lesson)
        if quiz is not None:
            attempt = quiz_services.attempt_start(learner=learner, quiz=quiz)
            question = quiz.fixed_questions.get().question
            answer = factories.right_answer(question) if right else None
            quiz_services.attempt_save(
                attempt=attempt, learner=learner, answers={question.pk: answer}
            )
            quiz_services.attempt_submit(attempt=attempt, learner=learner)


@pytest.mark.engine_sensitive
def test_only_learners_who_completed_the_course_are_eligible(course, learner):
    other = factories.make_learner()
    course_services.enrolment_create(learner=other, course=course)
    complete(learner, course)
    eligible = selectors.eligible_learners(course=course)
    assert [e.enrolment.learner for e in eligible] == [learner]


@pytest.mark.engine_sensitive
def test_a_minimum_overall_grade_is_applied(catalog, learner):
    course = factories.make_course(
        index=catalog, modules=1, lessons=0, certificate_issue="coordinator",
        certificate_min_grade=80,
    )  # fmt: skip
    module = course.get_children().first().specific
    quiz = factories.make_quiz(module=module, questions=[factories.make_question()], pass_mark=0)
    complete(learner, course, quiz, right=False)
    assert selectors.eligible_learners(course=course) == []
    with pytest.raises(services.CertificateRefused, match="below"):
        services.certificate_issue(learner=learner, course=course)


@pytest.mark.engine_sensitive
def test_issuing_twice_gives_one_certificate(course, learner):
    complete(learner, course)
    first = services.certificate_issue(learner=learner, course=course)
    second = services.certificate_issue(learner=learner, course=course)
    assert first.pk == second.pk
    assert (first.course_title, first.hours, first.language) == (course.title, 8, "en")
    assert selectors.eligible_learners(course=course) == []


def test_an_incomplete_course_is_refused(course, learner):
    course_services.enrolment_create(learner=learner, course=course)
    with pytest.raises(services.CertificateRefused, match="not complete"):
        services.certificate_issue(learner=learner, course=course)


@pytest.mark.engine_sensitive
def test_automatic_courses_issue_on_completion(catalog, learner):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    assert course.certificate_issue == CoursePage.CertificateIssue.AUTOMATIC
    complete(learner, course)
    certificate = Certificate.objects.get(learner=learner, course=course)
    learner.refresh_from_db()
    assert certificate.name_as_printed == "Ana " + learner.last_name


@pytest.mark.engine_sensitive
def test_revoking_keeps_the_record_and_its_reason(course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    services.certificate_revoke(certificate=certificate, reason="error", note="Wrong cohort")
    certificate.refresh_from_db()
    assert not certificate.is_valid and certificate.revocation_reason == "error"
    with pytest.raises(services.CertificateRefused):
        services.certificate_revoke(certificate=certificate, reason="because")


@pytest.mark.engine_sensitive
def test_reissue_revokes_and_links_the_old_certificate(course, learner):
    complete(learner, course)
    old = services.certificate_issue(learner=learner, course=course)
    new = services.certificate_reissue(
        certificate=old, name_as_printed="Maria d'Ávila", language="pt"
    )
    old.refresh_from_db()
    assert old.replaced_by == new and old.revocation_reason == "reissued"
    assert (new.name_as_printed, new.language) == ("Maria d'Ávila", "pt")
    assert Certificate.objects.filter(learner=learner).count() == 2


def test_in_person_award_for_someone_without_an_account(course):
    award = services.certificate_award_in_person(
        course=course, name_as_printed="Nuno Gonçalves", event_name="Maputo workshop",
        event_date=datetime.date(2026, 5, 12), language="pt", issued_by=None,
    )  # fmt: skip
    assert award.learner is None and award.is_valid


@pytest.mark.engine_sensitive
def test_a_course_with_certificates_cannot_be_deleted(course, learner):
    complete(learner, course)
    services.certificate_issue(learner=learner, course=course)
    with pytest.raises(ProtectedError):
        CoursePage.objects.get(pk=course.pk).delete()


@pytest.fixture
def certificate(course, learner):
    complete(learner, course)
    return signed(
        services.certificate_issue, learner=learner, course=course, name_as_printed="Zoë N'Diaye"
    )


@pytest.mark.engine_sensitive
def test_anyone_verifies_a_certificate_in_at_most_three_queries(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(f"/en/verify/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid certificate" in html and "Zoë N&#x27;Diaye" in html


@pytest.mark.engine_sensitive
def test_codes_are_found_whatever_their_case_and_dashes(client, certificate):
    loose = certificate.code.replace("-", "").lower()
    response = client.get(f"/en/verify/?code={loose}")
    assert response["Location"] == f"/en/verify/{certificate.code}/"


def test_a_revoked_certificate_says_so_and_points_to_its_replacement(client, certificate):
    new = services.certificate_reissue(certificate=certificate, name_as_printed="Zoé N'Diaye")
    html = client.get(f"/fr/verify/{certificate.code}/").content.decode()
    assert "révoqué" in html.lower()
    assert f"/verify/{new.code}/" in html


def test_unknown_codes_are_not_found(client, db):
    assert client.get("/en/verify/0000-0000-0000-0000/").status_code == 404
    assert client.get("/en/verify/not-a-code/").status_code == 404
    assert "No certificate has this code" in client.get("/en/verify/?code=XYZ").content.decode()


@pytest.mark.engine_sensitive
def test_json_verification(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        data = client.get(f"/en/verify/{certificate.code}.json").json()
    assert data["status"] == "valid" and data["name"] == "Zoë N'Diaye"
    assert client.get("/en/verify/0000-0000-0000-0000.json").status_code == 404


def test_the_learner_corrects_the_printed_name(learner_client, learner, certificate):
    response = learner_client.post(
        f"/en/learn/certificates/{certificate.code}/correct/",
        {"name_as_printed": "Zoë N'Diaye-Sarr", "language": "fr"},
    )
    assert response.status_code == 302
    current = Certificate.objects.get(learner=learner, revoked_at__isnull=True)
    assert (current.name_as_printed, current.language) == ("Zoë N'Diaye-Sarr", "fr")


def test_bad_corrections_change_nothing(learner_client, learner, certificate):
    learner_client.post(
        f"/en/learn/certificates/{certificate.code}/correct/",
        {"name_as_printed": "", "language": "xx"},
    )
    assert Certificate.objects.filter(learner=learner).count() == 1


def test_a_correction_cannot_smuggle_a_direction_override(learner_client, learner, certificate):
    response = learner_client.post(
        f"/en/learn/certificates/{certificate.code}/correct/",
        {"name_as_printed": "Ana \u202eavliS", "language": "en"},
        follow=True,
    )
    assert "invisible or text-direction character (U+202E)" in response.content.decode()
    assert Certificate.objects.filter(learner=learner).count() == 1


def test_nobody_else_can_correct_a_certificate(client, certificate):
    client.force_login(factories.make_learner())
    response = client.post(
        f"/en/learn/certificates/{certificate.code}/correct/", {"name_as_printed": "Thief"}
    )
    assert response.status_code == 404


def test_dashboard_lists_the_learners_certificates(learner_client, certificate):
    html = learner_client.get("/en/learn/").content.decode()
    assert certificate.code in html and "My certificates" in html


def test_every_certificate_carries_a_signed_open_badges_credential(client, certificate):
    from certificates import credentials

    credential = certificate.credential
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credentials.verify(credential, public_key=credentials.signing_key().public_key())
    served = client.get(f"/en/verify/{certificate.code}/credential.json")
    assert served["Content-Type"] == "application/ld+json"
    assert served.json() == credential
    assert (
        "The digital signature is valid."
        in client.get(f"/en/verify/{certificate.code}/").content.decode()
    )


def test_a_tampered_credential_is_reported(client, certificate):
    tampered = certificate.credential
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    Certificate.objects.filter(pk=certificate.pk).update(credential=tampered)
    html = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "The digital signature does not match." in html


def test_the_learner_is_told_by_email_in_their_own_language_not_the_certificates(
    course, django_capture_on_commit_callbacks, mailoutbox
):
    learner = factories.make_learner(preferred_language="pt")
    complete(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_issue(learner=learner, course=course, language="en")
    message = mailoutbox[-1]
    assert message.to == [learner.email]
    assert course.title in message.subject and "certificado" in message.subject.lower()
    assert certificate.code in message.body


def test_verification_is_rate_limited_and_not_indexed(client, certificate, settings):
    from certificates import views

    response = client.get(f"/en/verify/{certificate.code}/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    for _ in range(views.VERIFY_LIMIT_PER_MINUTE):
        client.get("/en/verify/0000-0000-0000-0000.json")
    assert client.get(f"/en/verify/{certificate.code}/").status_code == 429


@pytest.mark.engine_sensitive
def test_a_certification_that_must_be_renewed_expires(client, catalog, learner):
    from django.utils import timezone

    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_validity_years=2
    )
    complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.expires_at.year == timezone.now().year + 2
    assert certificate.credential["validUntil"].startswith(str(timezone.now().year + 2))
    assert "Valid until" in client.get(f"/en/verify/{certificate.code}/").content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=timezone.now())
    assert "expired" in client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert client.get(f"/en/verify/{certificate.code}.json").json()["status"] == "expired"
    certificate.refresh_from_db()
    assert verification.credential_check(certificate.credential).status == "expired"


@pytest.mark.engine_sensitive
def test_a_code_that_existed_never_becomes_not_found(certificate, learner):
    with pytest.raises(ProtectedError):
        learner.delete()
    assert verification.certificate_for_verification(certificate.code) is not None


def test_the_learner_confirms_the_printed_name_and_language_before_issue(
    learner_client, learner, course
):
    response = learner_client.post(
        "/en/accounts/profile/",
        {
            "given_name": "Maria",
            "family_name": "Almeida",
            "country": "PT",
            "agency_type": "police",
            "preferred_language": "en",
            "certificate_name": "  Maria José d'Almeida e Sá  ",
            "certificate_language": "pt",
        },
    )
    assert response.status_code == 302
    learner = type(learner).objects.get(pk=learner.pk)  # as the issuing request would load it
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    assert certificate.name_as_printed == "Maria José d'Almeida e Sá"
    assert certificate.language == "pt"


def test_without_a_confirmed_name_the_profile_names_and_language_are_used(learner, course):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    assert certificate.name_as_printed == learner.profile.display_name
    assert certificate.language == learner.profile.preferred_language


def test_the_dashboard_shows_how_certificates_will_read(learner_client, learner, course):
    factories.make_enrolment(learner=learner, course=course)
    learner.profile.certificate_name = "Zoë <b>N'Diaye</b>"
    learner.profile.certificate_language = "es"
    learner.profile.save()
    html = learner_client.get("/en/learn/").content.decode()
    assert (
        "Your certificates will be issued to <strong>Zoë &lt;b&gt;N&#x27;Diaye&lt;/b&gt;" in html
    )
    assert "Spanish" in html or "Español" in html


def test_a_revoked_certificates_pdf_is_no_longer_handed_out(client, course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    services.certificate_revoke(certificate=certificate, reason="error")
    client.force_login(learner)
    url = f"/en/learn/certificates/{certificate.code}.pdf"
    assert client.get(url).status_code == 404
