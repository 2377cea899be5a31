"""A small fixed-window rate limit on the shared cache, for public endpoints."""

import time

from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address; behind a proxy, settings decide (as for allauth's limits)."""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, *, action: str, limit: int, window_seconds: int = 60) -> bool:
    """Count one hit for this client and action; False once ``limit`` is passed in the window."""
    bucket = int(time.time() // window_seconds)
    key = f"ratelimit:{action}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        hits = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        hits = 1
    return hits <= limit
