"""Settings shared by every profile.

Each profile module imports everything from here and changes what differs. Environment
variables are read through the small helpers below so that a wrong value fails at start-up
with a clear message rather than at the first request.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LMS_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """Return an environment variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "lms",
    "courses",
    "assessments",
    "certificates",
    "coordination",
    "reports",
    "discussions",
    "mentoring",
    "curriculum",
    # Offline classroom (issue 18).
    "classroom",
    "live",  # live sessions (issue 19)
    # Wagtail and its content translation.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Background work.
    "django_tasks",
    "django_tasks_db",
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.BrowserPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "lms.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.RequestSizeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lms.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "lms.middleware.TimeZoneMiddleware",
    "lms.middleware.PreferredLanguageMiddleware",
    "lms.middleware.StaffMFARequiredMiddleware",
    "lms.middleware.AdminAccessMiddleware",
    "lms.middleware.IncompleteFormMiddleware",
    "lms.admin_guards.AdminObjectGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, with an SQLite file under var/ as the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # A transaction that reads first and writes later (every service does) cannot
            # wait for another writer: SQLite fails it at once with "database is locked".
            # Taking the write lock at BEGIN makes writers queue instead.
            "transaction_mode": "IMMEDIATE",
            # How long a writer waits in that queue, in seconds (Python's default is 5).
            "timeout": 20,
            # WAL lets pages be read while someone writes; NORMAL is safe with WAL.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lms",
    }
}

TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Passwords: Argon2 first (ASVS 6.2), Django's validators including its common-password list.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages. English is the source; French, Portuguese and Spanish are translations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("es", _("Spanish")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Our own catalogs first; var/locale holds aliases built at install time (see
# lms/management/commands/compile_catalogs.py) for apps that ship only pt_PT.
LOCALE_PATHS = [BASE_DIR / "locale", VAR_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
# The browser's own zone, written by lms/static/lms/time_zone.js (lms.timezones).
LMS_TIME_ZONE_COOKIE_NAME = "lms_time_zone"
# Public pages kept for visitors who are not signed in (lms.page_cache): how long the server
# keeps one (0 turns it off), and how long a CDN or proxy may (browsers always check again).
# Off here: the development cache is per process, so a page published in one process would
# stay stale in another; production, whose cache is shared, turns it on.
LMS_PAGE_CACHE_SECONDS = env_int("LMS_PAGE_CACHE_SECONDS", 0)
LMS_PAGE_CACHE_SHARED_SECONDS = env_int("LMS_PAGE_CACHE_SHARED_SECONDS", 60)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Never served by URL: nomination letters and other personal documents, read only through
    # views that check who is asking (coordination.admin_views).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("LMS_PRIVATE_ROOT", str(VAR_DIR / "private"))},
    },
}

# Upload limits (ASVS 5.2): none of these is checked by check --deploy.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Nobody signed out has anything large to send (sign-in, sign-up, password reset, certificate
# checks): bigger bodies are refused with 413 before anything reads them (lms.middleware).
# The largest thing a visitor sends is a credential file to check (at most 256 KB, see
# certificates.credentials.MAX_DOCUMENT_BYTES), in a multipart body with a little overhead.
LMS_ANONYMOUS_REQUEST_MAX_BYTES = 320 * 1024

# Sessions: stored on the server so that logout and deactivation end them there.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "lms_session"
CSRF_COOKIE_NAME = "lms_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute lifetime of a session, and how long it may sit idle (lms.middleware).
SESSION_COOKIE_AGE = env_int("LMS_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
LMS_SESSION_IDLE_SECONDS = env_int("LMS_SESSION_IDLE_SECONDS", 60 * 60)

# Security headers that apply in every profile.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): no inline script and no other origin on the public
# site. Wagtail 8's admin runs inline scripts and styles, so /admin/ gets its own policy
# (LMS_ADMIN_CONTENT_SECURITY_POLICY, applied by lms.middleware.ContentSecurityPolicyMiddleware)
# that allows those and still names no other host. Page previews keep the public policy but
# may be framed by the admin's live preview panel (frame-ancestors 'self').
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
LMS_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
# Browser features no page of ours uses; video may go full screen (lms.middleware).
LMS_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), bluetooth=(), camera=(), display-capture=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), publickey-credentials-get=(), serial=(), "
    "usb=(), xr-spatial-tracking=()"
)

