"""A revoked certificate stays revoked: no silent re-issue, the holder is told and sees it."""

import pytest
from django.utils import formats, timezone, translation

from certificates import selectors, services
from certificates.models import Certificate
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def revoked(course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    return services.certificate_revoke(
        certificate=certificate, reason="misconduct", note="Copied the answers"
    )


@pytest.mark.engine_sensitive
def test_a_learner_whose_certificate_was_revoked_is_not_eligible_again(course, revoked):
    assert selectors.eligible_learners(course=course) == []


@pytest.mark.engine_sensitive
def test_a_bulk_issue_does_not_give_a_revoked_learner_a_new_certificate(
    course, learner, revoked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_run_create(course=course, requested_by=factories.make_user())
    assert not Certificate.objects.filter(learner=learner, revoked_at__isnull=True).exists()


def test_issuing_again_after_a_revocation_is_refused(course, learner, revoked):
    with pytest.raises(services.CertificateRefused, match="revoked"):
        services.certificate_issue(learner=learner, course=course)
    assert Certificate.objects.filter(learner=learner).count() == 1


@pytest.mark.engine_sensitive
def test_completing_an_automatic_course_again_does_not_reissue_a_revoked_certificate(
    catalog, learner
):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    complete(learner, course)
    certificate = Certificate.objects.get(learner=learner, course=course)
    services.certificate_revoke(certificate=certificate, reason="error")
    from courses import events
    from courses.models import Enrolment

    enrolment = Enrolment.objects.get(learner=learner, course=course)
    events.course_completed.send(sender=Enrolment, enrolment=enrolment)
    assert Certificate.objects.filter(learner=learner).count() == 1


@pytest.mark.engine_sensitive
def test_an_explicit_reissue_gives_a_revoked_learner_a_new_certificate(course, learner, revoked):
    new = services.certificate_reissue(certificate=revoked, by=factories.make_user())
    assert new.is_valid and new.learner == learner
    revoked.refresh_from_db()
    assert revoked.revocation_reason == "misconduct" and revoked.replaced_by == new


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "revoked"), ("fr", "révoqué"), ("pt", "revogado"), ("es", "revocado")],
)
def test_the_holder_is_told_of_the_revocation_in_their_language(
    course, language, word, django_capture_on_commit_callbacks, mailoutbox
):
    learner = factories.make_learner(preferred_language=language)
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="en")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_revoke(certificate=certificate, reason="misconduct")
    (message,) = mailoutbox
    assert message.to == [learner.email]
    assert word in message.subject.lower() and course.title in message.subject
    with translation.override(language):
        date = formats.date_format(timezone.localtime(certificate.revoked_at), "DATE_FORMAT")
        reason = str(certificate.get_revocation_reason_display())
    assert date in message.body and reason in message.body
    assert certificate.code in message.body


def test_a_replaced_certificate_sends_no_revocation_email(
    course, learner, django_capture_on_commit_callbacks, mailoutbox
):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(certificate=certificate, name_as_printed="Ana Silva")
    (message,) = mailoutbox
    assert new.code in message.body


@pytest.mark.engine_sensitive
def test_revoking_twice_sends_one_email(
    course, learner, django_capture_on_commit_callbacks, mailoutbox
):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="error")
        services.certificate_revoke(certificate=certificate, reason="error")
    assert len(mailoutbox) == 1


def test_the_dashboard_shows_a_revoked_certificate_with_its_date(learner_client, revoked):
    html = learner_client.get("/en/learn/").content.decode()
    day = timezone.localtime(revoked.revoked_at)
    date = formats.date_format(day, "DATE_FORMAT")
    assert revoked.code in html
    assert f'Revoked on <time datetime="{day:%Y-%m-%d}">{date}</time>' in html
    assert "academic misconduct" in html
    assert f"/en/learn/certificates/{revoked.code}.pdf" not in html


@pytest.mark.engine_sensitive
def test_the_dashboard_lists_a_corrected_certificate_once(learner_client, course, learner):
    complete(learner, course)
    old = services.certificate_issue(learner=learner, course=course)
    new = services.certificate_reissue(certificate=old, name_as_printed="Ana Silva")
    html = learner_client.get("/en/learn/").content.decode()
    assert new.code in html
    assert old.code not in html
    assert "Revoked on" not in html
