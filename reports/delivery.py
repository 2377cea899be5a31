"""How each enrolment was taught: online, in an offline classroom, or both.

The offline classroom (``classroom``) sits above the report, so the report cannot name its
models. It registers a ``ClassroomSource`` in its ``AppConfig.ready`` instead: two
expressions the report puts in its one grouping query. Without a source (the classroom app not
installed), every enrolment is online.

An enrolment studied **offline** when its learner was present in a classroom of its cohort
(attendance merged from a node's results). It studied **online** when the learner did
something on the platform itself: opened or completed a lesson or replied to a case (the
enrolment's last activity), or submitted an attempt at one of the course's quizzes that did
not come from a node. An enrolment with neither counts as online: that is how it was offered.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

ONLINE = "online"
OFFLINE = "offline"
BOTH = "both"
MODES = (ONLINE, OFFLINE, BOTH)


@dataclass(frozen=True)
class ClassroomSource:
    """``attended()``: an ``Exists`` over the enrolment (learner and cohort) that is true when
    the learner was present in an offline classroom; ``imported_attempt()``: an ``Exists``
    over an ``Attempt`` that is true when the attempt was brought back from a node."""

    attended: Callable[[], Exists]
    imported_attempt: Callable[[], Exists]


_source: ClassroomSource | None = None


def classroom_source_register(source: ClassroomSource) -> None:
    """Called once from ``ClassroomConfig.ready``."""
    global _source
    _source = source


def offline_condition() -> Q | Exists:
    if _source is None:
        return Q(pk__in=[])
    return _source.attended()


def online_condition() -> Q:
    from assessments.models import Attempt

    attempts = Attempt.objects.filter(
        learner=OuterRef("learner"),
        submitted_at__isnull=False,
        quiz__path__startswith=OuterRef("course__path"),
    )
    if _source is not None:
        attempts = attempts.exclude(_source.imported_attempt())
    return Q(last_activity_at__isnull=False) | Q(Exists(attempts))
