"""A small programme written to a temporary content/ folder, and helpers to change it."""

import copy
from pathlib import Path

import polib
import pytest
import yaml

EXHIBIT = b"CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA\nExhibit PC/01\n"

COURSE = {
    "title": "Pilot Course",
    "slug": "pilot-course",
    "summary": "A small course that exercises every part of the content format.",
    "description": "<p>What the course is about, in <strong>one</strong> paragraph.</p>",
    "audience": "People who test the platform.",
    "level": "advanced",
    "illustration": "layers",
    "pacing": "cohort",
    "requires_approval": True,
    "content_note": "<p>Some sections are hard to read; they open only when you choose.</p>",
    "wellbeing_reminder": "Take a break whenever you need one.",
    "topics": ["testing", "forensics"],
    "certificate": {"issue": "coordinator", "min_grade": 80, "validity_years": 3},
    "modules": [
        {
            "slug": "first-steps",
            "title": "First steps",
            "summary": "Where to begin.",
            "week": 1,
            "outcomes": [
                {"id": "fs.1", "text": "Say what a hash is."},
                {"id": "fs.2", "text": "Record a seizure so that a court can follow it."},
            ],
        },
        {
            "slug": "next-steps",
            "title": "Next steps",
            "summary": "What follows.",
            "week": 3,
            "prerequisite": "first-steps",
            "outcomes": [{"id": "ns.1", "text": "Verify an exhibit."}],
        },
    ],
    "diagrams": {"flow": {"title": "Pilot flow", "steps": ["Seize", "Image", "Verify"]}},
}

EVERY_BLOCK = {
    "title": "Every block",
    "slug": "every-block",
    "summary": "A lesson that uses every kind of block.",
    "estimated_minutes": 20,
    "free_preview": True,
    "body": [
        {"rich_text": "<p>The first paragraph of the lesson explains why it matters.</p>"},
        {"heading": {"text": "A section heading", "level": "h2"}},
        {"image": {"diagram": "flow", "alt": "Three boxes in a row.", "caption": "The flow."}},
        {
            "rich_text": "<p>What the seizure record holds, in detail, for the court.</p>",
            "sensitive": True,
        },
        {
            "callout": {
                "kind": "warning",
                "title": "Before you read on",
                "body": "<p>The next part describes a difficult case.</p>",
                "sensitive": True,
            }
        },
        {"key_terms": {"terms": [{"term": "Hash", "definition": "A fingerprint of a file."}]}},
        {
            "procedure": {
                "title": "Verifying an exhibit",
                "steps": [
                    {"title": "Compute the hash", "detail": "Use a validated tool."},
                    {"title": "Compare it"},
                ],
            }
        },
        {"evidence_file": {"file": "exhibit.txt", "title": "Exhibit PC/01"}, "sensitive": True},
        {"code": {"language": "shell", "code": "sha256sum exhibit.txt"}},
        {
            "video": {
                "title": "Why hashes matter",
                "duration_minutes": 2,
                "transcript": "A hash shows that nothing changed.\n\nCompare it every time.",
            }
        },
        {
            "knowledge_check": {
                "question": "What does a matching hash show?",
                "choices": [
                    {"text": "The file did not change", "correct": True, "feedback": "Yes."},
                    {"text": "Who made the file", "correct": False, "feedback": "No."},
                ],
                "explanation": "A hash says nothing about authorship.",
            }
        },
        {
            "further_reading": {
                "links": [
                    {"title": "ISO/IEC 27037", "url": "https://www.iso.org/standard/44381.html"}
                ]
            }
        },
    ],
}

SHORT_LESSON = {
    "title": "A short lesson",
    "slug": "short-lesson",
    "body": [{"rich_text": "Plain text becomes one paragraph."}],
}

LAST_LESSON = {
    "title": "The last lesson",
    "slug": "last-lesson",
    "summary": "How the course ends.",
    "body": [{"rich_text": "<p>Everything comes together in the final quiz.</p>"}],
}

