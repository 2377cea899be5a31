"""Issuing, revoking and re-issuing certificates, signing their credentials, bulk issue runs.

Every function here writes. Who has earned a certificate is read in
``certificates.selectors``; public verification (a code, a proof, an uploaded credential, the
revocation list) is in ``certificates.verification``.
"""

import json
from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates import signals
from certificates.models import Certificate
from certificates.selectors import (
    course_title_in,
    eligible_learners,
    meets_minimum,
    overall_grades,
    template_for,
)
from certificates.verification import proof_fingerprint, proof_result_set, status_list_url
from courses.models import CoursePage, Enrolment
from courses.translation import source_page


class CertificateRefused(ValidationError):
    """The certificate cannot be issued (the message says why, translated)."""


def _expiry(course: CoursePage):
    if not course.certificate_validity_years:
        return None
    now = timezone.now()
    try:
        return now.replace(year=now.year + course.certificate_validity_years)
    except ValueError:  # 29 February
        return now.replace(year=now.year + course.certificate_validity_years, day=28)


def _printed_name(learner) -> str:
    profile = getattr(learner, "profile", None)
    return (profile.name_for_certificates if profile else "") or learner.email


@transaction.atomic
def certificate_issue(
    *,
    learner,
    course: CoursePage,
    issued_by=None,
    name_as_printed=None,
    language=None,
) -> Certificate:
    """Issue the learner's certificate, or return the valid one they already hold.

    The certificate is stored here, so the page that asked for it shows it at once (its
    credential "being signed"); signing the credential and telling the learner wait for a
    task queued on commit (``certificates.tasks.credential_sign_task``), as for every other
    way a certificate is made.

    Refused once the learner's certificate for the course has been revoked: completing the
    course again, or a bulk issue, must not undo a revocation. A coordinator who means to
    give a new one re-issues the revoked certificate (``certificate_reissue``).
    """
    course = source_page(course)
    # One query for both checks (bulk issue counts its queries): the valid one comes first.
    existing = (
        Certificate.objects.filter(learner=learner, course=course)
        .order_by(F("revoked_at").asc(nulls_first=True))
        .first()
    )
    if existing is not None and existing.revoked_at is None:
        return existing
    if existing is not None:
        raise CertificateRefused(
            _(
                "This learner's certificate for the course was revoked. Only a coordinator "
                "or a programme manager can issue it again, by re-issuing it."
            )
        )
    if course.certificate_issue == CoursePage.CertificateIssue.NONE:
        raise CertificateRefused(_("This course does not award certificates."))
    if not Enrolment.objects.filter(
        learner=learner, course=course, status=Enrolment.Status.COMPLETED
    ).exists():
        raise CertificateRefused(_("The course is not complete yet."))
    grade = overall_grades(course=course, learner_ids=[learner.pk])[learner.pk]
    if not meets_minimum(course, grade):
        raise CertificateRefused(_("The overall grade is below the course's minimum."))
    profile = getattr(learner, "profile", None)
    name = (name_as_printed or "").strip() or _printed_name(learner)
    language = language or (profile.language_for_certificates if profile else "en")
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                learner=learner,
                course=course,
                course_title=course_title_in(course, language),
                name_as_printed=name[:200],
                language=language,
                hours=course.estimated_hours,
                grade=grade,
                issued_by=issued_by,
                expires_at=_expiry(course),
            )
            _credential_sign_later(certificate)
            return certificate
    except IntegrityError:
        # Issued at the same moment by another request (a bulk run and a click): keep it.
        return Certificate.objects.get(learner=learner, course=course, revoked_at__isnull=True)


