"""Read a programme's files (content/<slug>/) and check them against the documented format.

No database: ``programme_read`` returns the programme as plain data with every problem found,
so the loader can refuse a broken programme and ``check_content`` can list what to fix. The
format is content/README.md; lesson blocks are checked against the lesson block definitions
themselves (courses.blocks), so a field added to a block is accepted here at once.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from hashlib import sha256
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from wagtail import blocks

from assessments.blocks import AnswerStreamBlock
from assessments.models import Question as QuestionModel
from assessments.models.questions import question_problems
from courses.blocks import LessonStreamBlock
from curriculum.hours import lesson_minutes, programme_hours
from curriculum.schema import (
    DIAGRAM_SPECS,
    DISCUSSION_SPECS,
    LESSON_SPECS,
    MODULE_SPECS,
    QUESTION_SPECS,
    Invalid,
    Spec,
    boolean,
    certificate_specs,
    choice,
    course_specs,
    html,
    integer,
    number,
    quiz_specs,
    text,
)
from curriculum.termbase import TERMBASE_DIR

LESSON_FILE = re.compile(r"^(\d{2})-(.+)\.yaml$")
# YAML names of the lesson fields that point at a file or a diagram instead of a database row.
CHOOSER_KEYS = {("image", "image"): "diagram", ("evidence_file", "document"): "file"}
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ContentProblem:
    """Something wrong in a content file. Errors stop the programme loading; warnings do not."""

    file: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        return f"{'error' if self.is_error else 'warning'}: {self.file}: {self.message}"


@dataclass
class Diagram:
    key: str
    title: str
    steps: list[str]


@dataclass
class BodyItem:
    """One block of a lesson body, as written (``value`` keeps the YAML names)."""

    block_type: str
    value: Any
    sensitive: bool = False


@dataclass
class Lesson:
    slug: str
    title: str
    summary: str
    estimated_minutes: int | None  # as declared; the reader fills in the computed time
    free_preview: bool
    required: bool
    body: list[BodyItem]
    file: str


@dataclass
class Module:
    slug: str
    title: str
    summary: str
    week: int | None
    prerequisite: str | None
    outcomes: list[dict[str, str]] = field(default_factory=list)  # {id, text}, in order
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Question:
    key: str
    category: str
    type: str
    title: str
    text: str
    points: Decimal
    general_feedback: str
    answers: list[BodyItem]
    correct_is_true: bool
    case_sensitive: bool
    ignore_accents: bool
    ignore_spaces: bool
    evidence_file: str
    expected: str
    word_limit: int | None
    model_answer: str
    accepts_file: bool
    outcome: str  # the id of the module learning outcome the question tests
    file: str


@dataclass
class Quiz:
    module: str
    slug: str
    title: str
    intro: str
    questions: list[str]
    settings: dict[str, Any]  # QuizPage fields: pass_mark, max_attempts, role …
    file: str


@dataclass
class Discussion:
    """A module's discussion case (discussions/<module-slug>.yaml)."""

    module: str
    slug: str
    title: str
    scenario: str
    questions: list[str]
    counts_for_completion: bool
    file: str


@dataclass
class Programme:
    slug: str
    directory: Path
    course: dict[str, Any]  # CoursePage fields, plus "topics"
    modules: list[Module]
    diagrams: dict[str, Diagram]
    questions: list[Question]
    quizzes: list[Quiz]
    files: dict[str, Path]
    problems: list[ContentProblem]
    discussions: list[Discussion] = field(default_factory=list)
    # The course's estimated_hours as the file declares it (None: computed), and why it
    # differs from the computed hours.
    declared_hours: int | None = None
    hours_note: str = ""
    # Lessons (module slug, lesson slug) whose file declares estimated_minutes.
    declared_minutes: set[tuple[str, str]] = field(default_factory=set)
    # Whether learners may ask the course's mentors (course.yaml ``mentoring``).
    mentoring: bool = True

    @property
    def errors(self) -> list[ContentProblem]:
        return [problem for problem in self.problems if problem.is_error]

    def file_bytes(self, name: str) -> bytes:
        return self.files[name].read_bytes()


