"""Every lesson block renders accessibly; knowledge checks give feedback without JavaScript."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.blocks import LessonStreamBlock
from tests import factories

pytestmark = pytest.mark.django_db

EVIDENCE = b"case CA-2026-0001\nextraction log\n"


@pytest.fixture
def every_block(db):
    image = get_image_model().objects.create(title="Diagram", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="log", file=ContentFile(EVIDENCE, name="extraction-log.txt")
    )
    return [
        ("rich_text", '<p>Plain <a href="https://www.nist.gov/">link</a></p>'),
        ("heading", {"text": "Seizure", "level": "h2"}),
        ("image", {"image": image, "alt": "Three phases in a row", "caption": "Phases"}),
        (
            "video",
            {
                "title": "Talk",
                "video_file": None,
                "captions_file": None,
                "duration_minutes": 4,
                "transcript": "First paragraph.\n\nSecond.",
            },
        ),
        (
            "callout",
            {"kind": "legal_safeguard", "title": "Scope", "body": "<p>Stay within it.</p>"},
        ),
        (
            "key_terms",
            {"title": "Key terms", "terms": [{"term": "IMSI", "definition": "Subscriber id."}]},
        ),
        (
            "procedure",
            {
                "title": "Isolate",
                "steps": [
                    {"title": "Photograph", "detail": ""},
                    {"title": "Bag it", "detail": "Seal."},
                ],
            },
        ),
        ("evidence_file", {"document": document, "title": "Log", "description": "Read it."}),
        (
            "code",
            {"language": "sql", "caption": "Query", "code": "SELECT * FROM sms WHERE a < b;"},
        ),
        (
            "knowledge_check",
            {
                "question": "Which epoch does Unix time count from?",
                "choices": [
                    {"text": "1970", "correct": True, "feedback": "Right: 1 January 1970 UTC."},
                    {"text": "2001", "correct": False, "feedback": "That is Apple's Cocoa epoch."},
                ],
                "explanation": "Unix time starts in 1970.",
            },
        ),
        (
            "further_reading",
            {
                "links": [
                    {"title": "NIST", "url": "https://csrc.nist.gov/", "description": "Guidance"}
                ]
            },
        ),
        (
            "sensitive",
            {"note": "", "content": [("rich_text", "<p>A victim's account, in her words.</p>")]},
        ),
    ]


@pytest.fixture
def rich_lesson(catalog, every_block):
    course = factories.make_course(index=catalog, modules=1, lessons=0)
    module = course.get_children().first()
    return factories.make_lesson(module=module, body=every_block, free_preview=True)


def test_every_block_type_is_used_by_the_fixture(every_block):
    assert {name for name, _value in every_block} == set(LessonStreamBlock.base_blocks)


def test_lesson_with_every_block_renders(client, rich_lesson):
    html = client.get(rich_lesson.url).content.decode()
    assert "<h2>Seizure</h2>" in html
    assert 'alt="Three phases in a row"' in html
    assert "Transcript" in html and "<p>Second.</p>" in html
    assert "Legal safeguard" in html and "Stay within it." in html
    assert "<dt>IMSI</dt>" in html
    assert "<strong>Bag it</strong>" in html
    assert "SELECT * FROM sms WHERE a &lt; b;" in html
    assert 'href="https://csrc.nist.gov/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html  # rich text went through the sanitizer
    assert '<details class="sensitive">' in html and "in her words." in html


def test_evidence_file_shows_its_sha256(client, rich_lesson):
    html = client.get(rich_lesson.url).content.decode()
    assert hashlib.sha256(EVIDENCE).hexdigest() in html
    assert "Download extraction-log" in html


def test_knowledge_check_hides_the_answer_until_one_is_chosen(client, rich_lesson):
    html = client.get(rich_lesson.url).content.decode()
    assert "Right: 1 January" not in html and "Cocoa epoch" not in html
    assert "Unix time starts in 1970." not in html


def _check_id(lesson) -> str:
    return next(block.id for block in lesson.body if block.block_type == "knowledge_check")


def test_knowledge_check_gives_feedback_on_the_chosen_answer(client, rich_lesson):
    block_id = _check_id(rich_lesson)
    wrong = client.get(f"{rich_lesson.url}?check={block_id}&answer=1").content.decode()
    assert "Not quite." in wrong and "That is Apple&#x27;s Cocoa epoch." in wrong
    right = client.get(f"{rich_lesson.url}?check={block_id}&answer=0").content.decode()
    assert "Correct." in right and "Unix time starts in 1970." in right


@pytest.mark.parametrize("answer", ["9", "-1", "x", ""])
def test_knowledge_check_ignores_nonsense_answers(client, rich_lesson, answer):
    block_id = _check_id(rich_lesson)
    response = client.get(f"{rich_lesson.url}?check={block_id}&answer={answer}")
    assert response.status_code == 200
    assert "Not quite." not in response.content.decode()


def test_a_knowledge_check_needs_exactly_one_right_answer():
    from wagtail.blocks import StructBlockValidationError

    block = LessonStreamBlock().child_blocks["knowledge_check"]
    value = block.to_python({"question": "Q?", "choices": [
        {"text": "a", "correct": True, "feedback": ""},
        {"text": "b", "correct": True, "feedback": ""},
    ], "explanation": ""})  # fmt: skip
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_document_sha256_follows_a_new_file(db):
    document = get_document_model().objects.create(
        title="v1", file=ContentFile(b"one", name="one.txt")
    )
    assert document.sha256 == hashlib.sha256(b"one").hexdigest()
    document.file = ContentFile(b"two", name="two.txt")
    document.save()
    assert document.sha256 == hashlib.sha256(b"two").hexdigest()


def test_lesson_with_every_block_fits_the_page_weight_budget(learner_client, learner, rich_lesson):
    from courses import services
    from tests.lms.test_page_weight import BUDGET_BYTES, MAX_REQUESTS, page_weight

    services.enrolment_create(learner=learner, course=rich_lesson.get_parent().get_parent())
    # A learner whose time zone is known, as from their second visit on: the first visit of a
    # profile without a zone adds one small deferred script that reports the browser's zone.
    learner.profile.time_zone = "Europe/Lisbon"
    learner.profile.save()
    learner_client.force_login(learner)  # the zone is read into the session at sign-in
    requests, total = page_weight(learner_client, rich_lesson.url)
    assert requests <= MAX_REQUESTS
    assert total <= BUDGET_BYTES


def test_an_evidence_file_can_keep_its_sha256_back(client, catalog):
    document = get_document_model().objects.create(
        title="log", file=ContentFile(EVIDENCE, name="extraction-log.txt")
    )
    course = factories.make_course(index=catalog, modules=1, lessons=0)
    lesson = factories.make_lesson(
        module=course.get_children().first(),
        body=[
            (
                "evidence_file",
                {"document": document, "title": "Log", "description": "", "show_digest": False},
            )
        ],
        free_preview=True,
    )
    html = client.get(lesson.url).content.decode()
    assert "Download extraction-log" in html
    assert hashlib.sha256(EVIDENCE).hexdigest() not in html


def _check_value(keep_order=False, count=6):
    block = LessonStreamBlock().child_blocks["knowledge_check"]
    choices = [{"text": f"choice {n}", "correct": n == 0, "feedback": ""} for n in range(count)]
    return block.to_python(
        {"question": "Q?", "choices": choices, "keep_order": keep_order, "explanation": ""}
    )


def test_knowledge_check_choices_are_shown_mixed_and_the_same_on_every_reload():
    value = _check_value()
    orders = {
        block_id: [index for index, _choice in value.shown_choices(block_id)]
        for block_id in (f"block-{n}" for n in range(20))
    }
    assert all(sorted(order) == list(range(6)) for order in orders.values())
    # The right answer (written first) is not always shown first...
    assert sum(order[0] == 0 for order in orders.values()) < 10
    # ...and a block's order does not change between two renders.
    assert [i for i, _c in value.shown_choices("block-3")] == orders["block-3"]


def test_an_author_can_keep_the_knowledge_check_order():
    value = _check_value(keep_order=True)
    assert [index for index, _choice in value.shown_choices("any")] == list(range(6))


def test_the_page_submits_the_written_index_whatever_the_display_order(client, rich_lesson):
    block_id = _check_id(rich_lesson)
    html = client.get(rich_lesson.url).content.decode()
    # Each radio's value is its index as written, so the feedback matches the label.
    assert f'value="0" id="check-{block_id}-0"' in html
    assert f'<label for="check-{block_id}-0">1970</label>' in html
    assert f'<label for="check-{block_id}-1">2001</label>' in html
