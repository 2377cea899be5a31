"""Everything ``check_content`` verifies about a programme, beyond reading it.

Translation files are checked against the strings the programme's files give today (the
same extraction as the PO export), and lesson lengths are counted on those strings.
"""

import html
import re
from hashlib import sha256

import polib

from assessments.item_checks import item_faults, position_fault
from curriculum.build import digests_asked, programme_objects
from curriculum.hours import lesson_minutes, lesson_tolerance, programme_hours
from curriculum.hours import tolerance as hours_tolerance
from curriculum.po import object_entries, po_incomplete, po_path
from curriculum.reader import ContentProblem, Programme
from curriculum.status_notes import CHECK, status_notes
from curriculum.termbase import departures, termbase_path, termbase_read
from lms.i18n import TRANSLATED_LANGUAGES

LESSON_WORDS = (300, 900)
SCENARIO_WORDS = (120, 250)
TAG = re.compile(r"<[^>]+>")
CODE = re.compile(r"<code>.*?</code>", re.S)
# A translation identical to its English source is a string left in English, unless it is
# short (a name, a reference, a number), code (a command reads the same in every language) or
# the title of a publication in a reading list (cited as it was published).
UNTRANSLATED_MIN_WORDS = 6
KEPT_AS_WRITTEN = re.compile(r"\.(code|links\.\d+\.title)$")


def programme_problems(programme: Programme, *, strict: bool = False) -> list[ContentProblem]:
    """The problems of reading the programme, then of its lessons' length and its PO files.

    ``strict`` makes a missing PO file, or one that no translator has started, an error.
    """
    problems = list(programme.problems)
    if programme.errors:
        return problems
    objects = programme_objects(programme)
    entries_by_object = {obj.key: object_entries(obj) for obj in objects}
    for obj in objects:
        if obj.kind == "discussion":
            problems += _scenario_problems(programme, obj, entries_by_object[obj.key])
        if obj.kind != "lesson":
            continue
        words = sum(
            _word_count(entry.msgid)
            for entry in entries_by_object[obj.key]
            if entry.path.startswith("body.")
        )
        low, high = LESSON_WORDS
        if not low <= words <= high:
            problems.append(
                ContentProblem(
                    f"{programme.slug}/{obj.file}",
                    f"{words} words; lessons are meant to be {low} to {high}",
                    is_error=False,
                )
            )
    problems += _digest_problems(programme, objects, entries_by_object)
    problems += item_problems(programme)
    problems += quiz_policy_problems(programme)
    problems += outcome_problems(programme, strict=strict)
    problems += hours_problems(programme)
    problems += status_note_problems(programme)
    entries = [entry for obj in objects for entry in entries_by_object[obj.key]]
    for language in TRANSLATED_LANGUAGES:
        problems += _po_problems(programme, language, entries, strict=strict)
    return problems


def hours_problems(programme: Programme) -> list[ContentProblem]:
    """A declared time that the content does not support (curriculum.hours).

    The course's estimated_hours, when declared and different from the computed hours, needs a
    hours_note and must stay within the tolerance (errors); a lesson's estimated_minutes far
    from its computed time is a warning.
    """
    problems = []
    where = f"{programme.slug}/course.yaml"
    computed = programme_hours(programme)
    declared = programme.declared_hours
    if declared is not None and declared != computed.hours:
        margin = hours_tolerance(computed.hours)
        figures = (
            f"declares {declared} hours; the content gives {computed.hours} "
            f"({computed.reading_minutes} minutes of reading, {computed.activity_minutes} of "
            f"activities)"
        )
        if not programme.hours_note:
            problems.append(
                ContentProblem(
                    where, f"{figures}: remove estimated_hours, or say why in hours_note"
                )
            )
        if abs(declared - computed.hours) > margin:
            problems.append(ContentProblem(where, f"{figures}, more than {margin} hours apart"))
    for module in programme.modules:
        for lesson in module.lessons:
            if (module.slug, lesson.slug) not in programme.declared_minutes:
                continue
            minutes = lesson_minutes(lesson)
            if abs(lesson.estimated_minutes - minutes) > lesson_tolerance(minutes):
                problems.append(
                    ContentProblem(
                        f"{programme.slug}/{lesson.file}",
                        f"declares {lesson.estimated_minutes} minutes; its content takes about "
                        f"{minutes}: remove estimated_minutes to use that",
                        is_error=False,
                    )
                )
    return problems


