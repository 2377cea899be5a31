"""The short prevention course for teachers and parents (content/online-safety-families)."""

import polib

from curriculum.hours import programme_hours
from curriculum.reader import content_dir, programme_read
from curriculum.status_notes import status_notes
from lms.i18n import TRANSLATED_LANGUAGES

SLUG = "online-safety-families"
REPORTING_ROUTES = ("INHOPE", "CyberTipline", "Take It Down", "StopNCII.org")


def _programme():
    return programme_read(content_dir() / SLUG)


def test_the_prevention_course_is_short_self_paced_and_needs_no_vetting():
    programme = _programme()
    assert programme.errors == []
    course = programme.course
    assert (course["pacing"], course["level"], course["enrolment"]) == (
        "self",
        "introductory",
        "open",
    )
    assert programme_hours(programme).hours <= 2
    assert {quiz.module for quiz in programme.quizzes} == {m.slug for m in programme.modules}


def test_the_reporting_lesson_names_every_route_with_a_dated_status_note():
    programme = _programme()
    [lesson] = [
        lesson for module in programme.modules for lesson in module.lessons
        if lesson.slug == "where-to-report"
    ]  # fmt: skip
    text = str([item.value for item in lesson.body])
    assert all(route in text for route in REPORTING_ROUTES)
    notes = [note for note in status_notes(programme.directory) if "where-to-report" in note.file]
    assert notes and all(note.has_check for note in notes)


def test_every_language_keeps_the_names_of_the_reporting_routes():
    """A translation may not rename a service a frightened parent has to find online."""
    context = "lesson:evidence-reporting-and-support/where-to-report:"
    for language in TRANSLATED_LANGUAGES:
        catalog = polib.pofile(str(content_dir() / SLUG / "locale" / f"{language}.po"))
        for entry in catalog:
            if entry.msgctxt.startswith(context):
                for route in REPORTING_ROUTES:
                    if route in entry.msgid:
                        assert route in entry.msgstr, (language, entry.msgctxt, route)