@transaction.atomic
def certificate_award_in_person(
    *, course: CoursePage, name_as_printed: str, event_name: str, event_date, language: str,
    issued_by,
) -> Certificate:  # fmt: skip
    """Record an award from an in-person training for someone who has no account."""
    course = source_page(course)
    if not name_as_printed.strip() or not event_name.strip():
        raise CertificateRefused(_("Give the name to print and the event."))
    certificate = Certificate.objects.create(
        course=course,
        course_title=course_title_in(course, language),
        name_as_printed=name_as_printed.strip()[:200],
        language=language,
        hours=course.estimated_hours,
        event_name=event_name.strip()[:255],
        event_date=event_date,
        issued_by=issued_by,
    )
    signals.certificate_awarded_in_person.send(
        sender=Certificate, certificate=certificate, by=issued_by
    )
    _credential_sign_later(certificate)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, note: str = "", by=None):
    """Revoke a certificate; the record stays, with its reason. Revoking twice changes nothing.

    The holder is told by e-mail, with the date and the reason, unless the certificate is
    being replaced: the new certificate's own e-mail says so then.
    """
    if reason not in Certificate.RevocationReason.values:
        raise CertificateRefused(_("Choose a reason for the revocation."))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason
        locked.revocation_note = note
        locked.save(update_fields=["revoked_at", "revocation_reason", "revocation_note"])
        signals.certificate_revoked.send(sender=Certificate, certificate=locked, by=by)
        if reason != Certificate.RevocationReason.REISSUED:
            _announce(locked, kind="revoked")
    return locked


