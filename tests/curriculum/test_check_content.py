"""manage.py check_content: what fails the build and what only warns (no database)."""

import polib
import pytest
from django.core.management import CommandError, call_command

from curriculum.build import programme_objects
from curriculum.po import po_export, programme_entries
from curriculum.reader import programme_read
from lms.i18n import TRANSLATED_LANGUAGES
from tests.curriculum.conftest import po_fill, yaml_edit


def check(content_dir, *options):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(
        "check_content", "--content-dir", str(content_dir), *options, stdout=out, stderr=err
    )
    return out.getvalue() + err.getvalue()


def translate_all(programme_dir, languages=TRANSLATED_LANGUAGES):
    programme = programme_read(programme_dir)
    entries = programme_entries(programme_objects(programme))
    for language in languages:
        po_fill(po_export(programme, entries, language).path)


def test_missing_po_files_are_only_warnings(content_dir):
    output = check(content_dir)
    assert "locale/fr.po: missing" in output
    assert "0 errors" in output


def test_strict_makes_missing_po_files_errors(content_dir):
    with pytest.raises(CommandError, match="3 errors"):
        check(content_dir, "--strict")


def test_complete_translations_pass(content_dir, programme_dir):
    translate_all(programme_dir)
    assert "0 errors" in check(content_dir, "--strict")


@pytest.mark.parametrize("flaw", ["untranslated", "fuzzy", "missing"])
def test_a_flawed_entry_in_a_started_po_file_fails(content_dir, programme_dir, flaw):
    translate_all(programme_dir)
    path = programme_dir / "locale/pt.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == "question:q2:title")
    if flaw == "untranslated":
        entry.msgstr = ""
    elif flaw == "fuzzy":
        entry.flags.append("fuzzy")
    else:
        catalog.remove(entry)
    catalog.save(str(path))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)


def test_a_po_file_behind_the_english_fails(content_dir, programme_dir):
    translate_all(programme_dir)
    yaml_edit(
        programme_dir / "quizzes.yaml", lambda data: data["questions"][1].update(title="New")
    )
    with pytest.raises(CommandError, match="3 errors"):
        check(content_dir)


def test_schema_errors_fail(content_dir, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(level="expert"))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)


def test_lessons_outside_the_word_range_are_warnings(content_dir):
    output = check(content_dir)
    assert "words; lessons are meant to be 300 to 900" in output


def _copy_english(programme_dir, language, *, where):
    """Make the translation of the first entry that ``where`` accepts its English source."""
    path = programme_dir / f"locale/{language}.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if where(e))
    entry.msgstr = entry.msgid
    catalog.save(str(path))


def test_a_paragraph_left_in_english_fails(content_dir, programme_dir):
    translate_all(programme_dir)
    _copy_english(programme_dir, "es", where=lambda e: "first paragraph of the lesson" in e.msgid)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("check_content", "--content-dir", str(content_dir), stderr=err, stdout=err)
    assert "es.po: left in English" in err.getvalue()


@pytest.mark.parametrize("kept", [".code", ".links.0.title"])
def test_code_and_cited_titles_may_stay_as_written(content_dir, programme_dir, kept):
    translate_all(programme_dir)
    _copy_english(programme_dir, "fr", where=lambda e: e.msgctxt.endswith(kept))
    assert "0 errors" in check(content_dir, "--strict")


def test_the_shipped_programmes_pass_the_strict_check_without_a_warning():
    """Every programme in content/ passes the strict check with nothing to report: nothing
    missing, fuzzy or left in English, no item-writing fault, and every quiz that counts
    towards the certificate limited in attempts and review. Translating a whole programme into
    the database takes 20 to 30 s, so that is done for the small pilot (tests/curriculum) and
    one real programme (tests/lms)."""
    from curriculum.reader import content_dir

    assert "5 programmes: 0 errors, 0 warnings." in check(content_dir(), "--strict")


def _warnings_about(content_dir, where):
    lines = check(content_dir).splitlines()
    return [line for line in lines if "warning" in line and where in line]


