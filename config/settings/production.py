"""Production: PostgreSQL, gunicorn behind a TLS proxy, whitenoise, a shared cache, task workers.

Every value that differs between deployments comes from the environment; the required ones
raise ImproperlyConfigured when missing. docs/operations.md lists them.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int, env_list

DEBUG = False


def _derived_base_url(hosts: list[str]) -> str:
    """``https://`` and the first allowed host, when that is one plain host name."""
    first = hosts[0] if hosts else ""
    if not first or first.startswith(".") or "*" in first:
        raise ImproperlyConfigured(
            "LMS_BASE_URL must be set to the site's public address (e.g. "
            "https://academy.example.org): it cannot be derived from DJANGO_ALLOWED_HOSTS."
        )
    return f"https://{first}"


SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])

LMS_CREDENTIAL_SIGNING_KEY = env("LMS_CREDENTIAL_SIGNING_KEY", "")
if not LMS_CREDENTIAL_SIGNING_KEY:
    raise ImproperlyConfigured(
        "LMS_CREDENTIAL_SIGNING_KEY must be set in production: it signs the certificates' "
        "credentials, and every server must use the same key."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
# The public address that e-mails, Wagtail's moderation mails, certificate QR codes and
# credentials link to. Without LMS_BASE_URL it is derived from the first host name; either way
# it must be an https:// address that people can reach, never a loopback one.
WAGTAILADMIN_BASE_URL = (env("LMS_BASE_URL", "") or _derived_base_url(ALLOWED_HOSTS)).rstrip("/")
_base = urlsplit(WAGTAILADMIN_BASE_URL)
if (
    _base.scheme != "https"
    or not _base.hostname
    or _base.path
    or _base.hostname
    in (
        "localhost",
        "127.0.0.1",
        "::1",
    )
):
    raise ImproperlyConfigured(
        "LMS_BASE_URL must be the site's public https:// address, without a path "
        f"(got {WAGTAILADMIN_BASE_URL!r})."
    )

CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS]
)

# Static files: hashed names, compressed, served by whitenoise with far-future caching.
STORAGES = {
    **STORAGES,  # noqa: F405 - keeps "private" (nomination letters) from base
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A cache shared by every process: rate limits (ours and allauth's) and sessions live there.
# Redis is the production choice; the database cache is kept for a small single-server
# install, and `check --deploy` warns about it (lms.checks), because every rate-limited read
# request then writes to the database.
_cache_url = env("DJANGO_CACHE_URL", "db://lms_cache")
if _cache_url.startswith("redis://") or _cache_url.startswith("rediss://"):
    CACHES = {
        "default": {
            "BACKEND": "lms.redis_cache.KeptClientRedisCache",
            "LOCATION": _cache_url,
        }
    }
elif _cache_url.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": _cache_url.removeprefix("db://"),
        }
    }
else:
    raise ImproperlyConfigured("DJANGO_CACHE_URL must start with redis://, rediss:// or db://.")
# Sessions are read from the cache and written to both the cache and the database, and only
# when they change (sign-in, the idle timer at most once a minute): a page view reads no
# session row, and a restarted Redis signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Each worker keeps its database connection between requests (checked before reuse): opening
# one per request cost about half of a signed-in lesson request's time in the benchmark on
# SQLite, and is a TCP connection and authentication on PostgreSQL. 0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
# Public pages for visitors who are not signed in come from the shared cache (lms.page_cache).
LMS_PAGE_CACHE_SECONDS = env_int("LMS_PAGE_CACHE_SECONDS", 300)
# Each web worker keeps the password hasher's memory between sign-ins instead of asking the
# kernel for ~100 MiB of fresh pages every time (lms/hash_memory.py, config/wsgi.py).
LMS_KEEP_HASH_MEMORY = env_bool("LMS_KEEP_HASH_MEMORY", True)

TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# TLS is terminated by the proxy, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# __Host- cookies are only sent over HTTPS, to this host, for every path: no subdomain can
# plant or read them.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-lms_session"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-lms_csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_NAME = "__Host-lms_language"
LMS_TIME_ZONE_COOKIE_NAME = "__Host-lms_time_zone"
