"""Taking a quiz through the pages: integrity, saving, submitting, review, progress."""

import re
from decimal import Decimal

import pytest

from assessments.models import Attempt
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

SECRET_HASH = "5f2b1c0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c"


@pytest.fixture
def every_type(db):
    category = factories.make_category()
    make = factories.make_question
    return [
        make(category=category),
        make(
            category=category,
            type="multiple",
            answers=[
                ("choice", {"text": "Alpha", "weight": 50, "feedback": "FB-ALPHA-RIGHT"}),
                ("choice", {"text": "Beta", "weight": 50, "feedback": ""}),
                ("choice", {"text": "Gamma", "weight": -100, "feedback": "FB-GAMMA-WRONG"}),
            ],
        ),
        make(category=category, type="true_false", correct_is_true=False),
        make(
            category=category,
            type="short",
            answers=[("accepted_text", {"text": "ACCEPTED-SECRET", "weight": 100,
                                        "regex": False, "feedback": ""})],
        ),
        make(
            category=category,
            type="numeric",
            answers=[("accepted_number", {"value": Decimal("978307200"), "tolerance": Decimal("7"),
                                          "minimum": None, "maximum": None, "weight": 100,
                                          "feedback": ""})],
        ),
        make(
            category=category,
            type="ordering",
            answers=[("ordering_item", {"text": t}) for t in ("First", "Second", "Third")],
        ),
        make(
            category=category,
            type="matching",
            answers=[
                ("matching_pair", {"prompt": "Unix", "answer": "1970"}),
                ("matching_pair", {"prompt": "Cocoa", "answer": "2001"}),
            ],
        ),
        make(category=category, type="evidence", expected_evidence_value=SECRET_HASH),
    ]  # fmt: skip


@pytest.fixture
def full_quiz(module, every_type):
    return factories.make_quiz(module=module, questions=every_type, questions_per_page=0)


def _value_labelled(html, question, label):
    """The value the page gives a choice of ``question``, found by its label."""
    for value, field_id in re.findall(
        rf'name="q{question.pk}" value="([^"]+)" id="([^"]+)"', html
    ):
        if f'<label for="{field_id}">{label}</label>' in html:
            return value
    raise AssertionError(f"no choice labelled {label!r}")


def _finish(client, attempt, url, answers=None):
    """Send the last page, then confirm on the summary, as a learner submits."""
    client.post(url, {"page": 1, "go": "finish", **(answers or {})})
    client.post(f"/en/learn/attempt/{attempt.pk}/submit/")


def _start(client, quiz):
    response = client.post(f"/en/learn/quiz/{quiz.pk}/start/")
    assert response.status_code == 302
    return Attempt.objects.filter(quiz=quiz).order_by("-number").first(), response["Location"]


def test_nothing_reveals_the_answers_before_submission(
    learner_client, learner, full_quiz, enrolled, every_type
):
    attempt, url = _start(learner_client, full_quiz)
    html = learner_client.get(url).content.decode()
    for secret in (
        "FB-ALPHA-RIGHT", "FB-GAMMA-WRONG", "ACCEPTED-SECRET", "978307200", "weight",
        "tolerance", SECRET_HASH, every_type[7].evidence_digest, every_type[7].evidence_salt,
        "Well done.", "Look again.", "correct",
    ):  # fmt: skip
        assert secret not in html, secret
    ordering_layout = attempt.layout["questions"][5]["order"]
    right_order = [b.id for b in every_type[5].answers]
    assert ordering_layout != right_order
    assert html.count('type="radio"') == 2 + 2  # single (2 choices) and true/false


@pytest.mark.engine_sensitive
def test_answers_are_saved_on_every_page_and_shown_again(learner_client, module, enrolled):
    questions = [factories.make_question() for _ in range(3)]
    quiz = factories.make_quiz(module=module, questions=questions, questions_per_page=1)
    attempt, url = _start(learner_client, quiz)
    right = _value_labelled(learner_client.get(url).content.decode(), questions[0], "right")
    response = learner_client.post(url, {"page": 1, "go": "next", f"q{questions[0].pk}": right})
    assert response["Location"].endswith("?page=2")
    page_one = learner_client.get(url).content.decode()
    assert f'value="{right}" id="q{questions[0].pk}-1" checked' in page_one or (
        f'value="{right}" id="q{questions[0].pk}-2" checked' in page_one
    )


