"""Writes for live sessions: registration and waitlist, cancelling, reminders, attendance.

Each function runs in one transaction. Registering and cancelling lock the session's row
first, so two people taking the last place, or a cancellation and a registration at the same
moment, are served one after the other: the capacity holds and the waitlist moves in order.
"""

import csv
import datetime
import io
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from courses.models import LessonPage, ModulePage
from courses.translation import source_page
from live import mail, selectors
from live.models import NAME_MAX_LENGTH, LiveSessionPage, Registration, https_only, new_token
from lms.models import Profile
from lms.timezones import valid_zone

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# An attendance export bigger than this is not a video service's report.
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 20000


class RegistrationRefused(ValidationError):
    """A registration, cancellation or import that was refused, with a message to show."""


def _locked(session: LiveSessionPage) -> LiveSessionPage:
    source = source_page(session)
    return LiveSessionPage.objects.select_for_update().get(pk=source.pk)


def _status_for(session: LiveSessionPage) -> str:
    taken = Registration.objects.filter(
        session=session, status=Registration.Status.REGISTERED
    ).count()
    if taken < session.capacity:
        return Registration.Status.REGISTERED
    return Registration.Status.WAITLISTED


def _refuse_if_over(session: LiveSessionPage, now: datetime.datetime) -> None:
    if not session.live:
        raise RegistrationRefused(_("This session is not open for registration."))
    if now >= session.ends_at:
        raise RegistrationRefused(_("This session has ended."))


def _create(session: LiveSessionPage, **fields) -> Registration:
    try:
        with transaction.atomic():
            return Registration.objects.create(session=session, **fields)
    except IntegrityError:
        raise RegistrationRefused(
            _("This e-mail address is already registered for this session.")
        ) from None


@transaction.atomic
def registration_create(*, session: LiveSessionPage, user) -> Registration:
    """Register a signed-in person of the session's audience, or put them on the waitlist."""
    session = _locked(session)
    _refuse_if_over(session, timezone.now())
    if not selectors.may_register(session=session, user=user):
        raise RegistrationRefused(_("This session is for another group of learners."))
    if selectors.registration_of(session=session, user=user) is not None:
        raise RegistrationRefused(_("You are already registered for this session."))
    profile = getattr(user, "profile", None)
    registration = _create(
        session,
        user=user,
        email=user.email.strip().lower(),
        country=getattr(profile, "country", "") or "",
        affiliation_type=getattr(profile, "agency_type", "") or "",
        gender=getattr(profile, "gender", "") or "",
        language=getattr(profile, "preferred_language", "") or "en",
        status=_status_for(session),
    )
    mail.send_on_commit(registration, _template(registration))
    return registration


def _template(registration: Registration) -> str:
    if registration.status == Registration.Status.REGISTERED:
        return "live/mail/registered"
    return "live/mail/waitlisted"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_name(value: object) -> str:
    """A person's name as typed, trimmed; refused when empty, too long or full of control
    characters. Markup is kept as text: it is escaped wherever the name is shown."""
    name = " ".join(str(value or "").split())
    name = unicodedata.normalize("NFC", name)
    if not name:
        raise RegistrationRefused(_("Enter your name."))
    if len(name) > NAME_MAX_LENGTH or _CONTROL.search(name):
        raise RegistrationRefused(
            _("Enter your name in at most %(count)d characters.") % {"count": NAME_MAX_LENGTH}
        )
    return name


def clean_email(value: object) -> str:
    email = str(value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationRefused(_("Enter a valid e-mail address.")) from None
    return email


@transaction.atomic
def public_registration_create(
    *,
    session: LiveSessionPage,
    name: str,
    email: str,
    country: str,
    affiliation_type: str,
    consent: bool,
    language: str,
    time_zone: str = "",
    gender: str = "",
) -> Registration:
    """Register a member of the public, without an account, for a public session.
    ``gender`` is optional and self-declared ("" when not given)."""
    name = clean_name(name)
    email = clean_email(email)
    if country not in dict(countries):
        raise RegistrationRefused(_("Choose your country."))
    if affiliation_type not in Profile.AgencyType.values:
        raise RegistrationRefused(_("Choose the kind of organisation you work for."))
    if gender not in Profile.Gender.values:
        raise RegistrationRefused(_("Choose one of the listed answers about gender, or none."))
    if not consent:
        raise RegistrationRefused(
            _("Registration needs your consent to keep these details for the session.")
        )
    session = _locked(session)
    _refuse_if_over(session, timezone.now())
    if session.audience != LiveSessionPage.Audience.PUBLIC:
        raise RegistrationRefused(_("This session is for another group of learners."))
    registration = _create(
        session,
        name=name,
        email=email,
        country=country,
        affiliation_type=affiliation_type,
        gender=gender,
        language=language,
        time_zone=valid_zone(time_zone),
        consented_at=timezone.now(),
        status=_status_for(session),
    )
    mail.send_on_commit(registration, _template(registration))
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a place; when it was a confirmed place, the first person waiting gets it.

    Returns the promoted registration, if any."""
    session = _locked(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    freed = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if not freed or timezone.now() >= session.ends_at:
        return None
    if _status_for(session) != Registration.Status.REGISTERED:
        return None
    waiting = (
        Registration.objects.select_for_update()
        .filter(session=session, status=Registration.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = Registration.Status.REGISTERED
    waiting.save(update_fields=["status"])
    mail.send_on_commit(waiting, "live/mail/promoted")
    return waiting


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send the reminders that are due: a day before (until an hour before), and an hour
    before (until the start). Each is sent once: the row is claimed by a conditional update
    before the e-mail goes, so a second run, or a second worker, finds nothing to do."""
    now = now or timezone.now()
    sent = 0
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        session__live=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + DAY,
    ).filter(Q(reminded_day_at__isnull=True) | Q(reminded_hour_at__isnull=True))
    for registration in due.select_related("session"):
        before_hour = registration.session.starts_at > now + HOUR
        column = "reminded_day_at" if before_hour else "reminded_hour_at"
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, **{f"{column}__isnull": True}
            ).update(**{column: now})
            if not claimed:
                continue
            if not before_hour:
                # The day's reminder is no longer worth sending after the hour's.
                Registration.objects.filter(
                    pk=registration.pk, reminded_day_at__isnull=True
                ).update(reminded_day_at=now)
            template = "reminder_day" if before_hour else "reminder_hour"
            mail.send_on_commit(registration, f"live/mail/{template}")
            sent += 1
    return sent


@transaction.atomic
def attendance_mark(*, session: LiveSessionPage, attended_ids) -> int:
    """Set who attended among the session's confirmed registrants: those in ``attended_ids``
    attended, the others did not. Returns how many attended."""
    session = _locked(session)
    ids = set()
    for value in attended_ids:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            raise RegistrationRefused(_("The attendance list was not understood.")) from None
    registered = Registration.objects.filter(
        session=session, status=Registration.Status.REGISTERED
    )
    now = timezone.now()
    registered.filter(pk__in=ids).update(attended=True, attendance_marked_at=now)
    registered.exclude(pk__in=ids).update(attended=False, attendance_marked_at=now)
    _progress_refresh(session, registered.exclude(user=None).values_list("user_id", flat=True))
    return registered.filter(attended=True).count()


def _progress_refresh(session: LiveSessionPage, user_ids) -> None:
    """A module step's attendance changes its learners' progress (and may complete the
    course): recompute it for them, as lessons and discussion cases do."""
    from courses.models import Enrolment
    from courses.services import course_completion_update

    course = selectors.course_of(session)
    if not session.required or course is None or not session.path.startswith(course.path):
        return
    enrolments = (
        Enrolment.objects.select_for_update()
        .filter(course=course, learner_id__in=list(user_ids))
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "learner")
    )
    for enrolment in enrolments:
        course_completion_update(enrolment=enrolment)


@dataclass
class ImportReport:
    matched: list[str] = field(default_factory=list)  # e-mails of registrants found
    unmatched: list[str] = field(default_factory=list)  # e-mails no registrant has
    errors: list[str] = field(default_factory=list)  # problems that stop the import

    @property
    def ok(self) -> bool:
        return not self.errors


