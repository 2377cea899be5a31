"""Settings for the test suite: fast hashing, in-memory e-mail, no real secret."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-that-is-not-used-anywhere-else-0123456789abcdefghij"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Browser tests serve static files through the live server.
WHITENOISE_AUTOREFRESH = True
