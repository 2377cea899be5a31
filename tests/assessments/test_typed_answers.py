"""Typed answers marked wrong, per question and language, and accepting one as a variant."""

import pytest

from assessments.models import Attempt
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_question(course):
    category = factories.make_category(course=course)
    return factories.make_question(
        category=category,
        type="short",
        title="Integrity artefact",
        text="<p>Which artefact proves the file was not altered?</p>",
        answers=[("accepted_text", {"text": "hash value", "weight": 100, "regex": False,
                                    "feedback": ""})],
    )  # fmt: skip


@pytest.fixture
def typed_quiz(module, short_question):
    return factories.make_quiz(module=module, questions=[short_question])


@pytest.fixture
def trainer_client(client, course):
    client.force_login(factories.make_course_trainer(course=course))
    return client


def _answer(client, quiz, language, text, question):
    client.post(f"/{language}/learn/quiz/{quiz.pk}/start/")
    attempt = Attempt.objects.filter(quiz=quiz, learner__in=[client.user]).latest("number")
    client.post(
        f"/{language}/learn/attempt/{attempt.pk}/",
        {"page": 1, "go": "finish", f"q{question.pk}": text},
    )
    client.post(f"/{language}/learn/attempt/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def french_attempts(course, typed_quiz, short_question):
    from django.test import Client

    attempts = []
    for text in ("Valeur de hachage", "valeur  de hachage", "horodatage"):
        learner = factories.make_learner()
        factories.make_enrolment(learner=learner, course=course)
        client = Client()
        client.force_login(learner)
        client.user = learner
        attempts.append(_answer(client, typed_quiz, "fr", text, short_question))
    return attempts


@pytest.mark.engine_sensitive
def test_the_wrong_answers_are_listed_by_language_most_frequent_first(
    trainer_client, typed_quiz, french_attempts
):
    assert all(attempt.score == 0 for attempt in french_attempts)
    html = trainer_client.get(f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/").content
    html = html.decode()
    assert "Integrity artefact" in html and "French" in html
    # The two spellings of the same answer are one row, counted twice, before the other.
    assert html.index("Valeur de hachage") < html.index("horodatage")
    assert "<td>2</td>" in html


@pytest.mark.engine_sensitive
def test_accepting_a_variant_regrades_every_attempt(
    trainer_client, typed_quiz, short_question, french_attempts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the regrading task is queued then
        response = trainer_client.post(
            f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/accept/",
            {"question": short_question.pk, "text": "Valeur de hachage"},
            follow=True,
        )
    assert "3 attempts are being regraded" in response.content.decode()
    scores = [Attempt.objects.get(pk=a.pk).score for a in french_attempts]
    assert scores == [1, 1, 0]
    short_question.refresh_from_db()
    assert [b.value["text"] for b in short_question.answers][-1] == "Valeur de hachage"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Choose an answer to accept."),
        ("hash value", "This answer already earns full marks."),
        ("x" * 501, "Choose an answer to accept."),
    ],
)
def test_bad_variants_are_refused_and_change_nothing(
    trainer_client, typed_quiz, short_question, french_attempts, text, message
):
    before = list(short_question.answers.raw_data)
    response = trainer_client.post(
        f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/accept/",
        {"question": short_question.pk, "text": text},
        follow=True,
    )
    assert message in response.content.decode()
    short_question.refresh_from_db()
    assert list(short_question.answers.raw_data) == before


def test_a_question_outside_the_quiz_is_not_found(trainer_client, typed_quiz, french_attempts):
    other = factories.make_question(type="short")
    response = trainer_client.post(
        f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/accept/",
        {"question": other.pk, "text": "anything"},
        follow=True,
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert len(other.answers) == 0


def test_another_courses_trainer_cannot_read_or_accept(
    client, catalog, typed_quiz, short_question, french_attempts
):
    other_course = factories.make_course(index=catalog, modules=1, lessons=1)
    client.force_login(factories.make_course_trainer(course=other_course))
    base = f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/"
    refused = client.get(base)  # Wagtail turns a refusal into a redirect to the dashboard
    assert refused.status_code in (302, 403, 404) and "Integrity" not in refused.content.decode()
    response = client.post(base + "accept/", {"question": short_question.pk, "text": "x"})
    assert response.status_code in (302, 403, 404)
    assert response.get("Location", "/admin/") == "/admin/"
    assert Attempt.objects.get(pk=french_attempts[0].pk).score == 0


@pytest.mark.engine_sensitive
def test_the_page_costs_the_same_queries_whatever_the_attempts(
    trainer_client, typed_quiz, course, short_question, django_assert_max_num_queries
):
    from django.test import Client

    url = f"/admin/quiz-results/{typed_quiz.pk}/typed-answers/"

    def add_attempts(first, last):
        for n in range(first, last):
            learner = factories.make_learner()
            factories.make_enrolment(learner=learner, course=course)
            learner_client = Client()
            learner_client.force_login(learner)
            learner_client.user = learner
            _answer(learner_client, typed_quiz, ("fr", "pt", "es")[n % 3], f"w{n}", short_question)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_attempts(0, 1)
    trainer_client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = trainer_client.get(url)
    budget = len(few.captured_queries)  # now: the next request resets the log
    assert response.status_code == 200 and "w0" in response.content.decode()
    add_attempts(1, 7)
    with django_assert_max_num_queries(budget):
        response = trainer_client.get(url)
    assert "w6" in response.content.decode()
