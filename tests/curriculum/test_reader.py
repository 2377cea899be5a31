"""Reading content files and finding what is wrong with them (no database)."""

import hashlib

from curriculum.reader import programme_read, programmes_read
from tests.curriculum.conftest import EXHIBIT, yaml_edit


def errors(directory) -> list[str]:
    return [str(problem) for problem in programme_read(directory).errors]


def test_the_sample_programme_reads_without_errors(programme_dir):
    programme = programme_read(programme_dir)
    assert programme.errors == []
    assert [module.slug for module in programme.modules] == ["first-steps", "next-steps"]
    assert [lesson.slug for lesson in programme.modules[0].lessons] == [
        "every-block",
        "short-lesson",
    ]
    assert [question.key for question in programme.questions] == ["q1", "q2", "q3", "q4", "q5"]


def test_course_fields_are_mapped_to_course_page_names(programme_dir):
    course = programme_read(programme_dir).course
    assert course["enrolment"] == "approval"
    assert course["certificate_issue"] == "coordinator"
    assert course["certificate_min_grade"] == 80
    assert course["certificate_validity_years"] == 3
    assert course["pacing"] == "cohort"


def test_plain_text_in_a_rich_text_field_becomes_a_paragraph(programme_dir):
    lesson = programme_read(programme_dir).modules[0].lessons[1]
    assert lesson.body[0].value == "<p>Plain text becomes one paragraph.</p>"


def test_sensitive_may_sit_beside_the_block_or_inside_it(programme_dir):
    body = programme_read(programme_dir).modules[0].lessons[0].body
    assert [item.sensitive for item in body][2:8] == [False, True, True, False, False, True]
    assert "sensitive" not in body[4].value


def test_an_unknown_block_is_an_error(programme_dir):
    path = programme_dir / "lessons/first-steps/02-short-lesson.yaml"
    yaml_edit(path, lambda data: data["body"].append({"carousel": {"images": []}}))
    assert any("unknown block 'carousel'" in error for error in errors(programme_dir))


def test_an_unquoted_comma_in_a_flow_mapping_is_explained(programme_dir):
    path = programme_dir / "lessons/first-steps/02-short-lesson.yaml"
    path.write_text(
        "title: Short\nslug: short-lesson\nbody:\n"
        "  - heading: {text: One, two and three, level: h2}\n",
        encoding="utf-8",
    )
    assert any("Put the text in quotes" in error for error in errors(programme_dir))


def test_a_block_field_longer_than_the_block_allows_is_an_error(programme_dir):
    path = programme_dir / "lessons/first-steps/02-short-lesson.yaml"
    yaml_edit(path, lambda data: data["body"].append({"heading": {"text": "x" * 201}}))
    assert any("at most 200" in error for error in errors(programme_dir))


def test_a_knowledge_check_needs_exactly_one_correct_choice(programme_dir):
    def two_right(data):
        data["body"][10]["knowledge_check"]["choices"][1]["correct"] = True

    yaml_edit(programme_dir / "lessons/first-steps/01-every-block.yaml", two_right)
    assert any("exactly one correct" in error for error in errors(programme_dir))


def test_duplicate_slugs_and_keys_are_errors(programme_dir):
    def twice(data):
        data["questions"].append(dict(data["questions"][0]))
        data["quizzes"].append(dict(data["quizzes"][0]))

    yaml_edit(programme_dir / "quizzes.yaml", twice)
    found = errors(programme_dir)
    assert any("question key 'q1' is used twice" in error for error in found)
    assert any("another lesson or quiz of the module has this slug" in error for error in found)


def test_a_quiz_needs_a_pass_mark_and_three_questions(programme_dir):
    def weaken(data):
        del data["quizzes"][0]["pass_mark"]
        data["quizzes"][0]["questions"] = ["q1", "q2"]

    yaml_edit(programme_dir / "quizzes.yaml", weaken)
    found = errors(programme_dir)
    assert any("'pass_mark' is required" in error for error in found)
    assert any("at least three questions" in error for error in found)


def test_answers_are_checked_by_the_question_models_rules(programme_dir):
    def no_full_credit(data):
        data["questions"][0]["answers"][0]["choice"]["weight"] = 50

    yaml_edit(programme_dir / "quizzes.yaml", no_full_credit)
    assert any("One choice must give full credit" in error for error in errors(programme_dir))


def test_a_written_sha256_must_be_the_digest_of_the_evidence_file(programme_dir):
    def digest(value):
        def change(data):
            data["questions"][3]["expected"] = f"sha256:{value}"

        yaml_edit(programme_dir / "quizzes.yaml", change)
        return errors(programme_dir)

    assert digest(hashlib.sha256(EXHIBIT).hexdigest()) == []
    assert any("not the digest of exhibit.txt" in error for error in digest("0" * 64))
    assert any("no file 'missing.txt'" in error for error in digest("missing.txt"))


def test_a_cohort_paced_course_gives_each_module_a_week(programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data["modules"][1].pop("week"))
    assert any("gives each module a week" in error for error in errors(programme_dir))


def test_a_lesson_folder_must_be_a_module(programme_dir):
    (programme_dir / "lessons/elsewhere").mkdir()
    assert any("is not the slug of a module" in error for error in errors(programme_dir))


def test_every_programme_of_the_content_folder_is_read(content_dir):
    assert [programme.slug for programme in programmes_read(content_dir)] == ["pilot-course"]


def test_an_illustration_must_be_one_of_the_drawings(programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(illustration="photo"))
    assert any("should be one of" in error for error in errors(programme_dir))
    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(illustration="layers"))
    assert programme_read(programme_dir).course["illustration"] == "layers"


WRITTEN = {
    "key": "w1",
    "category": "Pilot questions",
    "type": "written",
    "title": "Justify the hash match",
    "text": "<p>Explain to the court why the hash match identifies the file.</p>",
    "points": 4,
    "word_limit": 200,
    "accepts_file": True,
    "model_answer": "<p>The two SHA-256 values are identical.</p>",
    "answers": [
        {
            "rubric_criterion": {
                "title": "Method",
                "description": "How the values were computed.",
                "levels": [
                    {"label": "Missing", "points": 0, "description": "Not said."},
                    {"label": "Complete", "points": 2, "description": "Tool and algorithm."},
                ],
            }
        }
    ],
}


def test_a_written_question_reads_with_its_rubric_and_builds_its_fields(programme_dir):
    from curriculum.build import programme_objects

    yaml_edit(programme_dir / "quizzes.yaml", lambda data: data["questions"].append(WRITTEN))
    programme = programme_read(programme_dir)
    assert programme.errors == []
    written = next(q for q in programme.questions if q.key == "w1")
    assert (written.word_limit, written.accepts_file) == (200, True)
    built = next(o for o in programme_objects(programme) if o.key == "question:w1")
    assert built.fields["model_answer"] == "<p>The two SHA-256 values are identical.</p>"
    [criterion] = built.fields["answers"]
    assert criterion["type"] == "rubric_criterion"
    assert [level["value"]["points"] for level in criterion["value"]["levels"]] == ["0", "2"]


def test_a_written_question_needs_a_rubric_and_its_fields_belong_to_it_only(programme_dir):
    def change(data):
        data["questions"].append({**WRITTEN, "answers": []})
        data["questions"][0]["word_limit"] = 100

    yaml_edit(programme_dir / "quizzes.yaml", change)
    found = errors(programme_dir)
    assert any("Give the rubric at least one criterion" in error for error in found)
    assert any("only written questions have word_limit" in error for error in found)
