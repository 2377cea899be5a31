"""The fixed-window rate limit: counted per client and action, fresh in the next window."""

from django.test import RequestFactory

from lms import ratelimit


def test_the_limit_refuses_past_its_count_and_the_next_window_starts_afresh(monkeypatch):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    moment = 1_800_000_000.0  # the start of a window
    monkeypatch.setattr(ratelimit, "now", lambda: moment)
    assert [ratelimit.allow(request, action="t", limit=2) for _ in range(3)] == [True, True, False]
    other = RequestFactory().get("/", REMOTE_ADDR="203.0.113.8")
    assert ratelimit.allow(other, action="t", limit=2)  # another client has its own count
    moment += 60
    assert ratelimit.allow(request, action="t", limit=2)
