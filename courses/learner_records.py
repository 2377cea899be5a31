"""A learner's records kept by apps above courses, for the dashboard and the course page.

The dashboard lists the learner's certificates and their applications to vetted courses, and
marks the quizzes with an attempt waiting for a trainer; the course page shows the learner's
application. Those records belong to certificates, coordination and assessments, which sit
above courses, so courses never names their models: each app registers the function that
reads its records from its ``AppConfig.ready`` (as completion providers are registered in
``courses.completion``). Without a registered reader the answer is empty, and the pages
simply show nothing of that kind.

Each reader costs one query and returns plain objects the templates already know:

- ``applications(user, course_keys)``: the learner's latest application per course, keyed
  by the course's ``translation_key`` (``course_keys`` None for every course); each has a
  ``status`` ("pending", "declined", ...) and its ``course``.
- ``certificates(user)``: the learner's certificates (valid, expired or revoked, none
  replaced by a corrected one), each with ``course_id`` and ``is_valid``.
- ``awaiting_marking(user)``: the ``translation_key`` of every step with an attempt of the
  learner waiting for a trainer to mark it.
"""

from collections.abc import Callable

_readers: dict[str, Callable] = {}


def applications_register(reader: Callable) -> None:
    _readers["applications"] = reader


def certificates_register(reader: Callable) -> None:
    _readers["certificates"] = reader


def awaiting_marking_register(reader: Callable) -> None:
    _readers["awaiting_marking"] = reader


def applications_for(user, course_keys=None) -> dict:
    reader = _readers.get("applications")
    return reader(user, course_keys) if reader and user.is_authenticated else {}


def certificates_for(user) -> list:
    reader = _readers.get("certificates")
    return reader(user) if reader and user.is_authenticated else []


def awaiting_marking_for(user) -> set:
    reader = _readers.get("awaiting_marking")
    return reader(user) if reader and user.is_authenticated else set()
