"""Session lifetime, the language and time zone a person reads in, who may enter the admin,
and the browser policies (CSP, permissions, caching, request size) every response carries."""

from urllib.parse import urlencode, urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

from lms import selectors, services, timezones

SESSION_AUTHENTICATED_AT = "lms_authenticated_at"
SESSION_SEEN_AT = "lms_seen_at"
# How often the "last seen" time is written, so that an active session is not saved on
# every request.
SEEN_RESOLUTION_SECONDS = 60


class SessionLifetimeMiddleware:
    """End a signed-in session after an idle period, and after an absolute lifetime.

    Django's own expiry slides with every save, so it cannot give an absolute limit alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.get(SESSION_AUTHENTICATED_AT, now)
            seen = request.session.get(SESSION_SEEN_AT, now)
            if (
                now - started > settings.SESSION_COOKIE_AGE
                or now - seen > settings.LMS_SESSION_IDLE_SECONDS
            ):
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
            else:
                request.session.setdefault(SESSION_AUTHENTICATED_AT, started)
                if now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_SEEN_AT not in request.session:
                    request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)


def _is_local_path(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


class PreferredLanguageMiddleware:
    """Remember the language of the pages a person reads, and apply their profile at login.

    At login, the profile's preferred language is set in the language cookie and the redirect
    that follows is moved to that language; a profile still missing what programme reports need
    sends the person to complete it first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        profile = getattr(request, "lms_login_profile", None)
        language = None
        if profile is not None:
            language = profile.preferred_language
            location = response.get("Location") if response.status_code in (301, 302) else None
            if location and _is_local_path(location):
                target = translate_url(location, language)
                if not profile.is_complete:
                    with translation.override(language):
                        target = reverse("profile") + "?" + urlencode({"next": target})
                response["Location"] = target
        elif translation.get_language_from_path(request.path_info):
            language = request.LANGUAGE_CODE
        language_cookie_remember(request, response, language)
        return response


def language_cookie_remember(request, response, language: str | None) -> None:
    """Set the language cookie to ``language`` when the request's cookie says otherwise."""
    if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


class TimeZoneMiddleware:
    """Show every time of the request in the viewer's zone (``lms.timezones``).

    A signed-in person's profile zone is kept in the session (set at sign-in and when the
    profile is saved), so that a request costs no query. A profile without a zone takes the
    zone the browser reported, once, through a service; a browser's zone never replaces one
    the person chose. ``request.lms_time_zone_unknown`` tells the base template to load the
    script that reports it, only while it is still unknown.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = self._zone(request)
        with timezone.override(zone or "UTC"):
            return self.get_response(request)

    @staticmethod
    def _zone(request) -> str:
        browser = timezones.browser_zone(request)
        request.lms_time_zone_unknown = False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return browser
        chosen = request.session.get(timezones.SESSION_KEY)
        if chosen is None:
            chosen = selectors.profile_time_zone(user=user)
            request.session[timezones.SESSION_KEY] = chosen
        chosen = timezones.valid_zone(chosen)
        if not chosen and browser:
            chosen = services.profile_time_zone_adopt(user=user, time_zone=browser)
            request.session[timezones.SESSION_KEY] = chosen
        request.lms_time_zone_unknown = not chosen
        return chosen


ADMIN_PREFIX = "/admin/"


class StaffMFARequiredMiddleware:
    """Keep trainers, lead trainers and coordinators out of the admin until they set up TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and self._needs_mfa(request.user):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an "
                    "authenticator app to continue to the administration area."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(user) -> bool:
        from allauth.mfa.models import Authenticator

        from lms.services import user_has_staff_role

        if not user_has_staff_role(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminAccessMiddleware:
    """Refuse the admin to a signed-in person without admin access, with a page that says so.

    Wagtail sends such a person to the login URL, and allauth sends a signed-in person at the
    login URL back to ``next``, which is the admin again: an endless redirect. A 403 page in the
    person's language, pointing to their own learning, ends it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return TemplateResponse(request, "lms/admin_access_denied.html", status=403).render()
        return self.get_response(request)


class BrowserPolicyMiddleware:
    """Deny powerful browser features on every response; keep signed-in pages out of caches.

    It sits before whitenoise, so static files get the Permissions-Policy too. Pages shown to
    a signed-in person carry names, results and certificates: ``private, no-store`` keeps
    shared proxies and the browser's disk cache from keeping them after the person signs out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.LMS_PERMISSIONS_POLICY)
        # Set by AuthenticationMiddleware; whitenoise answers before it, for static files.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second policy for the admin and framing allowed for page previews.

    Wagtail renders a preview by running the page's public URL through the whole middleware
    chain again (``make_preview_request``), so the preview gets the public policy, whose
    ``frame-ancestors 'none'`` would blank the editor's live preview panel; only that
    directive changes. The admin itself needs inline scripts and styles, which the public
    policy forbids.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.LMS_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class RequestSizeMiddleware:
    """Refuse a large request body from someone signed out, before anything reads it.

    Django's own limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``) apply to form fields only and let
    file parts stream to disk. The only file someone signed out sends is a credential to check
    on the verification page, so the cap is that file's limit plus the multipart overhead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and _content_length(request) > (
            settings.LMS_ANONYMOUS_REQUEST_MAX_BYTES
        ):
            return HttpResponse(
                _("This request is too large."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class IncompleteFormMiddleware:
    """A form body missing a field a view reads with ``request.POST[...]`` is a 400, not a 500.

    Wagtail's StreamField forms read their ``-count`` fields that way, so a hand-made POST to
    an editor (or a truncated one from a dropped connection) would otherwise end in a server
    error. Nothing has been written when the key is missing: the form was never valid.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest(
                _("This form arrived incomplete. Reload the page and try again."),
                content_type="text/plain; charset=utf-8",
            )
        return None
