"""iCalendar (RFC 5545) text from plain event data: no ORM, no request.

Only what a learner's feed needs: all-day events (a module opening, a cohort's last day) and
timed events written in UTC (a quiz opening or closing). Lines end in CRLF, text values are
escaped, and lines longer than 75 octets are folded without splitting a UTF-8 character.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

LINE_LIMIT = 75  # octets, not counting the CRLF (RFC 5545, 3.1)


@dataclass(frozen=True)
class Event:
    uid: str
    when: datetime.date | datetime.datetime  # a datetime must be aware
    summary: str
    description: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation starting
    with a space (RFC 5545, 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines begin with a space, which counts towards their 75 octets.
        limit = LINE_LIMIT if not parts else LINE_LIMIT - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str, domain: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}@{domain}", f"DTSTAMP:{stamp}"]
    if isinstance(event.when, datetime.datetime):
        lines.append(f"DTSTART:{_utc(event.when)}")
        lines.append(f"DTEND:{_utc(event.when)}")
    else:
        following = event.when + datetime.timedelta(days=1)
        lines.append(f"DTSTART;VALUE=DATE:{event.when:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{following:%Y%m%d}")
        lines.append("TRANSP:TRANSPARENT")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(
    events: Iterable[Event], *, name: str, domain: str, now: datetime.datetime
) -> str:
    """A VCALENDAR holding ``events``; ``now`` (aware) becomes every event's DTSTAMP."""
    stamp = _utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cybercrime Academy//Learner calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, stamp, domain)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
