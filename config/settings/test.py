"""Settings for the test suite: fast hashing, in-memory e-mail, no real secret."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-that-is-not-used-anywhere-else-0123456789abcdefghij"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Uploaded files go to a throw-away folder per test process (Wagtail serves documents from
# a real path, which the in-memory storage does not have).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lms-test-media-"))
# Browser tests serve static files through the live server.
WHITENOISE_AUTOREFRESH = True
# A fixed, public test key: credentials signed in tests are worthless anywhere else.
LMS_CREDENTIAL_SIGNING_KEY = "z7cJF935BxbrRFj6MwvbiAJhZ2r3GS8FwUF2J18noNQ24"
STORAGES["private"]["OPTIONS"]["location"] = tempfile.mkdtemp(prefix="lms-test-private-")  # noqa: F405
# Off, as in development (base.py); the page cache's own tests (tests/lms/test_page_cache.py)
# turn it on.
LMS_PAGE_CACHE_SECONDS = 0

# The benchmark commands are tested too (tests/certificates/test_bulk_budget.py).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
