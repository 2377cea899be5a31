"""The site's languages, in one place, derived from ``settings.LANGUAGES``.

``SOURCE_LANGUAGE`` is the language content and interface strings are written in (English,
``LANGUAGE_CODE``); ``TRANSLATED_LANGUAGES`` are the others, into which every interface string
(``locale/``) and every course (``content/``) is translated. A module that needs either list
imports it from here, so adding a language to ``LANGUAGES`` is the whole change.
"""

from django.conf import settings

SOURCE_LANGUAGE: str = settings.LANGUAGE_CODE
LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(
    code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE
)
