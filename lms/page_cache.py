"""Public pages served from the shared cache to visitors who are not signed in.

Most requests on a campaign morning are anonymous visitors reading the home page, the catalog,
course pages and free-preview lessons, and those pages are the same for every one of them. The
middleware keeps such a page in the shared cache (Redis in production) and serves it again
without touching the database.

What is kept, and for whom:

- Only Wagtail pages (the ``before_serve_page`` hook marks the request), answered 200 to a GET
  by someone with no session cookie and no pending message, with no cookie set by the
  answer other than the language one, and not marked private or no-store. A request with any
  session cookie, even an expired one, neither reads nor fills the cache: a signed-in person's
  page is never stored, and never served a stored page.
- The key is the host, the scheme, the path with its query string and the visitor's time-zone
  cookie (times on a page are shown in the visitor's zone), under a generation number.
- Publishing, unpublishing, moving or deleting any page moves the generation on, so every kept
  page is dropped at once; a kept page also expires after ``LMS_PAGE_CACHE_SECONDS``.
  ``LMS_PAGE_CACHE_SECONDS = 0`` turns the cache off (the test settings do).

The answer tells shared caches (a CDN, a proxy) that they may keep it for
``LMS_PAGE_CACHE_SHARED_SECONDS`` and browsers that they must check again; every answer to
someone with a session cookie says ``private`` so that no shared cache keeps it.

Views outside Wagtail may ask for their answer to be kept too (``keep_for_visitors``), under
a scope of their own with its own generation: certificate verification keeps its page and JSON
under "certificates", which any change to a certificate moves on (so a revocation shows at
once) while the public pages stay kept. Such an answer keeps its own ``Cache-Control`` (a
verification page says ``no-cache`` to browsers and proxies); only this server's copy is
kept, and a rate limit the view applies is counted again on every answer served from it.
"""

import contextlib
import hashlib
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

GENERATION_KEY = "pagecache:generation"
PAGES = "pages"
# Every scope's generation is read in the same round trip as the others.
SCOPES = (PAGES, "certificates")
REQUEST_FLAG = "lms_page_cacheable"
MAX_KEYED_LENGTH = 512


@dataclass(frozen=True)
class Keep:
    """What a request asked to be kept: under which scope, for how long, and which rate
    limit (action, limit per minute) its answers count against."""

    scope: str = PAGES
    seconds: int | None = None
    rate_limit: tuple[str, int] | None = None


def _generation_key(scope: str) -> str:
    return GENERATION_KEY if scope == PAGES else f"{GENERATION_KEY}:{scope}"


# The generations a request has read, so that the route, the outline, the sidebar, the body and
# the language links of one page cost one round trip to the cache between them, not one each.
# Set only while the middleware serves a request (``request_generations``); a change made in
# the request (``invalidate``) forgets it.
_request_generations: ContextVar[dict | None] = ContextVar("page_cache_generations", default=None)


@contextlib.contextmanager
def request_generations():
    """Read the generations once for everything inside (one request)."""
    token = _request_generations.set({})
    try:
        yield
    finally:
        _request_generations.reset(token)


def _forget_request_generations() -> None:
    memo = _request_generations.get()
    if memo is not None:
        memo.clear()


def generations() -> dict[str, int]:
    """The current generation of every scope, in one round trip to the cache (one for the
    whole request while the middleware serves it)."""
    memo = _request_generations.get()
    if memo:
        return dict(memo)
    values = _generations_read()
    if memo is not None:
        memo.update(values)
    return values


def _generations_read() -> dict[str, int]:
    keys = {scope: _generation_key(scope) for scope in SCOPES}
    found = cache.get_many(keys.values())
    values = {}
    for scope, key in keys.items():
        value = found.get(key)
        if value is None:
            start = _first_generation()
            cache.add(key, start, timeout=None)
            value = cache.get(key, start)
        values[scope] = value
    return values


def _first_generation() -> int:
    """Where a generation starts when the cache holds none (a new, flushed or restarted
    cache): the clock in microseconds, so that it never repeats one used before the cache was
    emptied. Processes keep what they unpickled under a generation (course contents), which
    must not come back to life when a restarted Redis counts from the start again."""
    return time.time_ns() // 1000


def generation(scope: str = PAGES) -> int:
    return generations()[scope]


def _next_generation(key: str) -> None:
    _forget_request_generations()
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _first_generation(), timeout=None)


