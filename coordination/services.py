"""Every change coordinators make: cohorts, members, CSV imports, applications.

Each function runs in a transaction and writes its audit event in the same transaction, so the
log holds exactly the changes that happened. People are told through ``lms.notify``: e-mails go
out after commit, each in the recipient's preferred language.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import csv_import, scope
from coordination.audit import audit_record
from coordination.models import AuditEvent, CourseAssignment, EnrolmentApplication, MemberImport
from courses import services as course_services
from courses.models import Cohort, CoursePage, Enrolment
from courses.translation import source_page
from lms import services as lms_services
from lms.notify import AtSend, notify, page_params, send_time_value, site_url

User = get_user_model()


class CoordinationError(ValidationError):
    """A request that cannot be carried out; the message is shown to the coordinator."""


def _site_url(path: str) -> str:
    return site_url(path)


# Cohorts ---------------------------------------------------------------------------------


@transaction.atomic
def cohort_save(*, cohort: Cohort, by, created: bool, coordinators=None) -> Cohort:
    """Save a cohort from the admin form; its creator coordinates it unless a manager.

    The course must be one ``by`` is assigned to, and a cohort with members keeps its course:
    moving it would carry its learners' records, and the coordinator's reach, to another
    course.
    """
    from coordination.scope import assigned_courses_for
    from lms.roles import is_programme_manager

    cohort.course = source_page(cohort.course)
    if not assigned_courses_for(by).filter(pk=cohort.course_id).exists():
        raise CoordinationError(_("You are not assigned to this course."))
    if not created:
        saved_course_id = (
            Cohort.objects.select_for_update()
            .values_list("course_id", flat=True)
            .get(pk=cohort.pk)
        )
        if (
            saved_course_id != cohort.course_id
            and Enrolment.objects.filter(cohort=cohort).exists()
        ):
            raise CoordinationError(_("The course cannot change: the cohort has members."))
    cohort.full_clean()
    cohort.save()
    if coordinators is not None:
        cohort.coordinators.set(coordinators)
    if created and not is_programme_manager(by):
        cohort.coordinators.add(by)
    audit_record(
        actor=by,
        action=AuditEvent.Action.COHORT_CREATE if created else AuditEvent.Action.COHORT_CHANGE,
        cohort=cohort,
        summary=(_("Cohort “%(name)s” created.") if created else _("Cohort “%(name)s” changed."))
        % {"name": cohort.name},
    )
    return cohort


def _enrol(*, learner, cohort: Cohort) -> tuple[Enrolment, bool]:
    """Enrol ``learner`` through ``cohort``; returns (enrolment, whether anything changed).

    Someone already studying the course on their own joins the cohort (their progress is
    kept); a member of another cohort of the same course is moved only by removing them first.
    """
    current = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course_id=cohort.course_id)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if current is not None:
        if current.cohort_id == cohort.pk:
            return current, False
        if current.cohort_id is not None:
            raise CoordinationError(_("Already a member of another cohort of this course."))
        if current.status == Enrolment.Status.COMPLETED:
            # Their certificate was not earned in the cohort; joining must not put it in the
            # coordinator's hands (certificates.scope.certificates_for).
            raise CoordinationError(_("Has already completed this course outside a cohort."))
        current.cohort = cohort
        current.save(update_fields=["cohort"])
        return current, True
    enrolment = course_services.enrolment_create(
        learner=learner, course=cohort.course, cohort=cohort
    )
    return enrolment, True


@transaction.atomic
def member_add(*, cohort: Cohort, learner, by) -> Enrolment:
    enrolment, changed = _enrol(learner=learner, cohort=cohort)
    if changed:
        audit_record(
            actor=by,
            action=AuditEvent.Action.ENROL,
            cohort=cohort,
            subject=learner,
            summary=_("%(person)s enrolled in %(cohort)s.")
            % {"person": learner.email, "cohort": cohort.name},
        )
    return enrolment


@transaction.atomic
def member_remove(*, cohort: Cohort, learner, by) -> None:
    """Withdraw a member from the cohort's course; their records and history are kept."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, cohort=cohort)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if enrolment is None:
        raise CoordinationError(_("This person is not a member of the cohort."))
    course_services.enrolment_withdraw(learner=learner, course=cohort.course)
    audit_record(
        actor=by,
        action=AuditEvent.Action.REMOVE,
        cohort=cohort,
        subject=learner,
        summary=_("%(person)s removed from %(cohort)s.")
        % {"person": learner.email, "cohort": cohort.name},
    )


