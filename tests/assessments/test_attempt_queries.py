"""The pages of an attempt cost the same queries at any quiz size (issue 16: an exam morning
is hundreds of learners saving page after page at once)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]

# A question page, and a page of answers saved, in the quiz's own language: no query looks
# for a translation of the quiz or of its questions.
QUESTION_PAGE = 5
SAVE = 13
TOKEN = re.compile(r'type="radio" name="(q\d+)" value="([0-9a-f]+)"')


def _attempt(learner, module, size):
    category = factories.make_category()
    questions = [factories.make_question(category=category) for _ in range(size)]
    quiz = factories.make_quiz(module=module, questions=questions, questions_per_page=5)
    return services.attempt_start(learner=learner, quiz=quiz)


def _costs(client, attempt, path="/en/learn/attempt/{}/"):
    url = path.format(attempt.pk)
    with CaptureQueriesContext(connection) as shown:
        page = client.get(url, {"page": 1})
    assert page.status_code == 200
    chosen = dict(TOKEN.findall(page.content.decode()))
    assert len(chosen) == 5
    with CaptureQueriesContext(connection) as saved:
        response = client.post(url, {**chosen, "page": 1, "go": "next"})
    assert response.status_code == 302
    return len(shown), len(saved)


def test_a_question_page_and_a_save_cost_the_same_at_any_quiz_size(
    learner_client, learner, module, enrolled
):
    small = _costs(learner_client, _attempt(learner, module, 5))
    large = _costs(learner_client, _attempt(learner, module, 40))
    assert small == large
    assert small[0] <= QUESTION_PAGE
    assert small[1] <= SAVE


def test_a_page_read_in_another_language_looks_for_the_translations(
    learner_client, learner, module, enrolled
):
    english = _costs(learner_client, _attempt(learner, module, 5))
    french = _costs(learner_client, _attempt(learner, module, 5), "/fr/learn/attempt/{}/")
    # The quiz's title and its questions in French: one query each, on both requests.
    assert french == (english[0] + 2, english[1] + 2)
