"""Which time zone a person reads times in, and how a time is written for them.

The server stores and computes in UTC. A signed-in person's zone is their profile's; when
they have not chosen one, the zone their browser reported (a cookie set by
``lms/static/lms/time_zone.js``); without either, UTC. ``lms.middleware.TimeZoneMiddleware``
activates that zone for each request, and e-mails are rendered in the recipient's zone with
``timezone.override(zone_for(user))``.
"""

import functools
import zoneinfo
from datetime import UTC, date, datetime
from urllib.parse import unquote

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

# The signed-in person's profile zone ("" when not chosen), so that a request costs no query.
SESSION_KEY = "lms_time_zone"
# No IANA name is longer; anything longer is not worth looking up.
MAX_NAME_LENGTH = 64


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def valid_zone(name: object) -> str:
    """``name`` if it is a zone of the IANA database, else "" (a cookie can hold anything)."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_LENGTH:
        return ""
    return name if name in _known_zones() else ""


def browser_zone(request) -> str:
    """The zone the visitor's browser reported, or "" when none, or none we know.

    time_zone.js writes the name URL-encoded ("America%2FSao_Paulo").
    """
    cookie = request.COOKIES.get(settings.LMS_TIME_ZONE_COOKIE_NAME, "")
    return valid_zone(unquote(cookie)[: MAX_NAME_LENGTH + 1])


def zone_for(user) -> str:
    """The zone to write times in for ``user`` when there is no request: e-mails, PDFs.

    The profile's zone, else UTC (a browser's zone is saved to an empty profile on the
    person's next visit, so it is found here too from then on).
    """
    profile = getattr(user, "profile", None)
    return valid_zone(getattr(profile, "time_zone", "")) or "UTC"


def zone_label(name: str) -> str:
    """A zone's name as people read it: "America/Sao Paulo"."""
    return name.replace("_", " ")


def local_datetime(value: datetime) -> tuple[str, str]:
    """(ISO-8601 in UTC, the time in the active zone with that zone named) for ``<time>``."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    local = timezone.localtime(value)
    text = _("%(date)s, %(time)s (%(zone)s)") % {
        "date": date_format(local, "DATE_FORMAT"),
        "time": time_format(local, "TIME_FORMAT"),
        "zone": zone_label(timezone.get_current_timezone_name()),
    }
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), text


def local_date(value: date) -> tuple[str, str]:
    """(ISO-8601 date, the date written out) for ``<time>``; a datetime gives the day it is
    in the active zone."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, UTC)
        value = timezone.localtime(value).date()
    return value.isoformat(), date_format(value, "DATE_FORMAT")
