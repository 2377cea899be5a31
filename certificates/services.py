"""Who has earned a certificate, and issuing, revoking and re-issuing them.

The rule (per course): the course is complete by the completion rule (``courses.completion``:
every required lesson, quiz and discussion case done), which the enrolment's "completed"
status records, and, when the course sets one, an overall grade (the average of the required
quizzes' grades, from ``assessments.selectors.quiz_grades_for``) at or above its minimum.
"""

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.coreutils import get_supported_content_language_variant

from certificates import signals
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from courses.translation import source_page


class CertificateRefused(ValidationError):
    """The certificate cannot be issued (the message says why, translated)."""


def overall_grades(*, course: CoursePage, learner_ids) -> dict[int, Decimal | None]:
    """Each learner's overall grade: the mean of their required quiz grades, a quiz not graded
    yet counting as 0. Two queries; grades come from ``assessments.selectors``."""
    from assessments.models import QuizPage
    from assessments.selectors import quiz_grades_for

    quiz_ids = list(
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(required=True)
        .values_list("pk", flat=True)
    )
    grades: dict[int, Decimal | None] = dict.fromkeys(learner_ids)
    if not quiz_ids:
        return grades
    found = quiz_grades_for(learner_ids=list(grades), quiz_ids=quiz_ids)
    for learner_id in grades:
        per_quiz = [
            getattr(found.get((learner_id, quiz_id)), "grade", None) or Decimal(0)
            for quiz_id in quiz_ids
        ]
        grades[learner_id] = (sum(per_quiz, Decimal(0)) / len(per_quiz)).quantize(
            Decimal("0.0001")
        )
    return grades


@dataclass(frozen=True)
class Eligible:
    enrolment: Enrolment
    grade: Decimal | None


def _meets_minimum(course: CoursePage, grade: Decimal | None) -> bool:
    if course.certificate_min_grade is None:
        return True
    return grade is not None and grade * 100 >= course.certificate_min_grade


def eligible_learners(*, course: CoursePage, cohort=None, cohorts=None) -> list[Eligible]:
    """Learners who have earned the course's certificate and have never been given one.

    A learner whose certificate was revoked is left out too: otherwise the next bulk issue
    would quietly undo the revocation. Only an explicit ``certificate_reissue`` gives them a
    new one. ``cohort`` narrows to one cohort; ``cohorts`` (a queryset) to the cohorts a
    coordinator may see.
    """
    course = source_page(course)
    enrolments = (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.COMPLETED)
        .exclude(learner__certificates__in=Certificate.objects.filter(course=course))
        .select_related("learner__profile")
        .order_by("learner__last_name", "learner__email")
    )
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    if cohorts is not None:
        enrolments = enrolments.filter(cohort__in=cohorts)
    enrolments = list(enrolments)
    grades = overall_grades(course=course, learner_ids=[e.learner_id for e in enrolments])
    return [
        Eligible(enrolment=e, grade=grades[e.learner_id])
        for e in enrolments
        if _meets_minimum(course, grades[e.learner_id])
    ]


def _expiry(course: CoursePage):
    if not course.certificate_validity_years:
        return None
    now = timezone.now()
    try:
        return now.replace(year=now.year + course.certificate_validity_years)
    except ValueError:  # 29 February
        return now.replace(year=now.year + course.certificate_validity_years, day=28)


