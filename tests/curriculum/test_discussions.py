"""Discussion cases in content files: discussions/<module-slug>.yaml, read, loaded, translated."""

import copy

import pytest
from wagtail.models import Page

from curriculum.build import programme_objects
from curriculum.checks import programme_problems
from curriculum.po import po_export, po_path, programme_entries
from curriculum.reader import programme_read
from discussions.models import DiscussionPage
from tests.curriculum.conftest import po_fill, yaml_edit, yaml_write

CASE = {
    "title": "The referral that arrives on a Friday night",
    "slug": "case-friday-referral",
    "scenario": "<p>A fictional referral reaches the duty officer late on a Friday.</p>",
    "questions": ["What do you preserve first?", "Whom do you call?", "What can wait?"],
    "counts_for_completion": True,
}


def write_case(programme_dir, module="first-steps", **changes):
    yaml_write(programme_dir / f"discussions/{module}.yaml", {**copy.deepcopy(CASE), **changes})


def errors(programme_dir) -> list[str]:
    return [str(problem) for problem in programme_read(programme_dir).errors]


def test_a_case_file_is_read_for_its_module(programme_dir):
    write_case(programme_dir)
    programme = programme_read(programme_dir)
    assert programme.errors == []
    [case] = programme.discussions
    assert (case.module, case.slug, case.counts_for_completion) == (
        "first-steps",
        "case-friday-referral",
        True,
    )
    assert case.questions == CASE["questions"]


def test_a_case_for_a_module_that_does_not_exist_is_an_error(programme_dir):
    write_case(programme_dir, module="no-such-module")
    assert any("is not named after the slug of a module" in e for e in errors(programme_dir))


def test_a_case_needs_questions(programme_dir):
    write_case(programme_dir, questions=[])
    assert any("at least one question" in e for e in errors(programme_dir))


def test_unknown_fields_are_errors(programme_dir):
    write_case(programme_dir, discuss_by="Friday")
    assert any("unknown field 'discuss_by'" in e for e in errors(programme_dir))


def test_a_case_cannot_take_a_lesson_slug(programme_dir):
    write_case(programme_dir, slug="short-lesson")
    assert any("is used by a lesson or quiz" in e for e in errors(programme_dir))


def test_a_self_paced_course_has_no_discussion_cases(programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(pacing="self"))
    write_case(programme_dir)
    assert any("for cohort-paced courses" in e for e in errors(programme_dir))


@pytest.mark.django_db(False)
def test_check_content_warns_about_a_scenario_of_the_wrong_length(programme_dir):
    write_case(programme_dir)
    problems = [str(p) for p in programme_problems(programme_read(programme_dir))]
    assert any("the scenario has 11 words; it is meant to be 120 to 250" in p for p in problems)


@pytest.mark.django_db(False)
def test_the_po_export_names_the_cases_strings(programme_dir):
    write_case(programme_dir)
    programme = programme_read(programme_dir)
    contexts = {entry.context for entry in programme_entries(programme_objects(programme))}
    assert {
        "discussion:first-steps/case-friday-referral:title",
        "discussion:first-steps/case-friday-referral:scenario",
        "discussion:first-steps/case-friday-referral:questions.2",
    } <= contexts


@pytest.mark.django_db
def test_the_case_is_loaded_as_the_last_page_of_its_module_and_translated(load, programme_dir):
    write_case(programme_dir)
    programme = programme_read(programme_dir)
    po_export(programme, programme_entries(programme_objects(programme)), "fr")
    po_fill(po_path(programme, "fr"))
    loaded = load(languages=["fr"])
    case = loaded.instances["discussion:first-steps/case-friday-referral"]
    assert isinstance(case, DiscussionPage) and case.live and case.required
    module = loaded.instances["module:first-steps"]
    assert module.get_children().live().last().pk == case.pk
    assert [block.value for block in case.questions] == CASE["questions"]
    french = Page.objects.get(
        translation_key=case.translation_key, locale__language_code="fr"
    ).specific
    assert french.title == "[fr] The referral that arrives on a Friday night"
    assert [block.value for block in french.questions][0] == "[fr] What do you preserve first?"
    assert "[fr] A fictional referral" in french.scenario
    again = load(languages=["fr"])
    assert (
        "  module first-steps: unchanged; 2 lesson(s), 1 quiz(zes) and "
        "1 discussion case(s): 4 unchanged" in again.report
    )
