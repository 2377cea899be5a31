"""One live session as an iCalendar (RFC 5545) file: start and end in UTC, text escaped."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings

from courses.ical import escape_text, fold


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def site_domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def session_calendar(
    *,
    uid: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    description: str,
    url: str,
    now: datetime.datetime,
    domain: str | None = None,
) -> str:
    """A VCALENDAR with one VEVENT; ``uid`` is stable across languages and edits, so a
    calendar that imports the file twice updates the event rather than adding a second."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cybercrime Academy//Live session//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}@{domain or site_domain()}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
