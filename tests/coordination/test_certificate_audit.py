"""Certificates and discussions announce changes with signals; coordination audits them.

Certificates does not import coordination (the layers contract in pyproject.toml): the rows
below are written by ``coordination.receivers``, inside the transaction of the change.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from certificates import services
from certificates import signals as certificate_signals
from certificates.models import IssueRun
from coordination.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def award(course, by):
    return services.certificate_award_in_person(
        course=course, name_as_printed="Ana Souza", event_name="Workshop", language="en",
        event_date=datetime.date(2026, 5, 4), issued_by=by,
    )  # fmt: skip


def test_an_in_person_award_and_its_revocation_by_a_coordinator_are_audited(
    course, cohort, coordinator
):
    certificate = award(course, coordinator)
    services.certificate_revoke(certificate=certificate, reason="error", by=coordinator)
    issued, revoked = AuditEvent.objects.order_by("pk")
    assert (issued.action, issued.actor, issued.course_id) == ("issue", coordinator, course.pk)
    assert issued.summary == (
        f"In-person award {certificate.code} recorded for Ana Souza (Workshop)."
    )
    assert (revoked.action, revoked.actor, revoked.course_id) == ("revoke", coordinator, course.pk)
    assert revoked.summary.startswith(f"Certificate {certificate.code} revoked (")


def test_revoking_twice_is_audited_once(course, cohort, coordinator):
    certificate = award(course, coordinator)
    services.certificate_revoke(certificate=certificate, reason="error", by=coordinator)
    services.certificate_revoke(certificate=certificate, reason="error", by=coordinator)
    assert AuditEvent.objects.filter(action="revoke").count() == 1


def test_changes_by_someone_without_a_coordinator_role_are_not_audited(course):
    certificate = award(course, None)
    services.certificate_revoke(certificate=certificate, reason="error", by=factories.make_user())
    assert not AuditEvent.objects.exists()


def test_a_bulk_issue_started_and_resumed_is_audited_with_its_cohort(course, cohort, coordinator):
    run = services.issue_run_create(course=course, cohort=cohort, requested_by=coordinator)
    IssueRun.objects.filter(pk=run.pk).update(
        state="running", heartbeat_at=timezone.now() - datetime.timedelta(days=1)
    )
    services.issue_run_resume(run=run, by=coordinator)
    started, resumed = AuditEvent.objects.order_by("pk")
    assert (started.action, started.cohort, resumed.cohort) == ("issue", cohort, cohort)
    assert started.summary == "Bulk issue of Digital evidence certificates started (Maputo 2026)."
    assert resumed.summary == "Interrupted bulk issue of Digital evidence certificates resumed."


def test_a_rolled_back_revocation_leaves_no_audit_row(course, cohort, coordinator):
    certificate = award(course, coordinator)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.certificate_revoke(certificate=certificate, reason="error", by=coordinator)
        raise RuntimeError
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["issue"]


def test_certificates_announces_a_revocation_to_any_receiver(course):
    heard = []

    def receiver(sender, certificate, by, **kwargs):
        heard.append((certificate.code, by))

    certificate_signals.certificate_revoked.connect(receiver)
    try:
        certificate = award(course, None)
        services.certificate_revoke(certificate=certificate, reason="error")
    finally:
        certificate_signals.certificate_revoked.disconnect(receiver)
    assert heard == [(certificate.code, None)]