# Course assignments ----------------------------------------------------------------------


@transaction.atomic
def course_assign(*, course: CoursePage, coordinator, by) -> CourseAssignment:
    """Put ``coordinator`` in charge of ``course``; assigning twice changes nothing."""
    from lms.roles import COORDINATOR, has_role

    course = source_page(course)
    if not has_role(coordinator, COORDINATOR):
        raise CoordinationError(_("Only a coordinator can be assigned to a course."))
    assignment, created = CourseAssignment.objects.get_or_create(
        course=course,
        coordinator=coordinator,
        defaults={"assigned_by": by if by is not None and by.is_authenticated else None},
    )
    if created:
        audit_record(
            actor=by,
            action=AuditEvent.Action.ASSIGN,
            course=course,
            subject=coordinator,
            summary=_("%(person)s assigned to %(course)s.")
            % {"person": coordinator.email, "course": course.title},
        )
    return assignment


@transaction.atomic
def course_unassign(*, assignment: CourseAssignment, by) -> None:
    """End an assignment: the coordinator no longer reaches the course's cohorts, which keep
    their members and history, nor its applications and certificates."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.UNASSIGN,
        course=assignment.course,
        subject=assignment.coordinator,
        summary=_("%(person)s no longer assigned to %(course)s.")
        % {"person": assignment.coordinator.email, "course": assignment.course.title},
    )
    CourseAssignment.objects.filter(pk=assignment.pk).delete()


# CSV imports -----------------------------------------------------------------------------


def _row_status(values: dict, *, cohort: Cohort, users: dict, members: set) -> str:
    user = users.get(values["email"])
    if user is None:
        return "new"
    if user.pk in members:
        return "member"
    return "existing"


@transaction.atomic
def member_import_check(*, cohort: Cohort, filename: str, data: bytes, by) -> MemberImport:
    """Read and check a CSV; nothing is enrolled yet. Raises CsvError for unreadable files."""
    rows = csv_import.parse(data)
    emails = [row.values["email"] for row in rows if row.values["email"]]
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    members = set(
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    other_cohort = set(
        Enrolment.objects.filter(course_id=cohort.course_id, cohort__isnull=False)
        .exclude(cohort=cohort)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    checked = []
    for row in rows:
        status = "invalid"
        if row.is_valid:
            status = _row_status(row.values, cohort=cohort, users=users, members=members)
            if status == "member":
                row.errors.append(_("Already a member of this cohort."))
            elif status == "existing" and users[row.values["email"]].pk in other_cohort:
                row.errors.append(_("Already a member of another cohort of this course."))
        checked.append({**row.as_json(), "status": status if not row.errors else "invalid"})
    return MemberImport.objects.create(
        cohort=cohort,
        uploaded_by=by if by.is_authenticated else None,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=checked,
    )


@send_time_value
def _invitation_link(*, user) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return _site_url(path)


@transaction.atomic
def member_import_run(*, member_import: MemberImport, only_valid: bool, by) -> dict:
    """Create and enrol the people of a checked import.

    ``only_valid=False`` refuses a file with any problem; ``True`` imports the good rows and
    leaves the others. Importing the same file again changes nothing: its people are members.
    """
    locked = MemberImport.objects.select_for_update().get(pk=member_import.pk)
    if locked.state == MemberImport.State.IMPORTED:
        raise CoordinationError(_("This file has already been imported."))
    problems = [row for row in locked.rows if row["errors"]]
    if problems and not only_valid:
        raise CoordinationError(
            _("%(count)s rows have problems: correct the file or import only the valid rows.")
            % {"count": len(problems)}
        )
    cohort = locked.cohort
    created = enrolled = 0
    for row in locked.rows:
        if row["errors"]:
            continue
        values = row["values"]
        user = User.objects.filter(email__iexact=values["email"]).first()
        if user is None:
            user = lms_services.user_create(
                email=values["email"],
                password=None,
                given_name=values["given_name"],
                family_name=values["family_name"],
                country=values["country"],
                agency_type=values["agency_type"],
                job_title=values["job_title"],
                preferred_language=values["preferred_language"],
            )
            created += 1
            notify(
                recipient=user,
                kind="invitation",
                template_prefix="coordination/email/invitation",
                context={"cohort": cohort, "course": cohort.course, "link": _lazy_link(user)},
            )
        try:
            _enrolment, changed = _enrol(learner=user, cohort=cohort)
        except CoordinationError:
            continue
        enrolled += int(changed)
    result = {"created": created, "enrolled": enrolled, "skipped": len(problems)}
    locked.state = MemberImport.State.IMPORTED
    locked.imported_at = timezone.now()
    locked.result = result
    locked.save(update_fields=["state", "imported_at", "result"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.IMPORT,
        cohort=cohort,
        summary=_(
            "%(file)s imported into %(cohort)s: %(enrolled)s enrolled, %(created)s new "
            "accounts invited, %(skipped)s rows skipped."
        )
        % {**result, "file": locked.filename, "cohort": cohort.name},
    )
    return result


def _lazy_link(user) -> AtSend:
    """The invitation link, made at send time so the token matches the committed account."""
    return AtSend(_invitation_link, {"user": user})


# Applications ----------------------------------------------------------------------------

LETTER_MAX_BYTES = 2 * 1024 * 1024


def letter_problem(upload) -> str | None:
    """Why an uploaded nomination letter is refused, or None. Checks size and PDF signature."""
    if upload is None:
        return None
    if upload.size > LETTER_MAX_BYTES:
        return _("The nomination letter is larger than 2 MB.")
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        return _("The nomination letter must be a PDF file.")
    return None


@transaction.atomic
def application_submit(*, course: CoursePage, applicant, letter=None, **details):
    """Apply for a course that needs approval; one pending application per course."""
    course = source_page(course)
    if course.enrolment != CoursePage.Enrolment.APPROVAL:
        raise CoordinationError(_("This course does not take applications."))
    if (
        Enrolment.objects.filter(learner=applicant, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .exists()
    ):
        raise CoordinationError(_("You are already enrolled in this course."))
    if EnrolmentApplication.objects.filter(
        course=course, applicant=applicant, status=EnrolmentApplication.Status.PENDING
    ).exists():
        raise CoordinationError(_("Your application for this course is already being reviewed."))
    problem = letter_problem(letter)
    if problem:
        raise CoordinationError(problem)
    application = EnrolmentApplication(course=course, applicant=applicant, **details)
    if letter is not None:
        application.letter.save(f"letter-{applicant.pk}.pdf", letter, save=False)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_decide(
    *, application: EnrolmentApplication, approve: bool, by, reason: str = "", cohort=None
) -> EnrolmentApplication:
    locked = EnrolmentApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != EnrolmentApplication.Status.PENDING:
        raise CoordinationError(_("This application has already been decided."))
    reason = reason.strip()
    if not approve and not reason:
        raise CoordinationError(_("Give the reason for declining; the applicant will read it."))
    if cohort is not None and cohort.course_id != locked.course_id:
        raise CoordinationError(_("This cohort belongs to another course."))
    if (
        cohort is not None
        and by is not None
        and not scope.cohorts_for(by).filter(pk=cohort.pk).exists()
    ):
        # The form offers only one's own cohorts; the service holds the rule for every caller.
        raise CoordinationError(_("You do not coordinate this cohort."))
    locked.status = (
        EnrolmentApplication.Status.APPROVED if approve else EnrolmentApplication.Status.DECLINED
    )
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked.cohort = cohort
    locked.save()
    if approve:
        if cohort is not None:
            _enrol(learner=locked.applicant, cohort=cohort)
        else:
            course_services.enrolment_create(
                learner=locked.applicant, course=locked.course, approved=True
            )
    audit_record(
        actor=by,
        action=AuditEvent.Action.APPROVE if approve else AuditEvent.Action.DECLINE,
        cohort=cohort,
        course=locked.course,
        subject=locked.applicant,
        summary=(
            _("Application of %(person)s for %(course)s approved.")
            if approve
            else _("Application of %(person)s for %(course)s declined.")
        )
        % {"person": locked.applicant.email, "course": locked.course.title},
    )
    kind = "application_approved" if approve else "application_declined"
    params = page_params(course=locked.course)
    if not approve:
        params["reason"] = reason
    notify(
        recipient=locked.applicant,
        kind=kind,
        params=params,
        template_prefix=f"coordination/email/{kind}",
        context={"application": locked, "course": locked.course},
    )
    return locked
