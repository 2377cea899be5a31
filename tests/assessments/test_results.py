"""Results for trainers: statistics, the results screen, attempts with answers, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from assessments import services, statistics
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_facility_is_the_mean_score():
    assert statistics.facility([1, 0, 1, 1]) == 0.75
    assert statistics.facility([]) is None


def test_discrimination_is_high_when_the_question_follows_the_rest():
    assert statistics.discrimination([1, 1, 0, 0], [3, 2.5, 1, 0.5]) > 0.8
    assert statistics.discrimination([0, 0, 1, 1], [3, 2.5, 1, 0.5]) < -0.8
    assert statistics.discrimination([1, 1, 1], [1, 2, 3]) is None  # no spread
    assert statistics.discrimination([1, 0], [2, 1]) is None  # too few


def test_distribution_bands():
    assert statistics.distribution([0, 0.05, 0.55, 1.0], bins=10) == [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]


@pytest.fixture
def taken_quiz(quiz, questions, course):
    """Three learners: all right, half right, all wrong."""
    for right_count in (4, 2, 0):
        learner = factories.make_learner()
        factories.make_enrolment(learner=learner, course=course)
        attempt = services.attempt_start(learner=learner, quiz=quiz)
        answers = {}
        for index, question in enumerate(questions):
            wrong = next(b.id for b in question.answers if b.value["weight"] == 0)
            answers[question.pk] = (
                factories.right_answer(question) if index < right_count else wrong
            )
        services.attempt_save(attempt=attempt, learner=learner, answers=answers)
        services.attempt_submit(attempt=attempt, learner=learner)
    return quiz


@pytest.fixture
def trainer_client(client, course):
    trainer = factories.make_staff(role=roles.TRAINER, with_totp=True)
    course.trainers.add(trainer)
    course.save_revision().publish()
    client.force_login(trainer)
    return client


@pytest.mark.engine_sensitive
def test_results_screen_shows_pass_rate_and_question_statistics(
    trainer_client, taken_quiz, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = trainer_client.get(f"/admin/quiz-results/{taken_quiz.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 submitted attempts" in html and "Pass rate: 33%" in html
    assert html.count("<td>67%</td>") == 2 and html.count("<td>33%</td>") == 2  # facility


@pytest.mark.engine_sensitive
def test_a_trainer_reads_one_learners_answers(trainer_client, taken_quiz):
    from assessments.models import Attempt

    attempt = Attempt.objects.filter(quiz=taken_quiz).order_by("score").first()
    html = trainer_client.get(
        f"/admin/quiz-results/{taken_quiz.pk}/attempt/{attempt.pk}/"
    ).content.decode()
    assert "<td>wrong</td>" in html


def test_csv_and_xlsx_exports(trainer_client, taken_quiz):
    csv_response = trainer_client.get(f"/admin/quiz-results/{taken_quiz.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["e-mail", "name", "attempt"]
    assert sorted(row[6] for row in rows[1:]) == ["0", "100", "50"]
    xlsx = trainer_client.get(f"/admin/quiz-results/{taken_quiz.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4


def test_exports_cannot_smuggle_spreadsheet_formulas(trainer_client, quiz, course):
    learner = factories.make_learner(given_name='=HYPERLINK("http://x")', family_name="")
    factories.make_enrolment(learner=learner, course=course)
    services.attempt_submit(attempt=services.attempt_start(learner=learner, quiz=quiz))
    text = trainer_client.get(f"/admin/quiz-results/{quiz.pk}/export.csv").content.decode()
    assert "'=HYPERLINK" in text


def test_a_trainer_of_another_course_cannot_see_the_results(client, taken_quiz, catalog):
    other = factories.make_course(index=catalog)
    trainer = factories.make_staff(role=roles.TRAINER, with_totp=True)
    other.trainers.add(trainer)
    other.save_revision().publish()
    client.force_login(trainer)
    for url in (
        f"/admin/quiz-results/{taken_quiz.pk}/",
        f"/admin/quiz-results/{taken_quiz.pk}/export.csv",
        f"/admin/quiz-results/{taken_quiz.pk}/export.xlsx",
    ):
        assert client.get(url).status_code in (302, 403), url
