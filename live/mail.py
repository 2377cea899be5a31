"""E-mails to registrants, in the registrant's language and zone, with the session's .ics.

Every mail goes through ``lms.notify.mail_enqueue``, the project's one way to send a templated
e-mail: it leaves in a background task once the caller's transaction commits, and is rendered
there in the recipient's language and zone. A signed-in person reads mail as they read the site
(their profile's language and zone; the session's reference zone when they chose none). A
public registrant has no account: the mail goes to their address, in the language they
registered in and the zone their browser reported (else the session's reference zone).
"""

from django.urls import reverse
from django.utils import timezone, translation

from live import ical, selectors
from live.models import LiveSessionPage, Registration
from lms import notify, timezones


@notify.send_time_value
def session_times(*, session_id: int) -> selectors.Times:
    return selectors.times_for(LiveSessionPage.objects.get(pk=session_id))


@notify.send_time_value
def access_link(*, token: str) -> str:
    """A public registrant's own link, with the language prefix of the mail being written."""
    return notify.site_url(reverse("live:access", kwargs={"token": token}))


@notify.send_time_value
def session_calendar_files(*, session_id: int) -> list[tuple[str, str, str]]:
    """The session's .ics, titled in the language the mail is being written in."""
    session = LiveSessionPage.objects.get(pk=session_id)
    page = notify.page_in_language(session, translation.get_language())
    calendar = ical.session_calendar(
        uid=f"live-{session.translation_key}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=page.title,
        description=selectors.plain_description(page),
        url=notify.site_url(notify.page_path(page)),
        now=timezone.now(),
    )
    return [("session.ics", calendar, "text/calendar")]


def registration_mail_enqueue(
    registration: Registration, template_prefix: str, context: dict | None = None
) -> None:
    """Queue ``template_prefix`` to the registrant once the caller's transaction commits
    (nothing if it rolls back). ``context`` adds to the registration, session, times and link."""
    session = registration.session
    full = {
        "registration": registration,
        "session": session,
        "times": notify.AtSend(session_times, {"session_id": session.pk}),
        "access_url": notify.AtSend(access_link, {"token": registration.token}),
        **(context or {}),
    }
    reference_zone = timezones.valid_zone(session.reference_time_zone) or "UTC"
    attachments = notify.AtSend(session_calendar_files, {"session_id": session.pk})
    if registration.user_id:
        notify.mail_enqueue(
            recipient=registration.user,
            template_prefix=template_prefix,
            context=full,
            time_zone=reference_zone,
            attachments=attachments,
        )
    else:
        notify.mail_enqueue(
            address=registration.email,
            language=registration.language,
            time_zone=timezones.valid_zone(registration.time_zone) or reference_zone,
            template_prefix=template_prefix,
            context=full,
            attachments=attachments,
        )


def send_on_commit(registration: Registration, template_prefix: str) -> None:
    """Send once the caller's transaction commits (nothing if it rolls back)."""
    registration_mail_enqueue(registration, template_prefix)