EMAIL_HEADERS = ("email", "e-mail", "user email", "email address", "attendee email")


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = data.decode("utf-8-sig")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    if not rows:
        return [], []
    return [c.strip().lower() for c in rows[0]], rows[1:]


def attendance_import_check(*, session: LiveSessionPage, data: bytes) -> ImportReport:
    """Read a video service's attendance CSV and match its e-mails to the registrants."""
    report = ImportReport()
    if len(data) > IMPORT_MAX_BYTES:
        report.errors.append(_("The file is larger than 2 MB."))
        return report
    try:
        header, rows = _rows(data)
    except (UnicodeDecodeError, csv.Error):
        report.errors.append(_("The file is not a CSV file in UTF-8."))
        return report
    column = next((i for i, name in enumerate(header) if name in EMAIL_HEADERS), None)
    if column is None:
        report.errors.append(_("The file has no e-mail column (a heading such as “Email”)."))
        return report
    if len(rows) > IMPORT_MAX_ROWS:
        report.errors.append(_("The file has too many rows."))
        return report
    registered = dict(
        Registration.objects.filter(
            session=source_page(session), status=Registration.Status.REGISTERED
        ).values_list("email", "pk")
    )
    seen = set()
    for number, row in enumerate(rows, start=2):
        value = row[column].strip().lower() if column < len(row) else ""
        if not value:
            continue  # services list people who joined by phone without an address
        try:
            validate_email(value)
        except ValidationError:
            report.errors.append(
                _("Line %(line)d: “%(value)s” is not an e-mail address.")
                % {"line": number, "value": value[:100]}
            )
            continue
        if value in seen:
            continue  # one line per time a person joined
        seen.add(value)
        (report.matched if value in registered else report.unmatched).append(value)
    return report


@transaction.atomic
def attendance_import(*, session: LiveSessionPage, data: bytes) -> ImportReport:
    """Check the file and, when it has no error, mark the matched registrants as attended
    (adding to those already marked). A file with any error changes nothing."""
    report = attendance_import_check(session=session, data=data)
    if not report.ok:
        return report
    session = _locked(session)
    matched = Registration.objects.filter(
        session=session, status=Registration.Status.REGISTERED, email__in=report.matched
    )
    matched.update(attended=True, attendance_marked_at=timezone.now())
    _progress_refresh(session, matched.exclude(user=None).values_list("user_id", flat=True))
    return report


# Public registrants are told their details are deleted this long after the session.
PUBLIC_DETAILS_KEPT = datetime.timedelta(days=365)


