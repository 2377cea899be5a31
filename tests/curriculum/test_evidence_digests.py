"""A lesson never prints the SHA-256 that an evidence question asks the learner to compute.

The demo's lessons showed each evidence file's digest beside its download, and two of those
files are the ones whose digest a quiz asks for: the answer was printed in the lesson.
"""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from courses.models import LessonPage
from curriculum.build import programme_objects
from curriculum.reader import content_dir, programmes_read
from tests.curriculum.conftest import EXHIBIT, yaml_edit

EVERY_BLOCK = "lessons/first-steps/01-every-block.yaml"


def _evidence_blocks(body):
    for block in body:
        if block["type"] == "sensitive":
            yield from _evidence_blocks(block["value"]["content"])
        elif block["type"] == "evidence_file":
            yield block["value"]


@pytest.mark.django_db
def test_the_loader_keeps_back_the_digest_a_question_asks_for(load, client):
    load()
    page = LessonPage.objects.get(slug="every-block", locale__language_code="en")
    [evidence] = _evidence_blocks(page.body.raw_data)
    assert evidence["show_digest"] is False
    html = client.get(page.url).content.decode()
    assert "Download exhibit" in html  # the stored name may carry a suffix
    assert hashlib.sha256(EXHIBIT).hexdigest() not in html


@pytest.mark.django_db
def test_the_loader_shows_the_digest_of_a_file_no_question_asks_about(load, programme_dir):
    def change(data):
        data["questions"] = [q for q in data["questions"] if q["type"] != "evidence"]
        for quiz in data["quizzes"]:
            quiz["questions"] = [key for key in quiz["questions"] if key != "q4"] + ["q1"] * (
                "q4" in quiz["questions"]
            )

    yaml_edit(programme_dir / "quizzes.yaml", change)
    load()
    page = LessonPage.objects.get(slug="every-block", locale__language_code="en")
    [evidence] = _evidence_blocks(page.body.raw_data)
    assert evidence["show_digest"] is True


def test_a_lesson_that_writes_the_digest_a_question_asks_for_fails_the_check(
    content_dir, programme_dir
):
    digest = hashlib.sha256(EXHIBIT).hexdigest()

    def change(data):
        data["body"].append({"code": {"language": "shell", "code": f"{digest}  exhibit.txt"}})

    yaml_edit(programme_dir / EVERY_BLOCK, change)
    out = StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("check_content", "--content-dir", str(content_dir), stdout=out, stderr=out)
    assert "prints the SHA-256 that question 'q4' asks for" in out.getvalue()


def test_no_shipped_lesson_shows_the_digest_a_quiz_asks_for():
    """Every programme in content/: each evidence file whose SHA-256 a question asks for is
    offered in lessons without its digest, and the others keep theirs."""
    asked_titles, other_titles = set(), set()
    for programme in programmes_read(content_dir()):
        asked = {
            question.expected.removeprefix("sha256:")
            for question in programme.questions
            if question.type == "evidence" and question.expected.startswith("sha256:")
        }
        asked |= {
            question.evidence_file
            for question in programme.questions
            if question.type == "evidence" and question.expected.startswith("sha256:")
        }
        lessons = [lesson for module in programme.modules for lesson in module.lessons]
        titles = {
            item.value["title"]: item.value["file"] in asked
            for lesson in lessons
            for item in lesson.body
            if item.block_type == "evidence_file"
        }
        shown = {
            evidence["title"]: evidence["show_digest"]
            for obj in programme_objects(programme)
            if obj.kind == "lesson"
            for evidence in _evidence_blocks(obj.fields["body"])
        }
        for title, is_asked in titles.items():
            assert shown[title] is not is_asked, (programme.slug, title)
            (asked_titles if is_asked else other_titles).add(title)
    assert len(asked_titles) >= 2 and other_titles
