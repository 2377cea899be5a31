"""Project configuration: settings per profile, the root URLconf, WSGI and ASGI.

The one package allowed to import every app (it wires them together); the apps import nothing
from it and read settings through `django.conf.settings`.
"""