@pytest.mark.engine_sensitive
def test_submitting_from_the_last_page_grades_and_moves_progress(
    learner_client, learner, quiz, enrolled, questions, course
):
    attempt, url = _start(learner_client, quiz)
    data = {"page": 1, "go": "finish"}
    html = learner_client.get(url).content.decode()
    data.update({f"q{q.pk}": _value_labelled(html, q, "right") for q in questions})
    response = learner_client.post(url, data)
    assert response["Location"] == f"/en/learn/attempt/{attempt.pk}/submit/"
    response = learner_client.post(response["Location"])
    assert response["Location"] == f"/en/learn/attempt/{attempt.pk}/result/"
    result = learner_client.get(response["Location"]).content.decode()
    assert "Score: 100%" in result and "passed" in result
    assert "Well done." in result  # review right away by default
    assert Enrolment.objects.get(pk=enrolled.pk).progress_percent == 50


@pytest.mark.engine_sensitive
def test_a_wrong_value_in_the_form_stores_nothing_foreign(
    learner_client, quiz, enrolled, questions
):
    attempt, url = _start(learner_client, quiz)
    learner_client.post(url, {"page": 1, "go": "next", f"q{questions[0].pk}": "<script>x"})
    assert attempt.responses.get(question=questions[0]).answer is None


def test_another_learners_attempt_is_not_found(client, learner_client, quiz, enrolled):
    attempt, url = _start(learner_client, quiz)
    intruder = factories.make_learner()
    client.force_login(intruder)
    assert client.get(url).status_code == 404
    assert client.post(url, {"go": "finish"}).status_code == 404
    assert client.get(f"/en/learn/attempt/{attempt.pk}/result/").status_code == 404


def test_review_waits_for_the_last_attempt_when_asked(learner_client, module, enrolled, questions):
    quiz = factories.make_quiz(
        module=module, questions=questions, max_attempts=2, review_policy="after_last"
    )
    attempt, url = _start(learner_client, quiz)
    _finish(learner_client, attempt, url)
    first = learner_client.get(f"/en/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "Look again." not in first and "after your last attempt" in first
    second, url = _start(learner_client, quiz)
    _finish(learner_client, second, url)
    last = learner_client.get(f"/en/learn/attempt/{second.pk}/result/").content.decode()
    assert "Not answered." in last


def test_quiz_page_shows_grade_attempts_and_outline(learner_client, quiz, enrolled, questions):
    attempt, url = _start(learner_client, quiz)
    _finish(learner_client, attempt, url)
    html = learner_client.get(quiz.url).content.decode()
    assert "Your grade: 0%" in html and "not passed yet" in html
    assert "Start a new attempt" in html
    assert "quiz" in html  # the outline marks quizzes


def test_not_enrolled_learner_sees_the_enrol_button_not_the_quiz(learner_client, quiz):
    html = learner_client.get(quiz.url).content.decode()
    assert "Enrol in this course" in html
    assert "Start the quiz" not in html


def test_a_translated_question_is_shown_in_the_learners_language_and_graded_the_same(
    client, learner, module, enrolled
):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    question = factories.make_question(text="<p>Which phase comes first?</p>")
    quiz = factories.make_quiz(module=module, questions=[question])
    french = Locale.objects.get(language_code="fr")
    TranslationCreator(None, [french]).create_translations(question)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=question.translation_key),
        target_locale=french,
    )
    catalog = translation.export_po()
    strings = {
        "Which phase comes first?": "Quelle phase vient en premier ?",
        "right": "juste",
        "wrong": "faux",
    }
    for entry in catalog:
        entry.msgstr = strings.get(entry.msgid, entry.msgid)
    translation.import_po(catalog)
    translation.save_target(publish=True)

    attempt = services_start(learner, quiz)
    client.force_login(learner)
    html = client.get(f"/fr/learn/attempt/{attempt.pk}/").content.decode()
    assert "Quelle phase vient en premier ?" in html and ">juste</label>" in html
    client.post(
        f"/fr/learn/attempt/{attempt.pk}/",
        {"page": 1, "go": "finish", f"q{question.pk}": _value_labelled(html, question, "juste")},
    )
    client.post(f"/fr/learn/attempt/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert attempt.score == 1


def services_start(learner, quiz):
    from assessments import services

    return services.attempt_start(learner=learner, quiz=quiz)
