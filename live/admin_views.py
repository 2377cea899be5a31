"""The attendance screen of a live session in the admin: a list to tick, or a CSV import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.translation import source_page
from live import selectors, services
from live.models import LiveSessionPage, Registration
from lms.admin_pages import admin_header


def _session(request, live_session_id: int) -> LiveSessionPage:
    session = source_page(get_object_or_404(LiveSessionPage, pk=live_session_id))
    if not selectors.may_take_attendance(user=request.user, session=session):
        raise PermissionDenied
    return session


def attendance(request, live_session_id: int):
    """Everyone registered or waiting; tick who attended and save."""
    session = _session(request, live_session_id)
    if request.method == "POST":
        try:
            count = services.attendance_mark(
                session=session, attended_ids=request.POST.getlist("attended")
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Attendance saved: %(count)d attended.") % {"count": count}
            )
        return redirect("live_attendance", session.pk)
    return render(
        request,
        "live/admin/attendance.html",
        {
            "session": session,
            "registrations": selectors.registrations_for(session=session),
            "registered": Registration.Status.REGISTERED,
            **admin_header(_("Attendance"), icon="group", subtitle=session.title),
        },
    )


def attendance_import(request, live_session_id: int):
    """Upload the video service's attendance CSV; see what matched before and after."""
    session = _session(request, live_session_id)
    report = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the attendance file to import."))
        else:
            report = services.attendance_import(
                session=session, data=upload.read(services.IMPORT_MAX_BYTES + 1)
            )
    return render(
        request,
        "live/admin/attendance_import.html",
        {
            "session": session,
            "report": report,
            **admin_header(
                _("Import attendance"),
                parents=[(_("Attendance"), _attendance_url(session))],
                icon="upload",
                subtitle=session.title,
            ),
        },
        status=400 if report is not None and not report.ok else 200,
    )


def _attendance_url(session) -> str:
    from django.urls import reverse

    return reverse("live_attendance", args=[session.pk])


def recording(request, live_session_id: int):
    """Attach the recording link and transcript as a lesson beside the session (or update the
    one attached before)."""
    session = source_page(get_object_or_404(LiveSessionPage, pk=live_session_id))
    if not selectors.may_attach_recording(user=request.user, session=session):
        raise PermissionDenied
    lesson = selectors.recording_lesson_for(session)
    status = 200
    values = {"recording_url": "", "transcript": ""}
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in values}
        try:
            lesson = services.recording_lesson_attach(session=session, by=request.user, **values)
        except services.RecordingRefused as refusal:
            messages.error(request, refusal.message)
            status = 400
        else:
            if lesson.live and not lesson.has_unpublished_changes:
                messages.success(
                    request, _("The recording is published as a lesson of the module.")
                )
            else:
                messages.success(
                    request,
                    _("The recording lesson is submitted to the Course review: it reaches "
                      "learners once a lead trainer approves it."),
                )  # fmt: skip
            return redirect("live_recording", session.pk)
    return render(
        request,
        "live/admin/recording.html",
        {
            "session": session,
            "lesson": lesson,
            "values": values,
            "max_length": services.TRANSCRIPT_MAX_LENGTH,
            **admin_header(_("Recording as a lesson"), icon="media", subtitle=session.title),
        },
        status=status,
    )


@require_POST
def attendance_certificates(request, live_session_id: int):
    """Issue the certificates of attendance not issued yet, and e-mail them."""
    session = _session(request, live_session_id)
    count = services.attendance_certificates_issue(session=session, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d certificate of attendance issued.",
            "%(count)d certificates of attendance issued.",
            count,
        )
        % {"count": count},
    )
    return redirect("live_attendance", session.pk)
