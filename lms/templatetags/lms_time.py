"""Times and dates in the viewer's time zone, with the zone named.

``{{ attempt.deadline|local_datetime }}`` gives
``<time datetime="2026-12-06T19:46:00Z">Dec. 6, 2026, 4:46 p.m. (America/Sao Paulo)</time>``
in whatever zone is active (the viewer's, or the recipient's around an e-mail), with the date
and time written the way the active language writes them. ``local_date`` gives the day
only. In plain text (e-mails, attributes) add ``:"text"`` to get the words without markup.
"""

from datetime import date, datetime

from django import template
from django.utils.html import format_html

from lms import timezones

register = template.Library()

TEXT = "text"


def _render(parts: tuple[str, str], form: str) -> str:
    machine, human = parts
    if form == TEXT:
        return human
    return format_html('<time datetime="{}">{}</time>', machine, human)


@register.filter
def local_datetime(value, form: str = "") -> str:
    """A datetime in the active zone, the zone named; a date alone is shown as a date."""
    if isinstance(value, datetime):
        return _render(timezones.local_datetime(value), form)
    if isinstance(value, date):
        return _render(timezones.local_date(value), form)
    return ""


@register.filter
def local_date(value, form: str = "") -> str:
    """The day a date or datetime falls on in the active zone, written out."""
    if isinstance(value, date):
        return _render(timezones.local_date(value), form)
    return ""
