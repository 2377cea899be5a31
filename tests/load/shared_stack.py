"""A platform process for the two-app-server test: the test's settings, on the shared stack.

``tests/load/test_two_app_servers.py`` starts two gunicorn servers on this module's WSGI
``application`` and a task worker through ``python -m tests.load.shared_stack db_worker``.
All three run the settings module the test process runs (``DJANGO_SETTINGS_MODULE``, passed
on), with what production changes for a shared deployment applied from ``LMS_SHARED_STACK``
(JSON) before Django starts:

- ``database``: the test database's name, on the PostgreSQL server the test uses;
- ``cache_url``, ``key_prefix``: the Redis server (the test's own key prefix), holding
  sessions (``cached_db``, as in production) and rate limits;
- tasks go to the database backend (django-tasks-db), for a worker to run;
- the client's address is the last ``X-Forwarded-For`` hop (one trusted proxy), so the test
  can speak for two people from one machine.
"""

import json
import os
import sys


def _configure() -> None:
    from django.conf import settings

    stack = json.loads(os.environ["LMS_SHARED_STACK"])
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "NAME": stack["database"]}}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": stack["cache_url"],
            "KEY_PREFIX": stack["key_prefix"],
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


if os.environ.get("LMS_SHARED_STACK"):
    _configure()
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()


if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *sys.argv[1:]])
