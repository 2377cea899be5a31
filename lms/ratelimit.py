"""A small fixed-window rate limit on the shared cache, for public endpoints."""

import time

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils.connection import ConnectionProxy


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


def now() -> float:
    """The clock the windows follow (the tests hold it still, so that a test's requests never
    straddle two windows)."""
    return time.time()


def allow(request, *, action: str, limit: int, window_seconds: int = 60) -> bool:
    """Count one hit for this client and action; False once ``limit`` is passed in the window."""
    bucket = int(now() // window_seconds)
    key = f"ratelimit:{action}:{client_ip(request)}:{bucket}"
    backend = caches["default"] if isinstance(cache, ConnectionProxy) else cache
    if isinstance(backend, RedisCache):
        return _redis_hits(backend, key, window_seconds + 5) <= limit
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        hits = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        hits = 1
    return hits <= limit


def _redis_hits(backend: RedisCache, key: str, timeout: int) -> int:
    """Create-if-missing and count in one round trip to Redis (Django's add and incr take
    three: SET NX, EXISTS, INCRBY). Integers are stored as such by Django's Redis backend,
    so the counter stays readable through ``cache.get``."""
    redis_key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(redis_key, write=True)
    pipe = client.pipeline(transaction=False)
    pipe.set(redis_key, 0, ex=timeout, nx=True)
    pipe.incr(redis_key)
    return pipe.execute()[1]