# Accounts (django-allauth). The reasoning is in docs/security.md ("Why these choices").
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # "key" is the account and the client's address together (lms.adapters): a guesser
    # elsewhere cannot lock the owner out.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupProfileForm"
# Sign-up hashes the password even for a known address (no timing difference).
ACCOUNT_FORMS = {
    "signup": "lms.account_forms.AccountSignupForm",
    "reset_password_from_key": "lms.account_forms.AccountResetPasswordKeyForm",
}
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cybercrime Academy] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("LMS_HTTP_PROTOCOL", "http")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 0
MFA_TRUST_ENABLED = False
MFA_TOTP_ISSUER = "Cybercrime Academy"
# Activity tracking would write to the database on every request; sessions are still recorded
# at login (so they can be listed and ended), and lms.middleware handles idle timeouts.
USERSESSIONS_TRACK_ACTIVITY = False
# Behind a proxy, set this to the number of proxies so rate limits see the real client IP.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("LMS_TRUSTED_PROXY_COUNT", 0)

# The Ed25519 key that signs Open Badges 3.0 credentials (multibase "z..." or base64 32-byte
# seed). Development generates one in var/ when unset; production requires it.
LMS_CREDENTIAL_SIGNING_KEY = env("LMS_CREDENTIAL_SIGNING_KEY", "")
LMS_ISSUER_NAME = env("LMS_ISSUER_NAME", "Cybercrime Academy")
# Public keys (multibase "z6Mk...") of retired signing keys: credentials they signed still
# verify, and the issuer profile keeps publishing them.
LMS_CREDENTIAL_RETIRED_KEYS = env_list("LMS_CREDENTIAL_RETIRED_KEYS", [])

# Cohort progress (coordination.selectors): a learner is at risk after this many days without
# activity, or when they have completed fewer modules than the cohort's schedule has opened,
# counting a module only once this many days have passed since it opened.
LMS_AT_RISK_INACTIVE_DAYS = env_int("LMS_AT_RISK_INACTIVE_DAYS", 14)
LMS_AT_RISK_GRACE_DAYS = env_int("LMS_AT_RISK_GRACE_DAYS", 7)

# Programme report (reports.tables): counts of 1 to this number minus one people are shown as
# "<5"; 0 turns suppression off.
LMS_REPORT_SUPPRESS_BELOW = env_int("LMS_REPORT_SUPPRESS_BELOW", 5)

# Private files (nomination letters): outside MEDIA_ROOT, served only by permission-checked
# views; see STORAGES["private"].

# E-mail.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Cybercrime Academy <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail.
WAGTAIL_SITE_NAME = "Cybercrime Academy"
WAGTAILADMIN_BASE_URL = env("LMS_BASE_URL", "http://127.0.0.1:8000")
# One login path for everybody: the admin sends people to allauth (rate limits, MFA).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# No avatars from Gravatar: every admin page would tell a third party who is working when.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents always through Django's view: permission checks, and anything a browser could
# run (HTML, SVG) is sent as an attachment.
WAGTAILDOCS_DOCUMENT_MODEL = "lms.AcademyDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "pptx", "xlsx", "odt", "ods", "odp", "txt", "csv", "json", "zip",
    "e01", "img", "bin", "db", "sqlite", "plist", "mp4", "webm", "vtt",
]  # fmt: skip
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Every immediate task and page publication would otherwise print a line.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "wagtail_localize": {"level": "WARNING"},
    },
}