@transaction.atomic
def public_registrations_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove the name and e-mail of public registrants (no account) a year after their
    session ended; country, affiliation and attendance stay for anonymous counts."""
    now = now or timezone.now()
    stale = list(
        Registration.objects.filter(
            user__isnull=True,
            consented_at__isnull=False,
            session__starts_at__lt=now - PUBLIC_DETAILS_KEPT,
        )
        .exclude(email__endswith="@removed.invalid")
        .values_list("pk", flat=True)
    )
    for pk in stale:
        Registration.objects.filter(pk=pk).update(
            name="", email=f"{pk}@removed.invalid", time_zone="", token=new_token()
        )
    return len(stale)


class RecordingRefused(ValidationError):
    """A recording that cannot be attached as a lesson, with a message to show."""


TRANSCRIPT_MAX_LENGTH = 200_000
_TRANSCRIPT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def recording_lesson_slug(session: LiveSessionPage) -> str:
    return f"{session.slug}-recording"[:255]


def _recording_body(*, session: LiveSessionPage, recording_url: str, transcript: str) -> list:
    """A paragraph linking to the recording (escaped, then sanitised like any rich text) and
    the transcript as plain text in a video block, which escapes it when shown."""
    from django.utils.html import format_html

    from lms.sanitize import sanitize_stored_rich_text

    link = format_html(
        '<p><a href="{}">{}</a></p>', recording_url, _("Watch the recording of the session")
    )
    body = [("rich_text", sanitize_stored_rich_text(str(link)))]
    if transcript:
        body.append(
            (
                "video",
                {
                    "title": session.title,
                    "video_file": None,
                    "captions_file": None,
                    "duration_minutes": session.duration_minutes,
                    "transcript": transcript,
                },
            )
        )
    return body


@transaction.atomic
def recording_lesson_attach(
    *, session: LiveSessionPage, recording_url: str, transcript: str, by=None
):
    """Put the session's recording link and transcript in an optional lesson placed just
    after the session in its module; a second call updates that lesson. Returns the lesson.

    The lesson sits in the same module, so whoever may read the module's steps may read it:
    the learners of the course, as for the session itself. It is optional, so attaching it
    changes nobody's completion. Like any page, it goes through the Course review: published
    at once for someone who may publish (a lead trainer, a manager), otherwise saved as a
    draft and submitted to the review for a lead trainer to approve.
    """
    session = source_page(session)
    module = session.get_parent().specific
    if not isinstance(module, ModulePage):
        raise RecordingRefused(
            _("Only a session that is a step of a module can have its recording as a lesson.")
        )
    recording_url = str(recording_url or "").strip()
    try:
        https_only(recording_url)
    except ValidationError:
        raise RecordingRefused(
            _("Enter the recording's address, starting with https://.")
        ) from None
    transcript = _TRANSCRIPT_CONTROL.sub("", str(transcript or "")).strip()
    if len(transcript) > TRANSCRIPT_MAX_LENGTH:
        raise RecordingRefused(
            _("The transcript is longer than %(count)d characters.")
            % {"count": TRANSCRIPT_MAX_LENGTH}
        )
    body = _recording_body(session=session, recording_url=recording_url, transcript=transcript)
    slug = recording_lesson_slug(session)
    lesson = LessonPage.objects.child_of(module).filter(slug=slug).first()
    if lesson is None:
        with translation.override(session.locale.language_code):
            title = _("Recording: %(title)s") % {"title": session.title}
        lesson = LessonPage(
            title=title[:255],
            slug=slug,
            summary="",
            body=body,
            estimated_minutes=session.duration_minutes,
            required=False,
            live=False,
        )
        module.add_child(instance=lesson)
        lesson.move(session, pos="right")
        lesson = LessonPage.objects.get(pk=lesson.pk)
    else:
        lesson.body = body
    revision = lesson.save_revision(user=by)
    if by is None or lesson.permissions_for_user(by).can_publish():
        revision.publish(user=by)
        return lesson
    workflow = lesson.get_workflow()
    if workflow is not None and lesson.workflow_in_progress:
        lesson.current_workflow_state.cancel(user=by)
    if workflow is not None:
        workflow.start(lesson, by)
    return lesson


@transaction.atomic
def attendance_certificates_issue(*, session: LiveSessionPage, by=None) -> int:
    """Give every attendee of the session who has none yet a certificate of attendance, in
    their language, and e-mail them its link (a public registrant: through their personal
    link, since they have no account). Returns how many were issued.

    Issued when a trainer or coordinator asks (the attendance screen), not when attendance is
    ticked: a list is often corrected after the session, and a certificate, once issued, is
    only ever revoked, never deleted.
    """
    from certificates.services import _printed_name, certificate_attendance_issue
    from lms import notify

    session = _locked(session)
    attendees = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(
            session=session,
            status=Registration.Status.REGISTERED,
            attended=True,
            certificate__isnull=True,
        )
        .select_related("user__profile")
        .order_by("pk")
    )
    zone = zoneinfo.ZoneInfo(valid_zone(session.reference_time_zone) or "UTC")
    day = timezone.localtime(session.starts_at, timezone=zone).date()
    for registration in attendees:
        if registration.user_id:
            language = notify.language_of(registration.user)
            name = _printed_name(registration.user)
        else:
            language = registration.language
            name = registration.name or registration.email
        title = notify.page_in_language(session, language).title
        registration.certificate = certificate_attendance_issue(
            live_session=session,
            learner=registration.user,
            name_as_printed=name,
            title=title,
            language=language,
            event_date=day,
            by=by,
        )
        registration.save(update_fields=["certificate"])
        mail.registration_mail_enqueue(
            registration,
            "live/mail/certificate",
            {"certificate_url": notify.link("certificates:verify", registration.certificate.code)},
        )
    return len(attendees)