def course_title_in(course: CoursePage, language: str) -> str:
    """The course's title in ``language``: its published translation's, else the original's.

    ``course`` is the default-language page. Its translation is the live page with the same
    ``translation_key`` in that language's locale (wagtail-localize). The default language
    costs no query; any other costs one the first time it is asked of this ``course`` object,
    whether or not a translation exists, so a bulk issue reads each language's title once.
    """
    if language == get_supported_content_language_variant(settings.LANGUAGE_CODE):
        return course.title
    known = course.__dict__.setdefault("_titles_by_language", {})
    if language not in known:
        known[language] = (
            CoursePage.objects.live()
            .filter(translation_key=course.translation_key, locale__language_code=language)
            .values_list("title", flat=True)
            .first()
        )
    return known[language] or course.title


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
    sign_later: bool = False,
) -> Certificate:
    """Issue the learner's certificate, or return the valid one they already hold.

    ``sign_later`` (completing the course, in the learner's request) stores the certificate
    now and leaves signing its credential and telling the learner to a task queued on commit
    (``certificates.tasks.credential_sign_task``); otherwise both happen here.

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
    if not _meets_minimum(course, grade):
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
            if sign_later:
                _credential_sign_later(certificate)
                return certificate
            return _credential_sign(certificate)
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
    return _credential_sign(certificate)


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
    """Replace a certificate (a corrected name, a new language): revoke, issue, link."""
    old = certificate_revoke(certificate=certificate, reason="reissued", by=by)
    if old.replaced_by_id:
        return old.replaced_by
    language = language or old.language
    new = Certificate.objects.create(
        learner=old.learner,
        course=old.course,
        # A new language prints the course's title in that language; otherwise the title
        # stays as it was printed.
        course_title=old.course_title
        if language == old.language
        else course_title_in(old.course, language),
        name_as_printed=(name_as_printed or old.name_as_printed).strip()[:200],
        language=language,
        hours=old.hours,
        grade=old.grade,
        event_name=old.event_name,
        event_date=old.event_date,
        issued_by=by,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return _credential_sign(new)


def _announce(certificate: Certificate, *, kind: str = "issued") -> None:
    """Tell the learner the certificate was issued or revoked: a notification, and an e-mail
    (``certificates/email/<kind>_subject.txt`` and ``_body.txt``) in the language they read
    the site in, with the course's title in that language when it is translated."""
    from lms.notify import link, notify, page_params

    if certificate.learner_id is None:
        return
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
    from django.conf import settings

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
    _proof_result_set(certificate)
    certificate.save(update_fields=["credential", "proof_valid", "proof_checked_for"])
    if announce:
        _announce(certificate)
    return certificate


def _credential_sign_later(certificate: Certificate) -> None:
    from certificates.tasks import credential_sign_task

    certificate_id = certificate.pk
    transaction.on_commit(lambda: credential_sign_task.enqueue(certificate_id))


@transaction.atomic
def certificate_credential_sign(*, certificate_id: int) -> Certificate | None:
    """Sign a certificate's credential unless it already is (a PDF may have signed it on
    demand), then tell the learner it was issued, unless it has been revoked since: what
    ``credential_sign_task`` does after a course is completed."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("replaced_by")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return None
    if certificate.credential is None:
        _credential_sign(certificate, announce=False)
    if certificate.revoked_at is None:
        _announce(certificate)
    return certificate


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


def status_list_url() -> str:
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:status_list")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def status_list_signed() -> dict:
    """The signed revocation list of every certificate ever issued.

    Signing canonicalises the list (URDNA2015), which costs far more than reading it, and
    verifiers and wallets fetch it often; so the signed list is kept in the cache under a
    fingerprint of what it depends on (one aggregate query: revocations, the highest
    positions, the key set) and signed again only when that changes. A revocation changes
    the fingerprint, so it is published on the next request.
    """
    from django.core.cache import cache
    from django.db.models import Count, Max

    state = Certificate.objects.aggregate(
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        last_revoked=Max("revoked_at"),
        current=Max("status_index"),
        legacy=Max("legacy_status_index"),
    )
    fingerprint = hashlib.sha256(
        f"{_key_set_fingerprint()}|{status_list_url()}|{sorted(state.items())}".encode()
    ).hexdigest()
    key = f"certificates:status_list:{fingerprint}"
    signed = cache.get(key)
    if signed is None:
        signed = _status_list_sign()
        cache.set(key, signed, timeout=24 * 60 * 60)
    return signed


def _status_list_sign() -> dict:
    """Build and sign the list: two queries.

    A revoked certificate issued before positions were random has two bits set: its
    credential as first signed names the old one.
    """
    from django.db.models import Max

    from certificates import credentials, status_list

    revoked = [
        index
        for pair in Certificate.objects.filter(revoked_at__isnull=False).values_list(
            "status_index", "legacy_status_index"
        )
        for index in pair
        if index is not None
    ]
    highest = Certificate.objects.aggregate(
        current=Max("status_index"), legacy=Max("legacy_status_index")
    )
    key = credentials.signing_key()
    unsigned = status_list.status_list_credential(
        list_url=status_list_url(),
        issuer_id=credentials.did_key_from_public_key(key.public_key()),
        encoded_list=status_list.encode(
            revoked, max(highest["current"] or 0, highest["legacy"] or 0)
        ),
    )
    return credentials.sign(
        unsigned,
        private_key=key,
        verification_method=credentials.verification_method_for(key.public_key()),
        created=unsigned["validFrom"],
    )


def issuer_keys() -> list:
    """The current signing key's public half first, then every retired one."""
    from django.conf import settings

    from certificates import credentials

    keys = [credentials.signing_key().public_key()]
    for text in settings.LMS_CREDENTIAL_RETIRED_KEYS:
        keys.append(credentials.public_key_from_multibase(text))
    return keys