@transaction.atomic
def certificate_reissue(
    *, certificate: Certificate, name_as_printed: str | None = None, language=None, by=None
) -> Certificate:
    """Replace a certificate (a corrected name, a new language): revoke, issue, link.

    The new certificate is stored here and signed (and announced) by the task queued on
    commit, like a certificate issued any other way."""
    old = certificate_revoke(certificate=certificate, reason="reissued", by=by)
    if old.replaced_by_id:
        return old.replaced_by
    language = language or old.language
    new = Certificate.objects.create(
        learner=old.learner,
        course=old.course,
        # A new language prints the course's title in that language; otherwise the title
        # stays as it was printed.
        course_title=old.course_title if language == old.language else _title_in(old, language),
        name_as_printed=(name_as_printed or old.name_as_printed).strip()[:200],
        language=language,
        hours=old.hours,
        grade=old.grade,
        event_name=old.event_name,
        event_date=old.event_date,
        live_session=old.live_session,
        issued_by=by,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    _credential_sign_later(new)
    return new


def _title_in(certificate: Certificate, language: str) -> str:
    """The course's title in ``language``; a certificate of attendance, the session's."""
    if certificate.course_id is None and certificate.live_session_id:
        from lms.notify import page_in_language

        return page_in_language(certificate.live_session, language).title
    return course_title_in(certificate.course, language)


def _announce(certificate: Certificate, *, kind: str = "issued") -> None:
    """Tell the learner the certificate was issued or revoked: a notification, and an e-mail
    (``certificates/email/<kind>_subject.txt`` and ``_body.txt``) in the language they read
    the site in, with the course's title in that language when it is translated."""
    from lms.notify import link, notify, page_params

    if certificate.learner_id is None or certificate.live_session_id:
        return  # attendance certificates are announced by the live app's own e-mail
    params = {"code": certificate.code, **page_params(course=certificate.course)}
    params["course_title"] = certificate.course_title
    if kind == "revoked":
        params["reason"] = certificate.revocation_reason
    notify(
        recipient=certificate.learner,
        kind=f"certificate_{kind}",
        params=params,
        template_prefix=f"certificates/email/{kind}",
        context={
            "certificate": certificate,
            "course": certificate.course,
            "dashboard_url": link("courses:dashboard"),
        },
    )


def _credential_sign(certificate: Certificate, *, announce: bool = True) -> Certificate:
    """Build and sign the certificate's Open Badges 3.0 credential and store it; then tell
    the learner, unless ``announce`` is off (certificates of the demo's past cohorts)."""

    from certificates import credentials, status_list

    key = credentials.signing_key()
    texts = {"title": certificate.course_title, "hours": certificate.hours}
    with translation.override(certificate.language):
        description = (
            ngettext(
                "Certificate of completion of the course “%(title)s” (%(hours)d hour).",
                "Certificate of completion of the course “%(title)s” (%(hours)d hours).",
                certificate.hours,
            )
            % texts
        )
        narrative = (
            ngettext(
                "Completed the course “%(title)s” (%(hours)d hour of study).",
                "Completed the course “%(title)s” (%(hours)d hours of study).",
                certificate.hours,
            )
            % texts
        )
        if certificate.live_session_id:
            description = _("Certificate of attendance of the live session “%(title)s”.") % texts
            narrative = _("Attended the live session “%(title)s”.") % texts
    unsigned = credentials.achievement_credential(
        certificate=certificate,
        issuer_id=credentials.did_key_from_public_key(key.public_key()),
        issuer_name=settings.LMS_ISSUER_NAME,
        verification_url=certificate.verification_url,
        description=description,
        narrative=narrative,
    )
    unsigned["credentialStatus"] = status_list.status_entry(
        status_list_url(), certificate.status_index
    )
    if certificate.expires_at:
        unsigned["validUntil"] = certificate.expires_at.astimezone(UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
    certificate.credential = credentials.sign(
        unsigned,
        private_key=key,
        verification_method=credentials.verification_method_for(key.public_key()),
        created=certificate.issued_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    # Checked once here, so that verification requests read the result (issue 16).
    proof_result_set(certificate)
    certificate.save(update_fields=["credential", "proof_valid", "proof_checked_for"])
    if announce:
        _announce(certificate)
    return certificate


def _credential_sign_later(certificate: Certificate) -> None:
    """Queue the signing of a certificate just stored, once its transaction commits: issuing
    (completion, a coordinator, a bulk run), an in-person award and a re-issue all end here."""
    from certificates.tasks import credential_sign_task

    certificate_id = certificate.pk
    transaction.on_commit(lambda: credential_sign_task.enqueue(certificate_id))


@transaction.atomic
def certificate_credential_sign(*, certificate_id: int) -> Certificate | None:
    """Sign a certificate's credential and tell the learner it was issued: what
    ``credential_sign_task`` does after every issue, award and re-issue.

    Whoever signs announces, under the row's lock, so the learner hears once: a task run
    twice, or run after a PDF download signed the credential on demand, changes nothing. A
    certificate revoked before its task ran is signed (its verification page still shows the
    credential with its revocation) but not announced.
    """
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("replaced_by")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.credential is not None:
        return certificate
    return _credential_sign(certificate, announce=certificate.revoked_at is None)


@transaction.atomic
def certificate_credentials_sign_missing(*, certificates) -> int:
    """Sign the credential of each certificate in ``certificates`` that has none, without
    notifying anyone: for certificates written in bulk (the demo's past cohorts), so that
    their verification pages show a signed credential like any other. Returns how many."""
    signed = 0
    for certificate in certificates.filter(credential__isnull=True).select_related("replaced_by"):
        _credential_sign(certificate, announce=False)
        signed += 1
    return signed


def credential_proof_record(*, certificate: Certificate) -> Certificate:
    """Check the credential's proof and keep the result with what it was checked for.

    Called when a credential is signed (issue, re-issue) and by ``manage.py
    certificates_check_proofs`` after the issuer's keys change.
    """
    proof_result_set(certificate)
    certificate.save(update_fields=["proof_valid", "proof_checked_for"])
    return certificate


def credential_proofs_recheck() -> tuple[int, int]:
    """Re-check every certificate whose kept result no longer matches (keys rotated, content
    changed). Returns (checked, invalid). One transaction per certificate, so a long run
    can be interrupted and resumed."""
    checked = invalid = 0
    pending = Certificate.objects.exclude(credential__isnull=True).only(
        "pk", "credential", "proof_checked_for", "proof_valid"
    )
    for certificate in pending.iterator(chunk_size=200):
        if certificate.proof_checked_for == proof_fingerprint(certificate.credential):
            continue
        with transaction.atomic():
            credential_proof_record(certificate=certificate)
        checked += 1
        invalid += not certificate.proof_valid
    return checked, invalid


@transaction.atomic
def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """Render the certificate's PDF once and store it; later calls serve the stored file."""
    from django.core.files.base import ContentFile

    from certificates import pdf

    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.credential is None:
        # Downloaded before its signing task ran: sign now, so the PDF carries the credential,
        # and tell the learner here (the task, finding it signed, then does nothing).
        _credential_sign(locked, announce=locked.revoked_at is None)
    if not locked.pdf:
        template = template_for(locked.course)
        attachments = []
        if locked.credential:
            attachments.append(
                pdf.credential_attachment(json.dumps(locked.credential, ensure_ascii=False))
            )
        content = pdf.certificate_pdf(locked, locked.verification_url, template, attachments)
        locked.pdf.save(f"{locked.code}.pdf", ContentFile(content), save=False)
        locked.save(update_fields=["pdf"])
    return locked


@transaction.atomic
def issue_run_create(*, course: CoursePage, cohort=None, requested_by=None):
    """Record a bulk issue and queue it once the transaction commits."""
    from certificates.models import IssueRun
    from certificates.tasks import issue_run_task

    run = IssueRun.objects.create(
        course=source_page(course), cohort=cohort, requested_by=requested_by
    )
    signals.issue_run_queued.send(sender=IssueRun, run=run, by=requested_by, resumed=False)
    transaction.on_commit(lambda: issue_run_task.enqueue(run.pk))
    return run


def issue_run_execute(*, run_id: int) -> None:
    """Issue every eligible learner's certificate, counting as it goes (progress is visible).

    Each step stamps ``heartbeat_at`` in the same UPDATE as the count, so a killed worker
    shows as interrupted (``IssueRun.is_interrupted``). Resumed, a run carries on from its
    count: learners who got their certificate before the interruption are no longer
    eligible, so they are neither issued again nor counted twice.
    """
    from certificates.models import IssueRun

    run = IssueRun.objects.select_related("course", "cohort").get(pk=run_id)
    eligible = eligible_learners(course=run.course, cohort=run.cohort)
    issued = run.issued
    IssueRun.objects.filter(pk=run_id).update(
        state="running", total=issued + len(eligible), issued=issued, heartbeat_at=timezone.now()
    )
    try:
        for entry in eligible:
            certificate_issue(
                learner=entry.enrolment.learner, course=run.course, issued_by=run.requested_by
            )
            issued += 1
            IssueRun.objects.filter(pk=run_id).update(issued=issued, heartbeat_at=timezone.now())
    except Exception as error:
        IssueRun.objects.filter(pk=run_id).update(state="failed", error=str(error)[:2000])
        raise
    IssueRun.objects.filter(pk=run_id).update(state="done", heartbeat_at=timezone.now())


@transaction.atomic
def issue_run_resume(*, run, by=None):
    """Queue an interrupted bulk issue again; it carries on where it stopped.

    Refused while the run still shows progress. Queuing stamps ``heartbeat_at``, so a second
    click (or a second coordinator) in the meantime is refused rather than queuing it twice.
    """
    from certificates.models import IssueRun
    from certificates.tasks import issue_run_task

    # of=("self",): the cohort is a nullable (outer) join, which PostgreSQL cannot lock.
    locked = (
        IssueRun.objects.select_related("course", "cohort")
        .select_for_update(of=("self",))
        .get(pk=run.pk)
    )
    if not locked.is_interrupted:
        raise CertificateRefused(
            _(
                "This bulk issue is still making progress or has finished; it can be resumed "
                "only once it has stopped."
            )
        )
    locked.state = IssueRun.State.QUEUED
    locked.heartbeat_at = timezone.now()
    locked.error = ""
    locked.save(update_fields=["state", "heartbeat_at", "error"])
    signals.issue_run_queued.send(sender=IssueRun, run=locked, by=by, resumed=True)
    transaction.on_commit(lambda: issue_run_task.enqueue(locked.pk))
    return locked


@transaction.atomic
def certificate_attendance_issue(
    *,
    live_session,
    learner,
    name_as_printed: str,
    title: str,
    language: str,
    event_date,
    by=None,
) -> Certificate:
    """A certificate of attendance of a live session, for a learner or (``learner`` None) a
    public registrant without an account: the same record, PDF, verification, revocation and
    signed credential as a course certificate, with no course. Signed in the background; the
    live app e-mails the attendee."""
    certificate = Certificate.objects.create(
        learner=learner,
        course=None,
        live_session=live_session,
        course_title=title[:255],
        name_as_printed=name_as_printed[:200],
        language=language,
        hours=0,
        event_date=event_date,
        issued_by=by,
    )
    _credential_sign_later(certificate)
    return certificate
