"""Estimated hours computed from the content, and declared times checked against it."""

import pytest
from django.core.management import CommandError

from curriculum.checks import programme_problems
from curriculum.hours import (
    DISCUSSION_MINUTES,
    KNOWLEDGE_CHECK_MINUTES,
    QUESTION_MINUTES,
    WORDS_PER_MINUTE,
    lesson_hours,
    lesson_minutes,
    programme_hours,
    words,
)
from curriculum.reader import programme_read
from tests.curriculum.conftest import yaml_edit
from tests.curriculum.test_check_content import check, translate_all

LONG_TEXT = "<p>" + " ".join(["word"] * 2000) + "</p>"


def lesson(programme, slug):
    return next(les for m in programme.modules for les in m.lessons if les.slug == slug)


def test_words_count_text_but_not_addresses_or_settings():
    value = {
        "title": "Three little words",
        "url": "https://example.org/a b c",
        "body": "<p>Two <strong>more</strong></p>",
        "kind": "warning note",
        "choices": [{"text": "One", "correct": True}],
    }
    assert words(value) == 3 + 2 + 1


def test_a_lesson_without_estimated_minutes_gets_its_reading_and_activity_time(programme_dir):
    def long_lesson(data):
        data["body"] = [
            {"rich_text": LONG_TEXT},
            {
                "knowledge_check": {
                    "question": "Ready?",
                    "choices": [{"text": "Yes", "correct": True}, {"text": "No"}],
                }
            },
        ]

    yaml_edit(programme_dir / "lessons/first-steps/02-short-lesson.yaml", long_lesson)
    programme = programme_read(programme_dir)
    # 2000 words at 200 a minute, then the knowledge check (its 3 words round away).
    expected = 2000 // WORDS_PER_MINUTE + KNOWLEDGE_CHECK_MINUTES
    assert lesson(programme, "short-lesson").estimated_minutes == expected
    assert lesson_minutes(lesson(programme, "short-lesson")) == expected


def test_a_declared_lesson_time_is_kept_and_warned_about_when_far_off(content_dir, programme_dir):
    programme = programme_read(programme_dir)
    every_block = lesson(programme, "every-block")
    assert every_block.estimated_minutes == 20  # as the file says
    assert lesson_minutes(every_block) < 10
    output = check(content_dir)
    assert "01-every-block.yaml: declares 20 minutes; its content takes about" in output


def test_the_course_hours_add_up_lessons_quiz_questions_and_discussion_cases(programme_dir):
    programme = programme_read(programme_dir)
    hours = programme_hours(programme)
    lessons = sum(lesson_hours(les).minutes for m in programme.modules for les in m.lessons)
    # first quiz: single, true/false, multiple; final quiz: true/false, evidence, matching
    quizzes = sum(
        QUESTION_MINUTES[t]
        for t in ("single", "true_false", "multiple", "true_false", "evidence", "matching")
    )
    assert hours.minutes == pytest.approx(lessons + quizzes, abs=1)
    assert programme.course["estimated_hours"] == hours.hours == 1
    assert programme.declared_hours is None


def test_a_discussion_case_adds_its_time(programme_dir):
    before = programme_hours(programme_read(programme_dir)).minutes
    (programme_dir / "discussions").mkdir()
    yaml_edit_new = programme_dir / "discussions/first-steps.yaml"
    yaml_edit_new.write_text(
        'title: A case\nslug: a-case\nscenario: <p>What happened.</p>\nquestions: ["Why?"]\n',
        encoding="utf-8",
    )
    after = programme_hours(programme_read(programme_dir)).minutes
    assert after - before == DISCUSSION_MINUTES


def declare(programme_dir, hours, note=None):
    def change(data):
        data["estimated_hours"] = hours
        if note:
            data["hours_note"] = note

    yaml_edit(programme_dir / "course.yaml", change)


def test_a_declared_course_time_that_differs_needs_a_note(content_dir, programme_dir):
    translate_all(programme_dir)
    declare(programme_dir, 2)
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)
    declare(programme_dir, 2, note="The evidence exercise needs a tool to be installed.")
    output = check(content_dir)
    assert "0 errors" in output
    assert "hours: 1 computed" in output and "2 declared (+1)" in output
    assert programme_read(programme_dir).course["estimated_hours"] == 2


def test_a_declared_course_time_beyond_the_tolerance_fails_even_with_a_note(
    content_dir, programme_dir
):
    declare(programme_dir, 10, note="Generous.")
    errors = [p.message for p in programme_read(programme_dir).problems]
    assert not any("hours" in m for m in errors)  # the reader accepts it…
    [problem] = [p for p in programme_problems(programme_read(programme_dir)) if "hours" in str(p)]
    assert problem.is_error  # …the check does not
    assert "declares 10 hours; the content gives 1" in problem.message
    assert problem.message.endswith("more than 1 hours apart")


def test_the_shipped_programmes_declare_no_time_the_content_does_not_support():
    from curriculum.reader import content_dir

    for directory in sorted(content_dir().iterdir()):
        if not (directory / "course.yaml").exists():
            continue
        programme = programme_read(directory)
        computed = programme_hours(programme).hours
        assert programme.declared_hours in (None, computed) or programme.hours_note


@pytest.mark.django_db
@pytest.mark.engine_sensitive
def test_the_course_page_shows_level_audience_and_the_computed_hours(
    load, programme_dir, client, django_assert_max_num_queries
):
    declare(programme_dir, 2, note="The evidence exercise needs a tool to be installed.")
    course = load().course
    course.refresh_from_db()
    assert course.estimated_hours == 2
    with django_assert_max_num_queries(40):
        html = client.get(course.url).content.decode()
    assert "Level: advanced" in html
    assert "About 2 hours of study" in html
    assert "For: People who test the platform." in html
