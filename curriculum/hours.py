"""How long a programme takes, computed from its files (issue 17: honest hours).

Reading time is the words of the lesson bodies at ``WORDS_PER_MINUTE``; activities add a
declared time each. The figures and the reasoning behind them are in docs/authoring.md
("Estimated hours"); change both together.
"""

import html
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curriculum.reader import Lesson, Programme

WORDS_PER_MINUTE = 200
# Minutes a learner spends on one quiz question, by type: reading the stem and choices and
# deciding (single, true/false), weighing every option (multiple), typing a value or a term
# (short, numeric), arranging items (ordering, matching), downloading a file and computing or
# reading a value from it (evidence), and drafting a trainer-marked answer (written). A question
# asked in several quizzes (a pre-test, then a post-test) is answered, and counted, each time.
QUESTION_MINUTES = {
    "single": 1.5,
    "true_false": 1,
    "multiple": 2,
    "short": 2,
    "numeric": 3,
    "ordering": 3,
    "matching": 3,
    "evidence": 6,
    "written": 20,
}
KNOWLEDGE_CHECK_MINUTES = 1  # one question in a lesson, feedback at once
EVIDENCE_FILE_MINUTES = 3  # opening and reading a file a lesson offers
DISCUSSION_MINUTES = 30  # reading the case, writing a reply, reading and answering others
# A lesson's declared estimated_minutes may differ from its computed time by this much
# (a fraction, at least LESSON_MIN_TOLERANCE minutes) before check_content warns.
LESSON_TOLERANCE = 0.5
LESSON_MIN_TOLERANCE = 5
# A declared estimated_hours may differ from the computed one by this much (a fraction of the
# computed hours, at least MIN_TOLERANCE_HOURS), and only with a hours_note saying why.
TOLERANCE = 0.25
MIN_TOLERANCE_HOURS = 1

TAG = re.compile(r"<[^>]+>")
# Values of a lesson block that are not read: addresses, file and diagram names, settings.
NOT_READ = {"url", "file", "diagram", "language", "kind", "level", "correct", "show_digest"}


@dataclass(frozen=True)
class Hours:
    reading_minutes: int
    activity_minutes: int

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.activity_minutes

    @property
    def hours(self) -> int:
        """Whole hours, rounded half up; at least 1."""
        return max(1, math.floor(self.minutes / 60 + 0.5))


def words(value) -> int:
    """Words a learner reads in a block value (text, lists and mappings of them)."""
    if isinstance(value, str):
        return len(html.unescape(TAG.sub(" ", value)).split())
    if isinstance(value, dict):
        return sum(words(v) for k, v in value.items() if k not in NOT_READ)
    if isinstance(value, list):
        return sum(words(v) for v in value)
    return 0


def lesson_hours(lesson: "Lesson") -> Hours:
    """A lesson's reading time, and its knowledge checks and files, in minutes."""
    reading = activities = 0.0
    for item in lesson.body:
        reading += words(item.value) / WORDS_PER_MINUTE
        if item.block_type == "knowledge_check":
            activities += KNOWLEDGE_CHECK_MINUTES
        elif item.block_type == "evidence_file":
            activities += EVIDENCE_FILE_MINUTES
    return Hours(round(reading), round(activities))


def lesson_minutes(lesson: "Lesson") -> int:
    """What a lesson's estimated_minutes is when its file gives none: at least 1."""
    return max(1, lesson_hours(lesson).minutes)


def lesson_tolerance(computed: int) -> int:
    return max(LESSON_MIN_TOLERANCE, math.floor(computed * LESSON_TOLERANCE + 0.5))


def programme_hours(programme: "Programme") -> Hours:
    """Reading and activity minutes of the whole programme (lessons as computed, whatever
    their files declare), and so its hours."""
    reading = activities = 0
    for module in programme.modules:
        for lesson in module.lessons:
            each = lesson_hours(lesson)
            reading += each.reading_minutes
            activities += each.activity_minutes
    activities = float(activities)
    types = {question.key: question.type for question in programme.questions}
    for quiz in programme.quizzes:
        activities += sum(QUESTION_MINUTES.get(types.get(key), 0) for key in quiz.questions)
    activities += DISCUSSION_MINUTES * len(programme.discussions)
    return Hours(reading, round(activities))


def tolerance(computed: int) -> int:
    return max(MIN_TOLERANCE_HOURS, math.floor(computed * TOLERANCE + 0.5))
