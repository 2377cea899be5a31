"""Hostile GIFT files: the reader reports problems and never raises; the import screen never
answers 500 and a file with problems adds no question and no category."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import gift
from assessments.models import Question, QuestionCategory
from lms import roles
from tests import factories

# Files are spelled from these pieces, one per byte of a random byte string (one draw per
# file keeps 10,000 examples within seconds).
PIECES = [
    "{", "}", "~", "=", "#", "####", "->", "::", ":", "..", "%", "%50%", "%-100%", "%1,5%",
    "\\", "\\{", "\\n", "\\*", "*", "//", "$CATEGORY: a/b", "[html]", "[markdown]", "\n", "\n\n",
    "\r", " ", "T", "FALSE", "1", "2.5", "-3", "1e999999", "1,5", "0.1:0.01", "x", "Zoë",
    "<script>alert(1)</script>", "\ufeff", "\u202e", "\x00", "\U0010ff7b", "_____",
]  # fmt: skip


def spelled(pieces: bytes) -> str:
    return "".join(PIECES[byte % len(PIECES)] for byte in pieces)


gift_files = st.one_of(st.binary(max_size=200).map(spelled), st.text(max_size=200))


@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=gift_files)
def test_the_reader_returns_questions_or_problems_for_any_text(text):
    result = gift.parse_gift(text)
    assert isinstance(result, gift.GiftImport)
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.message
    if result.ok:
        for question in result.questions:
            assert question.spec.type


def test_a_file_of_more_than_a_thousand_questions_is_refused_without_reading_them_all():
    # 170,000 one-line questions fit in 1 MB: 13 s to read, then 170,000 questions to save.
    text = "Q {T}\n\n" * 170_000
    began = time.process_time()
    result = gift.parse_gift(text)
    assert time.process_time() - began < 2
    assert [problem.message for problem in result.problems] == [
        "The file has more than 1,000 questions; split it."
    ]
    assert result.problems[0].line == 1 + 2 * gift.MAX_QUESTIONS


def test_a_question_with_more_than_a_hundred_answers_is_refused():
    text = "Q {=a " + "~b " * 100 + "}"
    result = gift.parse_gift(text)
    assert [problem.message for problem in result.problems] == [
        "The question has more than 100 answers."
    ]
    assert gift.parse_gift("Q {=a " + "~b " * 99 + "}").ok


def test_a_question_longer_than_fifty_thousand_characters_is_refused_unread():
    text = "Q " + "x" * gift.MAX_QUESTION_CHARS + " {T}"
    result = gift.parse_gift(text)
    assert [problem.message for problem in result.problems] == [
        "The question is longer than 50,000 characters."
    ]


def counts() -> tuple[int, int]:
    return Question.objects.count(), QuestionCategory.objects.count()


@pytest.mark.django_db
def test_hostile_files_through_the_import_screen_never_fail(client):
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    category = factories.make_category(name="Imported")

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(data=st.one_of(gift_files.map(str.encode), st.binary(max_size=200)))
    def upload(data):
        before = counts()
        response = client.post(
            "/admin/question-bank/gift/",
            {"category": category.pk, "file": SimpleUploadedFile("q.gift", data, "text/plain")},
        )
        assert response.status_code < 500
        if response.status_code != 200 or b"questions imported" not in response.content:
            assert counts() == before

    upload()