QUIZZES = {
    "questions": [
        {
            "key": "q1",
            "outcome": "fs.1",
            "category": "Pilot – Module 1",
            "type": "single",
            "title": "What a hash is",
            "text": "<p>What is a hash?</p>",
            "answers": [
                {"choice": {"text": "A fingerprint", "weight": 100, "feedback": "Right."}},
                {"choice": {"text": "A password", "weight": 0, "feedback": "No."}},
            ],
        },
        {
            "key": "q2",
            "outcome": "fs.2",
            "category": "Pilot – Module 1",
            "type": "true_false",
            "title": "Hashes and authorship",
            "text": "<p>A hash shows who made a file.</p>",
            "correct_is_true": False,
        },
        {
            "key": "q3",
            "outcome": "fs.2",
            "category": "Pilot – Module 1",
            "type": "multiple",
            "title": "What to record",
            "text": "<p>What do you record at seizure?</p>",
            "points": 2,
            "answers": [
                {"choice": {"text": "The time", "weight": 50}},
                {"choice": {"text": "The place", "weight": 50}},
                {"choice": {"text": "The weather", "weight": -50}},
            ],
        },
        {
            "key": "q4",
            "outcome": "ns.1",
            "category": "Pilot – Final",
            "type": "evidence",
            "title": "Hash the exhibit",
            "text": "<p>Compute the SHA-256 of the exhibit.</p>",
            "evidence_file": "exhibit.txt",
            "expected": "sha256:exhibit.txt",
            "ignore_spaces": True,
        },
        {
            "key": "q5",
            "outcome": "ns.1",
            "category": "Pilot – Final",
            "type": "matching",
            "title": "Match the terms",
            "text": "<p>Match each term.</p>",
            "answers": [
                {"matching_pair": {"prompt": "IMEI", "answer": "The handset"}},
                {"matching_pair": {"prompt": "IMSI", "answer": "The subscriber"}},
                {"matching_pair": {"prompt": "", "answer": "The weather"}},
            ],
        },
    ],
    "quizzes": [
        {
            "module": "first-steps",
            "slug": "quiz-first-steps",
            "title": "Quiz: First steps",
            "intro": "<p>Three questions.</p>",
            "pass_mark": 70,
            "questions": ["q1", "q2", "q3"],
            "role": "pre_test",
        },
        {
            "module": "next-steps",
            "slug": "final-quiz",
            "title": "Final quiz",
            "pass_mark": 80,
            "max_attempts": 2,
            "time_limit_minutes": 20,
            "questions": ["q2", "q4", "q5"],
        },
    ],
}


def yaml_write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def yaml_edit(path: Path, change) -> None:
    """Read a content file, let ``change`` modify the data in place, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    yaml_write(path, data)


def programme_write(root: Path) -> Path:
    directory = root / COURSE["slug"]
    yaml_write(directory / "course.yaml", copy.deepcopy(COURSE))
    yaml_write(directory / "lessons/first-steps/01-every-block.yaml", copy.deepcopy(EVERY_BLOCK))
    yaml_write(directory / "lessons/first-steps/02-short-lesson.yaml", copy.deepcopy(SHORT_LESSON))
    yaml_write(directory / "lessons/next-steps/01-last-lesson.yaml", copy.deepcopy(LAST_LESSON))
    yaml_write(directory / "quizzes.yaml", copy.deepcopy(QUIZZES))
    (directory / "files").mkdir()
    (directory / "files/exhibit.txt").write_bytes(EXHIBIT)
    return directory


def po_fill(path: Path, translate=None, *, keep=lambda entry: True) -> None:
    """Translate every entry of a PO file (those ``keep`` accepts) with ``translate``."""
    language = path.stem
    translate = translate or (lambda text: f"[{language}] {text}")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if not entry.obsolete and keep(entry):
            entry.msgstr = translate(entry.msgid)
    catalog.save(str(path))


@pytest.fixture
def content_dir(tmp_path) -> Path:
    root = tmp_path / "content"
    programme_write(root)
    return root


@pytest.fixture
def programme_dir(content_dir) -> Path:
    return content_dir / COURSE["slug"]


@pytest.fixture
def demo_catalog(home_pages, django_capture_on_commit_callbacks):
    """The demo catalog, translated like the one seed_demo makes."""
    from courses.demo.seed import catalog_ensure

    with django_capture_on_commit_callbacks(execute=True):
        return catalog_ensure(home_pages["en"])


@pytest.fixture
def load(demo_catalog, programme_dir, django_capture_on_commit_callbacks):
    """Load the programme as it is on disk now (and translate it from its PO files)."""
    from curriculum.loading import programme_load
    from curriculum.reader import programme_read
    from curriculum.translating import programme_translate

    def load(*, languages=()):
        lines = []
        with django_capture_on_commit_callbacks(execute=True):
            loaded = programme_load(
                index=demo_catalog, programme=programme_read(programme_dir), report=lines.append
            )
            outcomes = {
                language: programme_translate(
                    loaded=loaded, language_code=language, report=lines.append
                )
                for language in languages
            }
        loaded.report = lines
        loaded.outcomes = outcomes
        return loaded

    return load
