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
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

GENERATION_KEY = "pagecache:generation"
REQUEST_FLAG = "lms_page_cacheable"
MAX_KEYED_LENGTH = 512


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate(**kwargs) -> None:
    """Drop every kept page (a signal receiver: any page published, moved or deleted).

    The generation moves on at once and again when the change is committed: a request that
    read the pages between the two (the old ones, the transaction still open) keeps what it
    built under a generation nobody asks for any more. Course outlines are kept under the
    same generation (``courses.selectors``).
    """
    _next_generation()
    transaction.on_commit(_next_generation)


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's ``before_serve_page`` hook: this request is for a page of the site."""
    setattr(request, REQUEST_FLAG, True)


def _cookie_names() -> tuple[str, str]:
    return settings.SESSION_COOKIE_NAME, "messages"


def _may_use_cache(request) -> bool:
    if settings.LMS_PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if any(name in request.COOKIES for name in _cookie_names()):
        return False
    return len(request.get_full_path()) <= MAX_KEYED_LENGTH


def _key(request) -> str:
    zone = request.COOKIES.get(settings.LMS_TIME_ZONE_COOKIE_NAME, "")
    parts = [request.get_host(), request.scheme, request.get_full_path(), zone]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def _may_keep(request, response) -> bool:
    if not getattr(request, REQUEST_FLAG, False) or response.status_code != 200:
        return False
    if response.streaming or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


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
        if not _may_use_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Whatever answers someone with a session may be theirs alone. Read from the
                # cookie, not request.user, so that a view that never needed the session does
                # not load it here.
                patch_cache_control(response, private=True)
            return response
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            _language_cookie_set(request, response)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _may_keep(request, response):
            _public(response)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ]
            cache.set(key, (response.content, headers), settings.LMS_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
