"""Module learning outcomes, and the outcome each quiz question tests (issue 17)."""

import pytest
from django.core.management import CommandError
from wagtail.models import Locale

from courses.models import ModulePage
from curriculum.build import programme_objects
from curriculum.po import programme_entries
from curriculum.reader import programme_read
from tests.curriculum.conftest import yaml_edit
from tests.curriculum.test_check_content import check, translate_all

TAGS = {"q1": "fs.1", "q2": "fs.2", "q3": "fs.2", "q4": "ns.1", "q5": "ns.1"}


def with_outcomes(programme_dir, tags=TAGS):
    """Tag the questions of the pilot programme (whose modules have outcomes) with ``tags``."""

    def quizzes(data):
        for question in data["questions"]:
            if question["key"] in tags:
                question["outcome"] = tags[question["key"]]
            else:
                question.pop("outcome", None)

    yaml_edit(programme_dir / "quizzes.yaml", quizzes)


def test_outcomes_and_tags_are_read(programme_dir):
    with_outcomes(programme_dir)
    programme = programme_read(programme_dir)
    assert not programme.problems
    assert [o["id"] for o in programme.modules[0].outcomes] == ["fs.1", "fs.2"]
    assert {q.key: q.outcome for q in programme.questions} == TAGS


def test_a_tagged_programme_passes_the_strict_check(content_dir, programme_dir):
    with_outcomes(programme_dir)
    translate_all(programme_dir)
    output = check(content_dir, "--strict")
    assert "0 errors" in output
    assert "outcome" not in output


def test_an_outcome_no_question_tests_warns_and_fails_the_strict_check(content_dir, programme_dir):
    with_outcomes(programme_dir, tags={**TAGS, "q1": "fs.2"})
    translate_all(programme_dir)
    output = check(content_dir)
    assert "warning: pilot-course/course.yaml: module 'first-steps': outcome 'fs.1'" in output
    assert "0 errors" in output
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir, "--strict")


def test_a_question_tagged_with_an_unknown_outcome_is_an_error(programme_dir):
    with_outcomes(programme_dir, tags={**TAGS, "q3": "fs.9"})
    problems = programme_read(programme_dir).errors
    assert [p.message for p in problems] == ["outcome 'fs.9' is no module's learning outcome"]


def test_untagged_questions_and_modules_without_outcomes_are_warnings(programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda d: d["modules"][0].pop("outcomes"))
    with_outcomes(programme_dir, tags={"q4": "ns.1", "q5": "ns.1"})
    problems = programme_read(programme_dir).problems
    messages = [p.message for p in problems if not p.is_error]
    assert "says no outcome: name the learning outcome it tests" in messages
    assert "module 'first-steps' has no learning outcomes yet" in messages
    assert not [p for p in problems if p.is_error]


@pytest.mark.parametrize(
    "outcomes, message",
    [
        (
            [{"id": "fs.1", "text": "A"}, {"id": "fs.1", "text": "B"}],
            "the id 'fs.1' is used twice",
        ),
        ([{"id": "Not An Id", "text": "A"}], "the id should be short"),
        ([{"id": "fs.1"}], "item 0 should have exactly an id and a text"),
    ],
)
def test_malformed_outcomes_are_errors(programme_dir, outcomes, message):
    yaml_edit(
        programme_dir / "course.yaml", lambda d: d["modules"][0].__setitem__("outcomes", outcomes)
    )
    assert any(message in p.message for p in programme_read(programme_dir).errors)


def test_an_outcome_id_is_unique_in_the_programme(programme_dir):
    def course(data):
        data["modules"][0]["outcomes"] = [{"id": "x.1", "text": "A"}]
        data["modules"][1]["outcomes"] = [{"id": "x.1", "text": "B"}]

    yaml_edit(programme_dir / "course.yaml", course)
    errors = programme_read(programme_dir).errors
    assert any("'x.1' is already used in module 'first-steps'" in p.message for p in errors)


def test_outcomes_are_translated_through_the_po_files_by_their_id(programme_dir):
    with_outcomes(programme_dir)
    entries = programme_entries(programme_objects(programme_read(programme_dir)))
    contexts = {e.context: e.msgid for e in entries if ":outcomes." in e.context}
    assert contexts == {
        "module:first-steps:outcomes.fs.1": "Say what a hash is.",
        "module:first-steps:outcomes.fs.2": "Record a seizure so that a court can follow it.",
        "module:next-steps:outcomes.ns.1": "Verify an exhibit.",
    }


@pytest.mark.django_db
@pytest.mark.engine_sensitive
def test_the_course_page_lists_each_modules_outcomes_in_the_learners_language(
    load, programme_dir, client, django_assert_max_num_queries
):
    with_outcomes(programme_dir)
    translate_all(programme_dir)
    loaded = load(languages=["fr"])
    module = ModulePage.objects.get(slug="first-steps", locale__language_code="en")
    assert [block.value for block in module.outcomes] == [
        "Say what a hash is.",
        "Record a seizure so that a court can follow it.",
    ]
    course = loaded.course
    with django_assert_max_num_queries(40):
        response = client.get(course.url)
    html = response.content.decode()
    assert "Learning outcomes" in html
    assert "Say what a hash is." in html and "Verify an exhibit." in html
    french = course.get_translation(Locale.objects.get(language_code="fr"))
    response = client.get(french.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert "[fr] Say what a hash is." in response.content.decode()
    assert "apprentissage</summary>" in response.content.decode()
