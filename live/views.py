"""Registering, cancelling, joining and the .ics file. Thin: check, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.translation import source_page
from live import ical, selectors, services
from live.models import LiveSessionPage, Registration
from lms import notify, ratelimit, timezones

# Public registrations one address may send per hour: a family or an office shares one.
PUBLIC_LIMIT_PER_HOUR = 10


def _session(live_session_id: int) -> LiveSessionPage:
    return get_object_or_404(LiveSessionPage.objects.live(), pk=live_session_id)


def _back(request, session) -> str:
    return session.get_url(request) or "/"


@require_POST
@login_required
def register(request, live_session_id: int):
    session = _session(live_session_id)
    if not selectors.may_register(session=source_page(session), user=request.user):
        raise PermissionDenied
    try:
        registration = services.registration_create(session=session, user=request.user)
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(_back(request, session))
    if registration.status == Registration.Status.REGISTERED:
        messages.success(request, _("You are registered. A confirmation is on its way."))
    else:
        messages.info(request, _("The session is full: you are on the waitlist."))
    return HttpResponseRedirect(_back(request, session))


@require_POST
def register_public(request, live_session_id: int):
    session = _session(live_session_id)
    if source_page(session).audience != LiveSessionPage.Audience.PUBLIC:
        raise Http404
    back = _back(request, session)
    if not ratelimit.allow(
        request, action="live-public-register", limit=PUBLIC_LIMIT_PER_HOUR, window_seconds=3600
    ):
        messages.error(request, _("Too many registrations from your connection. Try again later."))
        return HttpResponseRedirect(back)
    try:
        services.public_registration_create(
            session=session,
            name=request.POST.get("name", ""),
            email=request.POST.get("email", ""),
            country=request.POST.get("country", ""),
            affiliation_type=request.POST.get("affiliation_type", ""),
            gender=request.POST.get("gender", ""),
            consent=request.POST.get("consent") == "yes",
            language=translation.get_language() or "en",
            time_zone=timezones.browser_zone(request),
        )
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(back)
    messages.success(
        request, _("Thank you. Check your e-mail: it holds your personal link to join.")
    )
    return HttpResponseRedirect(back)


@require_POST
@login_required
def cancel(request, live_session_id: int):
    session = _session(live_session_id)
    registration = selectors.registration_of(session=source_page(session), user=request.user)
    if registration is None:
        raise Http404
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return HttpResponseRedirect(_back(request, session))


def _join_or_wait(request, registration: Registration, back: str):
    session = registration.session
    if registration.status != Registration.Status.REGISTERED:
        messages.error(request, _("You are on the waitlist: the link is for confirmed places."))
        return HttpResponseRedirect(back)
    if not selectors.join_is_open(session=session, now=timezone.now()):
        messages.info(request, _("The link opens shortly before the session starts."))
        return HttpResponseRedirect(back)
    return HttpResponseRedirect(session.join_url)


@require_GET
@login_required
def join(request, live_session_id: int):
    session = _session(live_session_id)
    registration = selectors.registration_of(session=source_page(session), user=request.user)
    if registration is None:
        raise Http404
    return _join_or_wait(request, registration, _back(request, session))


@require_http_methods(["GET", "POST"])
def access(request, token: str):
    """A public registrant's personal page: the session's times and, when open, the link;
    a POST cancels the registration (whoever holds the link holds the place)."""
    registration = (
        Registration.objects.select_related("session")
        .filter(token=token[:64], session__live=True)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise Http404
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        session = registration.session
        return HttpResponseRedirect(_back(request, session))
    if request.GET.get("go") == "1":
        return _join_or_wait(request, registration, request.path)
    session = registration.session
    page = notify.page_in_language(session, translation.get_language())
    now = timezone.now()
    return render(
        request,
        "live/access.html",
        {
            "registration": registration,
            "session": page,
            "times": selectors.times_for(session),
            "join_open": selectors.join_is_open(session=session, now=now)
            and registration.status == Registration.Status.REGISTERED,
        },
    )


@require_GET
def calendar(request, live_session_id: int):
    page = _session(live_session_id)
    session = source_page(page)
    text = ical.session_calendar(
        uid=f"live-{session.translation_key}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=page.title,
        description=selectors.plain_description(page),
        url=request.build_absolute_uri(page.get_url(request) or "/"),
        now=timezone.now(),
        domain=request.get_host().split(":")[0],
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="session.ics"'
    return response


def access_certificate(request, token: str):
    """A public registrant's certificate of attendance as PDF, through their personal link
    (they have no account to sign in with). A revoked certificate is not handed out again."""
    from certificates.services import certificate_pdf_ensure

    registration = get_object_or_404(
        Registration.objects.select_related("certificate"),
        token=token,
        certificate__isnull=False,
        certificate__revoked_at__isnull=True,
    )
    try:
        certificate = certificate_pdf_ensure(certificate=registration.certificate)
    except OSError:
        raise Http404 from None  # WeasyPrint without Pango: the verification link still works
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )
