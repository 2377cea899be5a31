"""What the result page reveals, by review policy, attempts left and the quiz's closing date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services
from tests import factories

pytestmark = pytest.mark.django_db

EXPLANATION = "Hash the image before you examine it."


@pytest.fixture
def explained(db):
    """Two questions whose feedback ("Well done.", "Look again.") and explanation tell the key."""
    category = factories.make_category()
    return [
        factories.make_question(category=category, general_feedback=f"<p>{EXPLANATION}</p>"),
        factories.make_question(category=category),
    ]


def _submit(learner, quiz, *, right: bool, now=None):
    attempt = services.attempt_start(learner=learner, quiz=quiz, now=now)
    question = attempt.responses.first().question
    wrong = next(b.id for b in question.answers if b.value["weight"] == 0)
    answer = factories.right_answer(question) if right else wrong
    services.attempt_save(attempt=attempt, learner=learner, answers={question.pk: answer}, now=now)
    return services.attempt_submit(attempt=attempt, learner=learner, now=now)


def _result(client, attempt) -> str:
    response = client.get(f"/en/learn/attempt/{attempt.pk}/result/")
    assert response.status_code == 200
    return response.content.decode()


def test_immediate_review_hides_the_answers_while_attempts_are_left(
    learner_client, learner, module, enrolled, explained
):
    quiz = factories.make_quiz(
        module=module, questions=explained, max_attempts=2, review_policy="immediately"
    )
    first = _submit(learner, quiz, right=False)
    html = _result(learner_client, first)
    assert "Score: 0%" in html
    assert "Not answered." in html  # which questions were wrong is shown
    for revealing in ("Look again.", "Well done.", EXPLANATION):
        assert revealing not in html, revealing
    assert "Feedback and the right answers will be shown after your last attempt." in html


def test_immediate_review_shows_everything_once_the_last_attempt_is_used(
    learner_client, learner, module, enrolled, explained
):
    quiz = factories.make_quiz(
        module=module, questions=explained, max_attempts=2, review_policy="immediately"
    )
    first = _submit(learner, quiz, right=False)
    _submit(learner, quiz, right=True)
    html = _result(learner_client, first)
    assert "Look again." in html and EXPLANATION in html


def test_no_review_reveals_the_answers_while_an_attempt_is_in_progress(
    learner_client, learner, module, enrolled, explained
):
    quiz = factories.make_quiz(module=module, questions=explained, max_attempts=0)
    first = _submit(learner, quiz, right=False)
    assert "Look again." in _result(learner_client, first)  # unlimited practice: shown
    services.attempt_start(learner=learner, quiz=quiz)
    html = _result(learner_client, first)
    assert "Look again." not in html and EXPLANATION not in html
    assert "Not answered." in html


@pytest.mark.parametrize("policy", ["immediately", "after_last"])
def test_the_answers_are_shown_once_the_quiz_has_closed(
    learner_client, learner, module, enrolled, explained, policy
):
    now = timezone.now()
    quiz = factories.make_quiz(
        module=module,
        questions=explained,
        max_attempts=3,
        review_policy=policy,
        closes_at=now + timedelta(hours=1),
    )
    first = _submit(learner, quiz, right=False, now=now)
    assert "Look again." not in _result(learner_client, first)
    quiz.closes_at = now - timedelta(minutes=1)
    quiz.save_revision().publish()
    html = _result(learner_client, first)
    assert "Look again." in html and EXPLANATION in html


def test_a_never_policy_shows_only_the_score_even_after_the_last_attempt(
    learner_client, learner, module, enrolled, explained
):
    quiz = factories.make_quiz(
        module=module, questions=explained, max_attempts=1, review_policy="never"
    )
    html = _result(learner_client, _submit(learner, quiz, right=False))
    assert "Score: 0%" in html
    assert "Your answers" not in html and "Look again." not in html