def invalidate(scope: str = PAGES, **kwargs) -> None:
    """Drop every page kept under ``scope`` (for pages, a signal receiver: any page
    published, moved or deleted).

    The generation moves on at once and again when the change is committed: a request that
    read the pages between the two (the old ones, the transaction still open) keeps what it
    built under a generation nobody asks for any more. Course outlines are kept under the
    pages' generation (``courses.selectors``).
    """
    key = _generation_key(scope if scope in SCOPES else PAGES)
    _next_generation(key)
    transaction.on_commit(lambda: _next_generation(key))


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's ``before_serve_page`` hook: this request is for a page of the site."""
    setattr(request, REQUEST_FLAG, Keep())
    _route_remember(page, request, serve_args, serve_kwargs)


# Routing a path to its page costs Wagtail about seven queries (the site, the localized root,
# each level down to the page) on every request, signed in or not. Which page a path leads to
# changes only when a page is published, unpublished, moved or deleted, so the answer is kept
# with the pages' generation and the next request for that path loads the page by its id in
# one query. Wagtail's view restrictions (its ``before_serve_page`` hook asks
# ``page.get_view_restrictions()``: two queries, the ancestors and their restrictions) are
# checked on every request too, except that a page found with none when its route was kept
# is known to have none until the generation moves on, which adding, changing or removing a
# restriction does (lms/apps.py).
ROUTE_FROM_CACHE = "_lms_route_from_cache"


def _route_key(request) -> str:
    digest = hashlib.sha256(f"{request.get_host()}\n{request.path}".encode()).hexdigest()
    return f"pageroute:{digest}"


def _route_remember(page, request, serve_args, serve_kwargs) -> None:
    if settings.LMS_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return
    if serve_args or serve_kwargs or getattr(request, ROUTE_FROM_CACHE, False):
        return
    unrestricted = not page.get_view_restrictions().exists()
    value = (generation(), page.content_type_id, page.pk, unrestricted)
    cache.set(_route_key(request), value, settings.LMS_PAGE_CACHE_SECONDS)


def _no_view_restrictions():
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.none()


# Wagtail looks the request's site up in the database on every request (one query). Sites
# change rarely; the site found for a host and port is kept with the pages' generation, which
# saving or deleting a site moves on too (lms/apps.py).
SITE_FROM_CACHE = "_lms_site_from_cache"


def _site_key(request) -> str:
    digest = hashlib.sha256(f"{request._get_raw_host()}\n{request.get_port()}".encode())
    return f"pagesite:{digest.hexdigest()}"


def _site_remember(request) -> None:
    """Keep the site Wagtail found for this request, unless it came from the cache."""
    site = getattr(request, "_wagtail_site", None)
    if site is None or getattr(request, SITE_FROM_CACHE, False):
        return
    cache.set(_site_key(request), (generation(), site), settings.LMS_PAGE_CACHE_SECONDS)


def _route_from_cache(request) -> None:
    """Give Wagtail the page of this path, when a request for it was routed since the last
    publication (Wagtail reads ``request._wagtail_route_for_request`` before routing), and
    the request's site when it is kept.

    The route, the site and the generations are read in one round trip, and the generations
    then serve the whole request (``request_generations``).
    """
    if len(request.path) > MAX_KEYED_LENGTH:
        return
    key, site_key = _route_key(request), _site_key(request)
    scopes = {scope: _generation_key(scope) for scope in SCOPES}
    found = cache.get_many([key, site_key, *scopes.values()])
    current = {scope: found.get(scope_key) for scope, scope_key in scopes.items()}
    memo = _request_generations.get()
    if memo is not None and None not in current.values():
        memo.update(current)
    kept_site = found.get(site_key)
    if kept_site is not None and kept_site[0] == current[PAGES]:
        request._wagtail_site = kept_site[1]
        setattr(request, SITE_FROM_CACHE, True)
    if request.method not in ("GET", "HEAD"):
        return
    kept = found.get(key)
    # A route kept by an older version of this module has another shape: route it again.
    if kept is None or len(kept) != 4 or kept[0] != current[PAGES]:
        return
    from django.contrib.contenttypes.models import ContentType
    from wagtail.url_routing import RouteResult

    _generation, content_type_id, pk, unrestricted = kept
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = _live_page(model, pk) if model else None
    if page is not None:
        if unrestricted:
            page.get_view_restrictions = _no_view_restrictions
        request._wagtail_route_for_request = RouteResult(page)
        setattr(request, ROUTE_FROM_CACHE, True)


