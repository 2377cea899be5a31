"""Dated status notes in lessons: listed with their age, errors when older than a limit."""

import datetime

import pytest
from django.core.management import CommandError

from curriculum.status_notes import StatusNote, status_notes
from tests.curriculum.conftest import yaml_edit
from tests.curriculum.test_check_content import check

LESSON = "lessons/first-steps/02-short-lesson.yaml"


def _note(programme_dir, text):
    yaml_edit(programme_dir / LESSON, lambda data: data["body"].append({"rich_text": text}))


def test_a_note_is_found_with_its_date_even_when_the_yaml_wraps_it(programme_dir):
    _note(
        programme_dir,
        "<p>Status as of March 2024: signed by ten States. Check the current status before"
        " delivery.</p>",
    )
    (note,) = status_notes(programme_dir)
    assert note.as_of == datetime.date(2024, 3, 1)
    assert note.has_check
    assert note.file.endswith(LESSON)


def test_the_age_of_a_note_is_counted_in_months():
    note = StatusNote(file="x.yaml", as_of=datetime.date(2025, 10, 1), has_check=True)
    assert note.months_old(datetime.date(2026, 12, 7)) == 14
    assert note.months_old(datetime.date(2025, 10, 31)) == 0


def test_the_check_lists_each_note_with_its_age(content_dir, programme_dir):
    _note(
        programme_dir,
        "<p>Status as of January 2020: pending. Check the current status before delivery.</p>",
    )
    output = check(content_dir)
    assert "status note:" in output and "as of January 2020" in output
    assert "0 errors" in output


def test_notes_older_than_the_limit_are_errors(content_dir, programme_dir):
    _note(
        programme_dir,
        "<p>Status as of January 2020: pending. Check the current status before delivery.</p>",
    )
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir, "--stale-months", "12")


def test_a_note_without_the_check_sentence_is_a_warning(content_dir, programme_dir):
    _note(programme_dir, "<p>Status as of January 2020: pending.</p>")
    output = check(content_dir)
    assert "without 'Check the current status before delivery.'" in output