def test_a_question_whose_right_answer_is_clearly_the_longest_warns(content_dir, programme_dir):
    long_answer = "A fingerprint of the content"
    yaml_edit(
        programme_dir / "quizzes.yaml",
        lambda data: data["questions"][0]["answers"][0]["choice"].update(text=long_answer),
    )
    [warning] = _warnings_about(content_dir, "quizzes.yaml: q1")
    assert "clearly the longest" in warning
    assert "0 errors" in check(content_dir)


def test_a_balanced_question_does_not_warn(content_dir):
    assert _warnings_about(content_dir, "quizzes.yaml: q1") == []


def test_a_knowledge_check_with_a_negative_question_warns(content_dir, programme_dir):
    def negative(data):
        check_block = data["body"][10]["knowledge_check"]
        check_block["question"] = "What does a matching hash not show?"
        check_block["choices"][0]["text"] = "Who made it"

    yaml_edit(programme_dir / "lessons/first-steps/01-every-block.yaml", negative)
    warnings = _warnings_about(content_dir, "01-every-block.yaml: body[10] knowledge check")
    assert any("worded negatively" in warning for warning in warnings)


def test_all_of_the_above_in_a_quiz_question_warns(content_dir, programme_dir):
    def catch_all(data):
        data["questions"][2]["answers"][2]["choice"]["text"] = "All of the above"

    yaml_edit(programme_dir / "quizzes.yaml", catch_all)
    [warning] = _warnings_about(content_dir, "quizzes.yaml: q3")
    assert "all of the above" in warning


def test_right_answers_in_the_same_place_across_a_programme_warn(content_dir, programme_dir):
    def more_questions(data):
        for n in range(3):
            question = dict(data["questions"][0], key=f"q1-copy{n}")
            data["questions"].append(question)
        data["quizzes"][0]["questions"] += ["q1-copy0", "q1-copy1", "q1-copy2"]

    yaml_edit(programme_dir / "quizzes.yaml", more_questions)
    [warning] = _warnings_about(content_dir, "(single-answer quiz questions)")
    assert "choice 1 in 4 of 4 items" in warning


def test_a_counting_quiz_with_unlimited_attempts_and_immediate_review_warns(content_dir):
    warnings = _warnings_about(content_dir, "quizzes.yaml: quiz-first-steps")
    assert any("unlimited attempts" in warning for warning in warnings)
    assert any("shows the answers after every attempt" in warning for warning in warnings)


@pytest.mark.parametrize(
    "settings",
    [
        # Not a pre-test here: a pre-test must also hide its answers (the next test).
        {"max_attempts": 3, "review_policy": "after_last", "role": None},
        {"required": False, "role": None},
    ],
    ids=["limited", "practice"],
)
def test_a_limited_or_practice_quiz_does_not_warn(content_dir, programme_dir, settings):
    yaml_edit(programme_dir / "quizzes.yaml", lambda data: data["quizzes"][0].update(settings))
    assert _warnings_about(content_dir, "quizzes.yaml: quiz-first-steps") == []


@pytest.mark.parametrize(
    ("review_policy", "warns"), [("after_last", True), ("never", False)], ids=["shown", "never"]
)
def test_a_pre_test_that_shows_its_answers_warns(content_dir, programme_dir, review_policy, warns):
    settings = {"required": False, "role": "pre_test", "review_policy": review_policy}
    yaml_edit(programme_dir / "quizzes.yaml", lambda data: data["quizzes"][0].update(settings))
    warnings = _warnings_about(content_dir, "quizzes.yaml: quiz-first-steps")
    assert any("is a pre-test but shows its answers" in w for w in warnings) is warns


def test_two_shipped_programmes_measure_knowledge_gain():
    """A pre-test and a post-test in the diploma and at least one other programme, so the
    programme report shows knowledge gain on the demo."""
    from curriculum.reader import content_dir, programme_read

    with_both = [
        directory.name
        for directory in sorted(content_dir().iterdir())
        if (directory / "course.yaml").exists()
        and {"pre_test", "post_test"}
        <= {quiz.settings.get("role") for quiz in programme_read(directory).quizzes}
    ]
    assert "diploma-ocsea" in with_both and len(with_both) >= 2, with_both


def test_a_mentoring_switch_that_is_not_true_or_false_fails(content_dir, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(mentoring="sometimes"))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)
