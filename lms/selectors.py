"""Reads of the base app: a person's notifications and profile."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.models import Notification, Profile
from lms.notify import KINDS, PAGE_KEYS, NotificationText, PageRef

NOTIFICATIONS_SHOWN = 100


@dataclass(frozen=True)
class NotificationItem:
    id: int
    title: str
    body: str
    link: str
    created_at: datetime.datetime
    is_read: bool


def notifications_for(*, user, request=None, limit: int = NOTIFICATIONS_SHOWN):
    """``user``'s latest notifications, newest first, in the active language: two queries.

    Each is rendered by its kind's renderer, with the pages it names looked up together in the
    active language (the default language's page when there is no live translation).
    """
    rows = list(Notification.objects.filter(recipient=user)[:limit])
    pages = _pages_named_by(rows, request)
    items = []
    for row in rows:
        render = KINDS.get(row.kind)
        text = render(row.params, pages) if render else NotificationText(title=_("Notification"))
        items.append(
            NotificationItem(
                id=row.pk,
                title=text.title,
                body=text.body,
                link=text.link,
                created_at=row.created_at,
                is_read=row.read_at is not None,
            )
        )
    return items


def _pages_named_by(rows, request) -> dict[str, PageRef]:
    keys = {row.params[name] for row in rows for name in PAGE_KEYS if row.params.get(name)}
    if not keys:
        return {}
    language = get_language() or settings.LANGUAGE_CODE
    found: dict[str, PageRef] = {}
    candidates = (
        Page.objects.live()
        .filter(
            translation_key__in=keys,
            locale__language_code__in={language, settings.LANGUAGE_CODE},
        )
        .select_related("locale")
    )
    for page in candidates:
        key = str(page.translation_key)
        if key in found and page.locale.language_code != language:
            continue
        found[key] = PageRef(title=page.title, url=page.get_url(request) or "")
    return found


def unread_notifications_count(*, user) -> int:
    """How many of ``user``'s notifications are unread: one query, compiled once per process
    (``lms.prepared``) since every signed-in page shows the count."""
    from django.db.models import Count

    from lms.prepared import PLACEHOLDER, prepared

    query = prepared(
        ("lms.unread_notifications",),
        lambda: (
            Notification.objects.filter(recipient_id=PLACEHOLDER, read_at__isnull=True)
            .order_by()
            .values("recipient_id")
            .annotate(count=Count("pk"))
            .values_list("count")
        ),
    )
    rows = query.run(user.pk)
    return rows[0][0] if rows else 0


def profile_time_zone(*, user) -> str:
    """The zone the person chose in their profile, or "" when they have not chosen one."""
    return Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""