def issuer_profile() -> dict:
    """The issuer's public profile: name, address, and every key it signs or signed with."""
    from django.conf import settings

    from certificates import credentials

    current, *retired = issuer_keys()
    did = credentials.did_key_from_public_key(current)
    return {
        "id": did,
        "type": ["Profile"],
        "name": settings.LMS_ISSUER_NAME,
        "url": settings.WAGTAILADMIN_BASE_URL,
        "verificationMethod": [
            {
                "id": credentials.verification_method_for(key),
                "type": "Multikey",
                "controller": credentials.did_key_from_public_key(key),
                "publicKeyMultibase": credentials.public_key_multibase(key),
                "status": "current" if key is current else "retired",
            }
            for key in [current, *retired]
        ],
    }


def _proof_fingerprint(credential: dict) -> str:
    """What a kept proof check stands for: this exact credential under this key set."""
    body = json.dumps(credential, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{_key_set_fingerprint()}\n{body}".encode()).hexdigest()


def _key_set_fingerprint() -> str:
    from django.conf import settings

    return _key_set_fingerprint_of(
        settings.LMS_CREDENTIAL_SIGNING_KEY, tuple(settings.LMS_CREDENTIAL_RETIRED_KEYS)
    )


@functools.lru_cache(maxsize=4)
def _key_set_fingerprint_of(signing_key: str, retired: tuple[str, ...]) -> str:
    from certificates import credentials

    return ",".join(credentials.public_key_multibase(key) for key in issuer_keys())


def _proof_verified(credential) -> bool:
    from certificates import credentials

    return any(credentials.verify(credential, public_key=key) for key in issuer_keys())


def credential_is_authentic(certificate: Certificate) -> bool:
    """Whether the stored credential carries a valid proof by this platform's key.

    Reads the result kept at signing (``credential_proof_record``) when it was made for this
    very credential and key set; otherwise (a key rotated, the stored JSON changed, a
    certificate signed before results were kept) checks the proof now, without writing.
    """
    if not certificate.credential:
        return False
    if certificate.proof_checked_for and certificate.proof_checked_for == _proof_fingerprint(
        certificate.credential
    ):
        return certificate.proof_valid
    return _proof_verified(certificate.credential)


def credential_proof_record(*, certificate: Certificate) -> Certificate:
    """Check the credential's proof and keep the result with what it was checked for.

    Called when a credential is signed (issue, re-issue) and by ``manage.py
    certificates_check_proofs`` after the issuer's keys change.
    """
    _proof_result_set(certificate)
    certificate.save(update_fields=["proof_valid", "proof_checked_for"])
    return certificate


def _proof_result_set(certificate: Certificate) -> None:
    credential = certificate.credential
    certificate.proof_valid = bool(credential) and _proof_verified(credential)
    certificate.proof_checked_for = _proof_fingerprint(credential) if credential else ""


def credential_proofs_recheck() -> tuple[int, int]:
    """Re-check every certificate whose kept result no longer matches (keys rotated, content
    changed). Returns (checked, invalid). One transaction per certificate, so a long run
    can be interrupted and resumed."""
    checked = invalid = 0
    pending = Certificate.objects.exclude(credential__isnull=True).only(
        "pk", "credential", "proof_checked_for", "proof_valid"
    )
    for certificate in pending.iterator(chunk_size=200):
        if certificate.proof_checked_for == _proof_fingerprint(certificate.credential):
            continue
        with transaction.atomic():
            credential_proof_record(certificate=certificate)
        checked += 1
        invalid += not certificate.proof_valid
    return checked, invalid


def certificate_for_verification(code: str) -> Certificate | None:
    """The certificate with this code (codes are matched without case or dashes). One query."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(normalised) != 16:
        return None
    formatted = "-".join(normalised[i : i + 4] for i in range(0, 16, 4))
    return (
        Certificate.objects.filter(Q(code=formatted))
        .select_related("replaced_by")
        .only(
            "code", "course_title", "name_as_printed", "language", "hours", "issued_at",
            "revoked_at", "revocation_reason", "event_name", "event_date", "replaced_by__code",
            "credential", "expires_at", "proof_valid", "proof_checked_for",
        )
        .first()
    )  # fmt: skip


def template_for(course: CoursePage):
    """The template ``course``'s certificates are printed on: its policy's, else the first."""
    from certificates.models import CertificatePolicy, CertificateTemplate

    policy = (
        CertificatePolicy.objects.filter(course=source_page(course))
        .select_related("template")
        .first()
    )
    return policy.template if policy is not None else CertificateTemplate.objects.first()


@transaction.atomic
def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """Render the certificate's PDF once and store it; later calls serve the stored file."""
    from django.core.files.base import ContentFile

    from certificates import pdf

    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.credential is None:
        # Downloaded before its signing task ran: sign now, so the PDF carries the credential
        # (the task then only tells the learner).
        _credential_sign(locked, announce=False)
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


@dataclass(frozen=True)
class CredentialCheck:
    """What a verifier learns about a credential document somebody gives us."""

    status: str  # authentic, revoked, tampered, not_ours, invalid
    certificate: Certificate | None = None


def credential_check(document) -> CredentialCheck:
    """Check an uploaded credential: ours and intact, revoked, tampered, not ours, or invalid.

    Invalid covers anything that is not a signed credential, including documents with terms
    no context defines (they would not be covered by a signature). Never raises.
    """
    from certificates import credentials

    if (
        not isinstance(document, dict)
        or "@context" not in document
        or not isinstance(document.get("proof"), dict | list)
    ):
        return CredentialCheck("invalid")
    try:
        unsigned = {key: value for key, value in document.items() if key != "proof"}
        credentials.canonicalize(unsigned)
    except Exception:  # noqa: BLE001 - any failure to read it means "invalid"
        return CredentialCheck("invalid")
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    named = {proof.get("verificationMethod") for proof in proofs if isinstance(proof, dict)}
    ours = [key for key in issuer_keys() if credentials.verification_method_for(key) in named]
    if not ours:
        return CredentialCheck("not_ours")
    if not any(credentials.verify(document, public_key=key) for key in ours):
        return CredentialCheck("tampered")
    code = str(document.get("id", "")).rstrip("/").rpartition("/")[2]
    certificate = certificate_for_verification(code)
    if certificate is None:
        return CredentialCheck("invalid")
    status = {"valid": "authentic", "revoked": "revoked", "expired": "expired"}[certificate.status]
    return CredentialCheck(status, certificate)