class _Reader:
    """Collects problems while reading one programme."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.problems: list[ContentProblem] = []

    def relative(self, path: Path) -> str:
        return str(path.relative_to(self.directory.parent))

    def error(self, where: str, message: str) -> None:
        self.problems.append(ContentProblem(where, message))

    def warning(self, where: str, message: str) -> None:
        self.problems.append(ContentProblem(where, message, is_error=False))

    def load_yaml(self, path: Path) -> Any:
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f" (line {mark.line + 1})" if mark else ""
            self.error(self.relative(path), f"is not valid YAML{line}: {error}")
        except UnicodeDecodeError:
            self.error(self.relative(path), "is not UTF-8 text")
        return None

    def fields(self, data: Any, where: str, specs: dict[str, Spec]) -> dict[str, Any] | None:
        """The values of ``data`` checked against ``specs``, defaults filled; None if unusable."""
        if not isinstance(data, dict):
            self.error(where, "should be a mapping (key: value)")
            return None
        values = {}
        for name in data.keys() - specs.keys():
            self.error(where, _unknown_field(name))
        for name, spec in specs.items():
            if data.get(name) is None:
                if spec.required:
                    self.error(where, f"{name!r} is required")
                values[name] = spec.default
                continue
            try:
                values[name] = spec.check(data[name])
            except Invalid as problem:
                self.error(where, f"{name!r} {problem}")
                values[name] = spec.default
        return values


def _unknown_field(name) -> str:
    if isinstance(name, str) and " " in name:
        # {title: A, text: one, two} reads "two" as a field name: the comma needs quotes.
        return (
            f"unknown field {name!r}: a comma or colon in an unquoted value? "
            "Put the text in quotes"
        )
    return f"unknown field {name!r}"


def programme_read(directory: Path) -> Programme:
    """Read content/<slug>/ into a Programme; problems are listed on it, nothing is raised."""
    reader = _Reader(directory)
    files = {}
    if (directory / "files").is_dir():
        files = {p.name: p for p in sorted((directory / "files").iterdir()) if p.is_file()}
    programme = Programme(
        slug=directory.name,
        directory=directory,
        course={},
        modules=[],
        diagrams={},
        questions=[],
        quizzes=[],
        files=files,
        problems=reader.problems,
    )
    course_file = directory / "course.yaml"
    if not course_file.exists():
        reader.error(reader.relative(directory), "course.yaml is missing")
        return programme
    _read_course(reader, programme, course_file)
    _read_lessons(reader, programme)
    for path in sorted(directory.glob("quizzes*.yaml")):
        _read_quizzes(reader, programme, path)
    if not any(directory.glob("quizzes*.yaml")):
        reader.warning(reader.relative(directory), "no quizzes*.yaml file yet")
    _read_discussions(reader, programme)
    _check_references(reader, programme)
    _estimate_time(programme)
    return programme


def _estimate_time(programme: Programme) -> None:
    """Lesson minutes and course hours not declared in the files are computed from them."""
    for module in programme.modules:
        for lesson in module.lessons:
            if lesson.estimated_minutes is None:
                lesson.estimated_minutes = lesson_minutes(lesson)
            else:
                programme.declared_minutes.add((module.slug, lesson.slug))
    if programme.course:
        programme.declared_hours = programme.course["estimated_hours"]
        programme.hours_note = programme.course.pop("hours_note", "")
        if programme.declared_hours is None:
            programme.course["estimated_hours"] = programme_hours(programme).hours


def _read_course(reader: _Reader, programme: Programme, path: Path) -> None:
    where = reader.relative(path)
    data = reader.fields(reader.load_yaml(path), where, course_specs())
    if data is None:
        return
    if data["slug"] and data["slug"] != programme.slug:
        reader.error(where, f"slug {data['slug']!r} differs from the folder name")
    certificate = reader.fields(
        data.pop("certificate"), f"{where}: certificate", certificate_specs()
    )
    for key, value in data.pop("diagrams").items():
        diagram = reader.fields(value, f"{where}: diagrams: {key}", DIAGRAM_SPECS)
        if diagram and len(diagram["steps"] or []) >= 2:
            programme.diagrams[key] = Diagram(key, diagram["title"], diagram["steps"])
        elif diagram:
            reader.error(f"{where}: diagrams: {key}", "needs at least two steps")
    seen = set()
    outcome_ids: dict[str, str] = {}  # outcome id: module slug, unique in the programme
    for n, value in enumerate(data.pop("modules")):
        module = reader.fields(value, f"{where}: modules[{n}]", MODULE_SPECS)
        if module is None or not module["slug"]:
            continue
        if module["slug"] in seen:
            reader.error(where, f"module slug {module['slug']!r} is used twice")
            continue
        if module["prerequisite"] and module["prerequisite"] not in seen:
            reader.error(
                f"{where}: modules[{n}]", "the prerequisite must be an earlier module's slug"
            )
        if data["pacing"] == "cohort" and module["week"] is None:
            reader.error(
                f"{where}: modules[{n}]", "a cohort-paced course gives each module a week"
            )
        seen.add(module["slug"])
        for outcome in module["outcomes"]:
            if outcome["id"] in outcome_ids:
                reader.error(
                    f"{where}: modules[{n}]",
                    f"outcome id {outcome['id']!r} is already used in module "
                    f"{outcome_ids[outcome['id']]!r}",
                )
            outcome_ids.setdefault(outcome["id"], module["slug"])
        programme.modules.append(Module(**module))
    if not programme.modules:
        reader.error(where, "the course has no modules")
    certificate = certificate or {}
    data["certificate_issue"] = certificate.get("issue") or "automatic"
    data["certificate_min_grade"] = certificate.get("min_grade")
    data["certificate_validity_years"] = certificate.get("validity_years")
    data["enrolment"] = "approval" if data.pop("requires_approval") else "open"
    data["is_open"] = data.pop("open")
    if data["is_open"] and data["pacing"] == "cohort":
        reader.error(
            where, "an open course cannot be cohort-paced (open: true needs pacing: self)"
        )
    if data["is_open"] and data["enrolment"] != "open":
        reader.error(
            where,
            "an open course cannot require approval (open: true needs requires_approval: false)",
        )
    programme.mentoring = data.pop("mentoring")
    programme.course = data


def _read_lessons(reader: _Reader, programme: Programme) -> None:
    modules = {module.slug: module for module in programme.modules}
    lessons_dir = programme.directory / "lessons"
    if not lessons_dir.is_dir():
        reader.warning(reader.relative(programme.directory), "no lessons/ folder yet")
        return
    for module_dir in sorted(p for p in lessons_dir.iterdir() if p.is_dir()):
        module = modules.get(module_dir.name)
        if module is None:
            reader.error(reader.relative(module_dir), "is not the slug of a module in course.yaml")
            continue
        orders: dict[str, str] = {}
        for path in sorted(module_dir.glob("*.yaml")):
            where = reader.relative(path)
            name = LESSON_FILE.match(path.name)
            if name is None:
                reader.error(where, "lesson files are named NN-<lesson-slug>.yaml")
                continue
            if name[1] in orders:
                reader.error(where, f"has the same number as {orders[name[1]]}")
            orders[name[1]] = path.name
            lesson = _read_lesson(reader, programme, path)
            if lesson is None:
                continue
            if lesson.slug != name[2]:
                reader.warning(where, f"the file name does not end with the slug {lesson.slug!r}")
            if any(other.slug == lesson.slug for other in module.lessons):
                reader.error(where, f"lesson slug {lesson.slug!r} is used twice in the module")
                continue
            module.lessons.append(lesson)
    for module in programme.modules:
        if not module.lessons:
            reader.warning(
                reader.relative(programme.directory / "course.yaml"),
                f"module {module.slug!r} has no lessons yet",
            )


def _read_lesson(reader: _Reader, programme: Programme, path: Path) -> Lesson | None:
    where = reader.relative(path)
    data = reader.fields(reader.load_yaml(path), where, LESSON_SPECS)
    if data is None or not data["slug"]:
        return None
    body = []
    for n, item in enumerate(data.pop("body") or []):
        block = _read_block(reader, programme, item, f"{where}: body[{n}]")
        if block is not None:
            body.append(block)
    if not body:
        reader.error(where, "the lesson body is empty")
    return Lesson(**data, body=body, file=where.split("/", 1)[1])


def _read_block(reader: _Reader, programme: Programme, item: Any, where: str) -> BodyItem | None:
    """One body item: a mapping with one block name (and ``sensitive`` beside or inside it)."""
    stream = LessonStreamBlock()
    if not isinstance(item, dict):
        reader.error(where, "should be a mapping with one block name")
        return None
    item = dict(item)
    sensitive = item.pop("sensitive", False)
    if len(item) != 1:
        reader.error(where, f"should have exactly one block name, has {sorted(item)}")
        return None
    [(block_type, value)] = item.items()
    if block_type not in stream.child_blocks or block_type == "sensitive":
        reader.error(where, f"unknown block {block_type!r}")
        return None
    if isinstance(value, dict) and "sensitive" in value:
        value = dict(value)
        sensitive = value.pop("sensitive")
    if not isinstance(sensitive, bool):
        reader.error(where, "'sensitive' should be true or false")
        sensitive = False
    value = _block_value(reader, programme, stream.child_blocks[block_type], value, where)
    if block_type == "knowledge_check" and isinstance(value, dict):
        right = sum(1 for each in value.get("choices", []) if each.get("correct"))
        if right != 1:
            reader.error(where, "a knowledge check has exactly one correct choice")
    return BodyItem(block_type, value, sensitive)


def _block_value(reader: _Reader, programme: Programme, block, value: Any, where: str) -> Any:
    """Check a YAML value against a block definition; return it with defaults filled."""
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            reader.error(where, "should be a mapping")
            return {}
        names = {CHOOSER_KEYS.get((block.name, n), n): n for n in block.child_blocks}
        result = {}
        for yaml_name in value.keys() - names.keys():
            reader.error(where, _unknown_field(yaml_name))
        for yaml_name, name in names.items():
            child = block.child_blocks[name]
            if isinstance(child, blocks.ChooserBlock):
                result[yaml_name] = _chooser_value(
                    reader, programme, yaml_name, value.get(yaml_name), f"{where}: {yaml_name}"
                )
                continue
            if value.get(yaml_name) is None:
                needed = child.required and not child.get_default()
                if needed or getattr(child.meta, "min_num", None):
                    reader.error(where, f"{yaml_name!r} is required")
                continue
            result[yaml_name] = _block_value(
                reader, programme, child, value[yaml_name], f"{where}: {yaml_name}"
            )
        return result
    if isinstance(block, blocks.ListBlock):
        if not isinstance(value, list):
            reader.error(where, "should be a list")
            return []
        if len(value) < (block.meta.min_num or 0):
            reader.error(where, f"needs at least {block.meta.min_num} items")
        return [
            _block_value(reader, programme, block.child_block, each, f"{where}[{n}]")
            for n, each in enumerate(value)
        ]
    try:
        return _field_value(block, value)
    except Invalid as problem:
        reader.error(where, str(problem))
        return None


def _field_value(block, value: Any) -> Any:
    if isinstance(block, blocks.RichTextBlock):
        return html(value)
    if isinstance(block, blocks.BooleanBlock):
        return boolean(value)
    if isinstance(block, blocks.ChoiceBlock):
        return choice([str(key) for key, _label in block.field.choices])(value)
    if isinstance(block, blocks.IntegerBlock):
        return integer(block.field.min_value, block.field.max_value)(value)
    if isinstance(block, blocks.DecimalBlock):
        return number(value)
    if isinstance(block, blocks.URLBlock):
        value = text()(value)
        if not value.startswith(("https://", "http://")):
            raise Invalid("should be a web address (https://…)")
        return value
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        value = text(block.field.max_length)(value)
        if not value and block.required:
            raise Invalid("should not be empty")
        return value
    raise Invalid(f"cannot be written in a content file ({type(block).__name__})")


def _chooser_value(reader, programme, yaml_name, value, where) -> str | None:
    if yaml_name == "diagram":
        if value not in programme.diagrams:
            reader.error(where, f"no diagram {value!r} in course.yaml")
        return value
    if yaml_name == "file":
        if value not in programme.files:
            reader.error(where, f"no file {value!r} in files/")
        return value
    if value is not None:
        reader.error(where, "files of this kind cannot be given in a content file")
    return None


def _read_quizzes(reader: _Reader, programme: Programme, path: Path) -> None:
    where = reader.relative(path)
    data = reader.load_yaml(path)
    if not isinstance(data, dict):
        if data is not None or not reader.problems:
            reader.error(where, "should be a mapping with 'questions' and 'quizzes'")
        return
    for name in data.keys() - {"questions", "quizzes"}:
        reader.error(where, f"unknown section {name!r}")
    known = {question.key for question in programme.questions}
    for n, value in enumerate(data.get("questions") or []):
        question = _read_question(
            reader, programme, value, f"{where}: questions[{n}]", file=path.name
        )
        if question is None:
            continue
        if question.key in known:
            reader.error(where, f"question key {question.key!r} is used twice")
            continue
        known.add(question.key)
        programme.questions.append(question)
    specs = quiz_specs()
    for n, value in enumerate(data.get("quizzes") or []):
        quiz = reader.fields(value, f"{where}: quizzes[{n}]", specs)
        if quiz is None or not quiz["slug"]:
            continue
        fields = {name: quiz.pop(name) for name in ("module", "slug", "title", "intro")}
        questions = quiz.pop("questions") or []
        quiz["role"] = quiz["role"] or ""
        programme.quizzes.append(
            Quiz(**fields, questions=questions, settings=quiz, file=where.split("/", 1)[1])
        )


def _read_discussions(reader: _Reader, programme: Programme) -> None:
    """One discussion case per module, in discussions/<module-slug>.yaml (optional)."""
    folder = programme.directory / "discussions"
    if not folder.is_dir():
        return
    modules = {module.slug for module in programme.modules}
    for path in sorted(folder.iterdir()):
        where = reader.relative(path)
        if path.suffix != ".yaml" or not path.is_file():
            reader.error(where, "discussion files are named <module-slug>.yaml")
            continue
        if path.stem not in modules:
            reader.error(where, "is not named after the slug of a module in course.yaml")
            continue
        if programme.course and programme.course.get("pacing") != "cohort":
            reader.error(where, "discussion cases are for cohort-paced courses (pacing: cohort)")
            continue
        data = reader.fields(reader.load_yaml(path), where, DISCUSSION_SPECS)
        if data is None or not data["slug"] or not data["questions"]:
            continue
        programme.discussions.append(
            Discussion(module=path.stem, **data, file=where.split("/", 1)[1])
        )


def _read_question(reader: _Reader, programme: Programme, value: Any, where: str, *, file: str):
    data = reader.fields(value, where, QUESTION_SPECS)
    if data is None or not data["key"]:
        return None
    where = f"{where} ({data['key']})"
    stream = AnswerStreamBlock()
    answers = []
    for n, item in enumerate(data.pop("answers") or []):
        if not isinstance(item, dict) or len(item) != 1:
            reader.error(f"{where}: answers[{n}]", "should be a mapping with one answer kind")
            continue
        [(kind, answer)] = item.items()
        if kind not in stream.child_blocks:
            reader.error(f"{where}: answers[{n}]", f"unknown answer kind {kind!r}")
            continue
        answer = _block_value(
            reader, programme, stream.child_blocks[kind], answer, f"{where}: answers[{n}]"
        )
        answers.append(BodyItem(kind, answer))
    qtype = data["type"]
    if qtype == "true_false" and data["correct_is_true"] is None:
        reader.error(where, "a true or false question says correct_is_true: true or false")
    data["correct_is_true"] = data["correct_is_true"] is not False
    if data["evidence_file"] and data["evidence_file"] not in programme.files:
        reader.error(where, f"no file {data['evidence_file']!r} in files/")
    if qtype == "evidence":
        _check_expected(reader, programme, data, where)
    elif data["expected"]:
        reader.error(where, "only evidence questions have an expected value")
    written_only = ("word_limit", "model_answer", "accepts_file")
    if qtype != "written" and any(data[name] for name in written_only):
        reader.error(where, "only written questions have word_limit, model_answer, accepts_file")
    # The model's own rules for answers, on an unsaved question (no database needed).
    model = QuestionModel(
        type=qtype,
        answers=[
            (a.block_type, stream.child_blocks[a.block_type].to_python(a.value)) for a in answers
        ],
        evidence_digest="-" if qtype == "evidence" else "",
    )
    try:
        problems = question_problems(model)
    except (KeyError, TypeError, ValueError):
        problems = []  # the answers' own problems are reported above
    for problem in problems:
        reader.error(where, str(problem))
    return Question(**data, answers=answers, file=file)


def _check_expected(reader: _Reader, programme: Programme, data: dict, where: str) -> None:
    """``sha256:<file>`` is computed from that file; ``sha256:<64 hex>`` must match the file."""
    expected = data["expected"]
    if not expected:
        reader.error(where, "an evidence question needs an expected value")
        return
    if not data["evidence_file"]:
        reader.error(where, "an evidence question needs an evidence_file to download")
    if not expected.startswith("sha256:"):
        return
    target = expected.removeprefix("sha256:")
    if SHA256_HEX.match(target.lower()):
        name = data["evidence_file"]
        if (
            name in programme.files
            and sha256(programme.file_bytes(name)).hexdigest() != target.lower()
        ):
            reader.error(where, f"the expected SHA-256 is not the digest of {name}")
    elif target not in programme.files:
        reader.error(where, f"no file {target!r} in files/ for the expected SHA-256")
    elif data["evidence_file"] and target != data["evidence_file"]:
        reader.error(
            where,
            f"the expected SHA-256 is of {target}, but the learner downloads "
            f"{data['evidence_file']}",
        )


def _check_references(reader: _Reader, programme: Programme) -> None:
    """Quizzes point at modules and questions; files and diagrams are used."""
    modules = {module.slug: module for module in programme.modules}
    questions = {question.key for question in programme.questions}
    used_questions: set[str] = set()
    slugs: set[tuple[str, str]] = {
        (module.slug, lesson.slug) for module in programme.modules for lesson in module.lessons
    }
    for quiz in programme.quizzes:
        where = f"{programme.slug}/{quiz.file}: {quiz.slug}"
        if quiz.module not in modules:
            reader.error(where, f"no module {quiz.module!r} in course.yaml")
        if (quiz.module, quiz.slug) in slugs:
            reader.error(where, "another lesson or quiz of the module has this slug")
        slugs.add((quiz.module, quiz.slug))
        if len(quiz.questions) < 3:
            reader.error(where, "a quiz has at least three questions")
        if len(set(quiz.questions)) != len(quiz.questions):
            reader.error(where, "a question is listed twice")
        for key in quiz.questions:
            if key not in questions:
                reader.error(where, f"no question with key {key!r}")
        used_questions.update(quiz.questions)
    for discussion in programme.discussions:
        if (discussion.module, discussion.slug) in slugs:
            reader.error(
                f"{programme.slug}/{discussion.file}",
                f"slug {discussion.slug!r} is used by a lesson or quiz of the module",
            )
        slugs.add((discussion.module, discussion.slug))
    outcome_ids = {o["id"] for module in programme.modules for o in module.outcomes}
    for question in programme.questions:
        where = f"{programme.slug}/{question.file}: {question.key}"
        if question.outcome and question.outcome not in outcome_ids:
            reader.error(where, f"outcome {question.outcome!r} is no module's learning outcome")
        elif not question.outcome and question.key in used_questions:
            reader.warning(where, "says no outcome: name the learning outcome it tests")
    where = f"{programme.slug}/course.yaml"
    for module in programme.modules:
        if not module.outcomes:
            reader.warning(where, f"module {module.slug!r} has no learning outcomes yet")
    for key in questions - used_questions:
        reader.warning(where, f"question {key!r} is in no quiz")
    used_files = {q.evidence_file for q in programme.questions}
    used_files |= {q.expected.removeprefix("sha256:") for q in programme.questions}
    used_diagrams = set()
    for module in programme.modules:
        for lesson in module.lessons:
            for item in lesson.body:
                if item.block_type == "evidence_file" and isinstance(item.value, dict):
                    used_files.add(item.value.get("file"))
                if item.block_type == "image" and isinstance(item.value, dict):
                    used_diagrams.add(item.value.get("diagram"))
    for name in programme.files.keys() - used_files:
        reader.warning(
            f"{programme.slug}/files/{name}", "is not offered in any lesson or question"
        )
    for key in programme.diagrams.keys() - used_diagrams:
        reader.warning(where, f"diagram {key!r} is used in no lesson")


def content_dir() -> Path:
    """The content/ folder of the project."""

    return Path(settings.BASE_DIR) / "content"


def programmes_read(directory: Path | None = None, slugs=()) -> list[Programme]:
    """Every programme under content/ (each folder is one), or those named in ``slugs``."""
    directory = directory or content_dir()
    found = sorted(
        p
        for p in directory.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name != TERMBASE_DIR
    )
    if slugs:
        unknown = set(slugs) - {path.name for path in found}
        if unknown:
            raise FileNotFoundError(f"No programme {', '.join(sorted(unknown))} in {directory}")
        found = [path for path in found if path.name in slugs]
    return [programme_read(path) for path in found]