def status_note_problems(programme: Programme) -> list[ContentProblem]:
    """A dated status note without the sentence that sends the trainer to the source."""
    return [
        ContentProblem(
            note.file,
            f"says 'Status as of {note.as_of:%B %Y}' without '{CHECK}.'",
            is_error=False,
        )
        for note in status_notes(programme.directory)
        if not note.has_check
    ]


def outcome_problems(programme: Programme, *, strict: bool = False) -> list[ContentProblem]:
    """Learning outcomes that no question of any quiz tests (warnings; errors with strict).

    An outcome is tested when a question that a quiz asks names it in ``outcome:``; a question
    that names an outcome that does not exist is the reader's error.
    """
    asked = {key for quiz in programme.quizzes for key in quiz.questions}
    tested = {q.outcome for q in programme.questions if q.key in asked and q.outcome}
    return [
        ContentProblem(
            f"{programme.slug}/course.yaml",
            f"module {module.slug!r}: outcome {outcome['id']!r} is tested by no quiz question",
            is_error=strict,
        )
        for module in programme.modules
        for outcome in module.outcomes
        if outcome["id"] not in tested
    ]


def termbase_problems(programme: Programme, language: str, catalog) -> list[ContentProblem]:
    """Translations that depart from the language's termbase (errors), and a broken
    termbase file. No termbase for the language: nothing to check."""
    path = termbase_path(programme.directory.parent, language)
    termbase = termbase_read(path)
    if termbase is None:
        return []
    if termbase.problems:
        return [ContentProblem(f"termbase/{language}.yaml", p) for p in termbase.problems]
    where = f"{programme.slug}/locale/{language}.po"
    return [
        ContentProblem(
            where,
            f"{entry.msgctxt}: the English says {term.english.search(entry.msgid)[0]!r}; "
            f"the translation should use {term.term!r} (termbase {language}: {term.id})",
        )
        for entry, term in departures(termbase, catalog)
    ]


def _scenario_problems(programme, obj, entries) -> list[ContentProblem]:
    """A discussion case's scenario outside its intended length (a warning)."""
    words = sum(_word_count(entry.msgid) for entry in entries if entry.path == "scenario")
    low, high = SCENARIO_WORDS
    if low <= words <= high:
        return []
    return [
        ContentProblem(
            f"{programme.slug}/{obj.file}",
            f"the scenario has {words} words; it is meant to be {low} to {high}",
            is_error=False,
        )
    ]


def item_problems(programme: Programme) -> list[ContentProblem]:
    """Item-writing faults (``assessments.item_checks``) as warnings.

    Each single or multiple response question and each knowledge check is checked on its own;
    then the place of the right answer is counted over the programme's single-answer quiz
    questions, and separately over its knowledge checks, since learners meet them apart.
    """
    problems = []
    quiz_positions: list[int] = []
    for question in programme.questions:
        if question.type not in ("single", "multiple"):
            continue
        choices = [
            (answer.value.get("text") or "", (answer.value.get("weight") or 0) > 0)
            for answer in question.answers
            if answer.block_type == "choice"
        ]
        where = f"{programme.slug}/{question.file}: {question.key}"
        problems += _faults(where, item_faults(question.text, choices))
        if question.type == "single":
            quiz_positions += [n for n, (_text, right) in enumerate(choices) if right]
    check_positions: list[int] = []
    for module in programme.modules:
        for lesson in module.lessons:
            for n, item in enumerate(lesson.body):
                if item.block_type != "knowledge_check" or not isinstance(item.value, dict):
                    continue
                choices = [
                    (choice.get("text") or "", bool(choice.get("correct")))
                    for choice in item.value.get("choices") or []
                ]
                where = f"{programme.slug}/{lesson.file}: body[{n}] knowledge check"
                problems += _faults(where, item_faults(item.value.get("question") or "", choices))
                check_positions += [n for n, (_text, right) in enumerate(choices) if right]
    for what, positions in (
        ("single-answer quiz questions", quiz_positions),
        ("knowledge checks", check_positions),
    ):
        fault = position_fault(positions)
        if fault:
            problems += _faults(f"{programme.slug} ({what})", [fault])
    return problems


