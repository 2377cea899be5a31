"""E-mails to registrants, in the registrant's language and zone, with the session's .ics.

Signed-in people read mail as they read the site (``lms.notify``: their profile's language and
zone). A public registrant has no profile: the language they registered in and the zone their
browser reported (else the session's reference zone) stand in for it.
"""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from live import ical, selectors
from live.models import Registration
from lms import notify, timezones


def _language_and_zone(registration: Registration) -> tuple[str, str]:
    if registration.user_id:
        language = notify.language_of(registration.user)
        zone = notify._time_zone_of(registration.user)
    else:
        language = registration.language
        zone = timezones.valid_zone(registration.time_zone)
    zone = zone or timezones.valid_zone(registration.session.reference_time_zone) or "UTC"
    return language, zone


def message_for(registration: Registration, template_prefix: str) -> EmailMultiAlternatives:
    session = registration.session
    language, zone = _language_and_zone(registration)
    with translation.override(language), timezone.override(zone):
        page = notify.page_in_language(session, language)
        page_url = notify.site_url(notify.page_path(page))
        context = {
            "registration": registration,
            "session": page,
            "session_url": page_url,
            "times": selectors.times_for(session),
            "access_url": notify.site_url(registration_access_path(registration)),
        }
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_body.txt", context)
        calendar = ical.session_calendar(
            uid=f"live-{session.translation_key}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            summary=page.title,
            description=selectors.plain_description(page),
            url=page_url,
            now=timezone.now(),
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[registration.email],
        headers={"Content-Language": language},
    )
    message.attach("session.ics", calendar, "text/calendar")
    return message


def registration_access_path(registration: Registration) -> str:
    from django.urls import reverse

    return reverse("live:access", kwargs={"token": registration.token})


def send_on_commit(registration: Registration, template_prefix: str) -> None:
    """Send once the caller's transaction commits (nothing if it rolls back)."""
    pk = registration.pk

    def send():
        fresh = Registration.objects.select_related("session", "user").get(pk=pk)
        message_for(fresh, template_prefix).send()

    transaction.on_commit(send)
