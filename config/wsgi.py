import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

if getattr(settings, "LMS_KEEP_HASH_MEMORY", False):
    from lms.hash_memory import keep_for_password_hashes

    keep_for_password_hashes()