def _faults(where: str, faults) -> list[ContentProblem]:
    return [ContentProblem(where, fault.message, is_error=False) for fault in faults]


def quiz_policy_problems(programme: Programme) -> list[ContentProblem]:
    """A quiz that counts towards completion, and so the certificate, that can be gamed; and a
    pre-test that shows the answers its post-test will ask for.

    With unlimited attempts, or with the answers shown after each attempt, a learner passes by
    retrying or by copying the review; practice quizzes (``required: false``) may do both.
    """
    problems = []
    for quiz in programme.quizzes:
        where = f"{programme.slug}/{quiz.file}: {quiz.slug}"
        if quiz.settings.get("role") == "pre_test" and quiz.settings.get("review_policy") != (
            "never"
        ):
            # Its questions come back in the post-test (or the final exam): a review after the
            # pre-test would hand out their answers before the course starts.
            problems.append(
                ContentProblem(
                    where,
                    "is a pre-test but shows its answers: set review_policy: never, since its "
                    "questions come back in the post-test",
                    is_error=False,
                )
            )
        if not quiz.settings.get("required", True):
            continue
        if not quiz.settings.get("max_attempts"):
            problems.append(
                ContentProblem(
                    where,
                    "counts towards the certificate but allows unlimited attempts: "
                    "set max_attempts, or required: false for a practice quiz",
                    is_error=False,
                )
            )
        if quiz.settings.get("review_policy") == "immediately":
            problems.append(
                ContentProblem(
                    where,
                    "counts towards the certificate but shows the answers after every "
                    "attempt: set review_policy: after_last (or never)",
                    is_error=False,
                )
            )
    return problems


def _digest_problems(programme, objects, entries_by_object) -> list[ContentProblem]:
    """A lesson that writes out (in text or code) a SHA-256 that a question asks for.

    The loader already hides the digest beside such a file's download; this catches the
    same answer typed into the lesson itself, e.g. as the output of ``sha256sum``.
    """
    digests = {
        sha256(programme.file_bytes(name)).hexdigest(): key
        for name, key in digests_asked(programme).items()
    }
    problems = []
    for obj in objects:
        if obj.kind != "lesson":
            continue
        text = " ".join(entry.msgid for entry in entries_by_object[obj.key]).lower()
        for digest, key in digests.items():
            if digest in text:
                problems.append(
                    ContentProblem(
                        f"{programme.slug}/{obj.file}",
                        f"prints the SHA-256 that question {key!r} asks for",
                    )
                )
    return problems


def _word_count(text: str) -> int:
    return len(html.unescape(TAG.sub(" ", text)).split())


def _is_prose(text: str) -> bool:
    return _word_count(CODE.sub("", text)) >= UNTRANSLATED_MIN_WORDS


def _po_problems(programme, language, entries, *, strict) -> list[ContentProblem]:
    path = po_path(programme, language)
    where = f"{programme.slug}/locale/{language}.po"
    if not path.exists():
        return [ContentProblem(where, "missing; translators have not started", is_error=strict)]
    try:
        catalog = polib.pofile(str(path))
    except OSError as error:
        return [ContentProblem(where, f"cannot be read: {error}")]
    if not any(entry.msgstr for entry in catalog if not entry.obsolete):
        return [
            ContentProblem(
                where, "has no translation yet; translators have not started", is_error=strict
            )
        ]
    problems = termbase_problems(programme, language, catalog)
    incomplete, stale = po_incomplete(path, entries)
    problems += [
        ContentProblem(where, f"not translated completely: {each}") for each in incomplete
    ]
    problems += [
        ContentProblem(where, f"left in English in {entry.msgctxt}: {entry.msgid[:60]}…")
        for entry in catalog
        if not entry.obsolete
        and entry.msgstr == entry.msgid
        and not KEPT_AS_WRITTEN.search(entry.msgctxt or "")
        and _is_prose(entry.msgid)
    ]
    if stale:
        problems.append(
            ContentProblem(
                where,
                f"{len(stale)} entries for strings no longer in the files "
                f"(run manage.py content_po export {programme.slug})",
                is_error=False,
            )
        )
    return problems
