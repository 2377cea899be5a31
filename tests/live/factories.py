"""Live sessions for tests (kept here so tests/factories.py stays as other lanes know it)."""

import datetime
import itertools

from django.utils import timezone

_counter = itertools.count(1)


def make_live_session(*, parent, **kwargs):
    """A published live session under ``parent`` (the catalog or a module)."""
    from live.models import LiveSessionPage

    n = next(_counter)
    kwargs.setdefault("title", f"Webinar {n}")
    kwargs.setdefault("slug", f"webinar-{n}")
    kwargs.setdefault("description", "<p>How grooming starts online.</p>")
    kwargs.setdefault("starts_at", timezone.now() + datetime.timedelta(days=3))
    kwargs.setdefault("join_url", "https://meet.example.org/room-1")
    kwargs.setdefault("audience", LiveSessionPage.Audience.PUBLIC)
    session = LiveSessionPage(**kwargs)
    parent.add_child(instance=session)
    session.save_revision().publish()
    return session