def _live_page(model, pk: int):
    """The live page ``pk`` of ``model``, or None: the query is compiled once per page type
    and process (``lms.prepared``)."""
    from lms.prepared import PLACEHOLDER, prepared

    label = model._meta.label_lower
    query = prepared(
        ("lms.live_page", label),
        lambda: model._default_manager.filter(pk=PLACEHOLDER, live=True),
    )
    found = query.run(pk)
    return found[0] if found else None


def keep_for_visitors(request, *, scope: str, seconds=None, rate_limit=None) -> None:
    """Let the answer to this request be kept for visitors without a session, under
    ``scope`` (one of ``SCOPES``), for at most ``seconds`` (``LMS_PAGE_CACHE_SECONDS`` when
    None or longer). ``rate_limit`` is (action, limit per minute) of ``lms.ratelimit``,
    counted for every answer served from the cache."""
    if scope not in SCOPES:
        raise ValueError(f"unknown page cache scope {scope!r}")
    setattr(request, REQUEST_FLAG, Keep(scope, seconds, rate_limit))


def _cookie_names() -> tuple[str, str]:
    return settings.SESSION_COOKIE_NAME, "messages"


def _may_use_cache(request) -> bool:
    if settings.LMS_PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if any(name in request.COOKIES for name in _cookie_names()):
        return False
    return len(request.get_full_path()) <= MAX_KEYED_LENGTH


def _keys(request) -> dict[str, str]:
    """The key of this request's kept answer under each scope's current generation."""
    zone = request.COOKIES.get(settings.LMS_TIME_ZONE_COOKIE_NAME, "")
    parts = [request.get_host(), request.scheme, request.get_full_path(), zone]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return {
        scope: f"pagecache:{scope}:{number}:{digest}" for scope, number in generations().items()
    }


def _may_keep(request, response) -> bool:
    keep = getattr(request, REQUEST_FLAG, None)
    if keep is None or response.status_code != 200:
        return False
    if response.streaming or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store")):
        return False
    # A Wagtail page saying no-cache asks not to be kept; a view that asked for its answer to
    # be kept here says no-cache to browsers and proxies only.
    return keep.scope != PAGES or "no-cache" not in control


def _language_cookie_set(request, response) -> None:
    """What PreferredLanguageMiddleware does for a visitor, done for a kept page too."""
    from lms.middleware import language_cookie_remember

    language_cookie_remember(request, response, get_language_from_path(request.path_info))


def _public(response) -> None:
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.LMS_PAGE_CACHE_SHARED_SECONDS
    )
    patch_vary_headers(response, ["Cookie"])


class AnonymousPageCacheMiddleware:
    """Serve kept public pages to visitors without a session (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_generations():
            return self._serve(request)

    def _serve(self, request):
        if not _may_use_cache(request):
            if settings.LMS_PAGE_CACHE_SECONDS > 0:
                _route_from_cache(request)
            response = self.get_response(request)
            if settings.LMS_PAGE_CACHE_SECONDS > 0:
                _site_remember(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Whatever answers someone with a session may be theirs alone. Read from the
                # cookie, not request.user, so that a view that never needed the session does
                # not load it here.
                patch_cache_control(response, private=True)
            return response
        keys = _keys(request)
        found = cache.get_many(keys.values())
        kept = next((found[key] for key in keys.values() if key in found), None)
        if kept is not None and _within_rate_limit(request, kept):
            content, headers, status = kept[0], kept[1], kept[2]
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            _language_cookie_set(request, response)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _may_keep(request, response):
            keep = getattr(request, REQUEST_FLAG)
            if keep.scope == PAGES:
                _public(response)
            else:
                patch_vary_headers(response, ["Cookie"])
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ]
            seconds = settings.LMS_PAGE_CACHE_SECONDS
            if keep.seconds is not None:
                seconds = max(0, min(seconds, int(keep.seconds)))
            if seconds:
                entry = (response.content, headers, response.status_code, keep.rate_limit)
                cache.set(keys[keep.scope], entry, seconds)
            response["X-Page-Cache"] = "miss"
        return response


def _within_rate_limit(request, kept) -> bool:
    """Count a kept answer against its view's rate limit; over it, the view answers (429)."""
    rate_limit = kept[3]
    if rate_limit is None:
        return True
    from lms import ratelimit

    action, limit = rate_limit
    return ratelimit.allow(request, action=action, limit=limit)
