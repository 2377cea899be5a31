"""The learner's side of a quiz after the questions: save, summary, review, next step, grades."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments import grading, services
from assessments.models import Attempt
from tests import factories

pytestmark = pytest.mark.django_db


def _wrong(question):
    return next(b.id for b in question.answers if b.value["weight"] == 0)


def _submit(learner, quiz, answers, now=None):
    attempt = services.attempt_start(learner=learner, quiz=quiz, now=now)
    services.attempt_save(attempt=attempt, learner=learner, answers=answers, now=now)
    return services.attempt_submit(attempt=attempt, learner=learner, now=now)


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- one rounding rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fraction", "percent"),
    [
        (Decimal("0.8550"), 85),
        (Decimal("0.8599"), 85),
        (Decimal("0.6999"), 69),
        (Decimal("0.7"), 70),
        (Decimal("1"), 100),
        (Decimal("0"), 0),
        (None, None),
    ],
)
def test_a_score_is_shown_as_a_percentage_rounded_down(fraction, percent):
    assert grading.score_percent(fraction) == percent


def test_a_score_keeps_the_decimals_asked_for():
    assert grading.score_percent(Decimal("0.85555"), places=1) == Decimal("85.5")


def test_the_same_attempt_shows_the_same_percentage_on_every_page(
    client, learner, module, course, enrolled
):
    """85.5 % read 86 % on the result page and 85 % in the coordinator's table."""
    from coordination.selectors import QuizColumn, QuizScore

    questions = [factories.make_question(points=Decimal(p)) for p in ("85.5", "14.5")]
    quiz = factories.make_quiz(module=module, questions=questions, pass_mark=50)
    attempt = _submit(
        learner,
        quiz,
        {questions[0].pk: factories.right_answer(questions[0]), questions[1].pk: None},
    )
    assert attempt.score == Decimal("0.8550")
    client.force_login(learner)
    assert "Score: 85%" in _get(client, f"/en/learn/attempt/{attempt.pk}/result/")
    assert "Your grade: 85%" in _get(client, quiz.url)
    assert "<td>85%</td>" in _get(client, "/en/learn/grades/")
    column = QuizColumn(
        id=quiz.pk, title=quiz.title, required=True, grading_method="highest", pass_mark=50
    )
    assert QuizScore(quiz=column, grade=attempt.score).percent == 85
    from assessments.reports import export_rows

    assert export_rows(quiz)[1][6] == 85
    from reports.tables import percent

    assert percent(Decimal("0.8555")) == 85.5


# --- saving a one-page quiz --------------------------------------------------------------


def test_a_one_page_quiz_saves_answers_without_submitting_and_shows_them_again(
    learner_client, learner, module, enrolled
):
    questions = [factories.make_question() for _ in range(2)]
    quiz = factories.make_quiz(module=module, questions=questions, questions_per_page=0)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    url = f"/en/learn/attempt/{attempt.pk}/"
    html = _get(learner_client, url)
    assert 'name="go" value="save"' in html
    token = next(
        shown.tokens[factories.right_answer(questions[0])]
        for shown in _shown(attempt)
        if shown.source_id == questions[0].pk
    )
    response = learner_client.post(url, {"page": 1, "go": "save", f"q{questions[0].pk}": token})
    assert response.status_code == 302 and response["Location"] == f"{url}?page=1"
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.responses.get(question=questions[0]).answer == factories.right_answer(
        questions[0]
    )
    again = _get(learner_client, response["Location"])
    assert "Your answers have been saved." in again
    assert f'value="{token}" id="q{questions[0].pk}-' in again
    assert again.count(" checked") == 1


def _shown(attempt):
    from assessments.selectors import attempt_page_for

    return attempt_page_for(attempt=attempt, page=1).questions


# --- the summary before submission -----------------------------------------------------


def test_finishing_shows_a_summary_and_submits_only_once_confirmed(
    learner_client, learner, module, enrolled
):
    questions = [factories.make_question() for _ in range(3)]
    quiz = factories.make_quiz(module=module, questions=questions, questions_per_page=2)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    services.attempt_save(
        attempt=attempt,
        learner=learner,
        answers={questions[0].pk: factories.right_answer(questions[0])},
    )
    first_on_page_two = 3
    response = learner_client.post(f"/en/learn/attempt/{attempt.pk}/", {"page": 2, "go": "finish"})
    assert response["Location"] == f"/en/learn/attempt/{attempt.pk}/submit/"
    html = _get(learner_client, response["Location"])
    attempt.refresh_from_db()
    assert attempt.is_open  # nothing submitted yet
    assert "1 of 3 questions answered" in html
    assert "2 questions have no answer:" in html
    assert f'?page=2#question-{first_on_page_two}"' in html
    assert "a question left unanswered scores no marks" in html
    assert "Submit with unanswered questions" in html
    assert "Time left" not in html
    response = learner_client.post(f"/en/learn/attempt/{attempt.pk}/submit/")
    assert response["Location"] == f"/en/learn/attempt/{attempt.pk}/result/"
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_the_summary_of_a_timed_exam_shows_the_time_left(
    learner_client, learner, module, enrolled, questions
):
    quiz = factories.make_quiz(
        module=module, questions=questions, time_limit_minutes=30, max_attempts=1
    )
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    html = _get(learner_client, f"/en/learn/attempt/{attempt.pk}/submit/")
    assert "Time left: 30 minutes" in html
    assert "4 questions have no answer:" in html
    assert "countdown.js" in html


def test_a_submitted_attempt_has_no_summary(learner_client, learner, quiz, enrolled):
    attempt = _submit(learner, quiz, {})
    response = learner_client.get(f"/en/learn/attempt/{attempt.pk}/submit/")
    assert response["Location"] == f"/en/learn/attempt/{attempt.pk}/result/"


def test_another_learner_cannot_see_or_submit_the_summary(client, learner, quiz, enrolled):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    client.force_login(factories.make_learner())
    assert client.get(f"/en/learn/attempt/{attempt.pk}/submit/").status_code == 404
    assert client.post(f"/en/learn/attempt/{attempt.pk}/submit/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open


# --- the review ------------------------------------------------------------------------


@pytest.fixture
def explained(db):
    category = factories.make_category()
    return [
        factories.make_question(
            category=category,
            general_feedback="<p>Hash before you examine.</p>",
            answers=[
                ("choice", {"text": "SHA-256 first", "weight": 100, "feedback": "Well done."}),
                ("choice", {"text": "Open it first", "weight": 0, "feedback": "Look again."}),
            ],
        ),
        factories.make_question(category=category, type="true_false", correct_is_true=False),
    ]


def test_the_review_shows_the_learners_answer_the_right_one_and_the_feedback(
    learner_client, learner, module, enrolled, explained
):
    single, true_false = explained
    quiz = factories.make_quiz(module=module, questions=explained, max_attempts=1)
    attempt = _submit(learner, quiz, {single.pk: _wrong(single), true_false.pk: "true"})
    html = _get(learner_client, f"/en/learn/attempt/{attempt.pk}/result/")
    assert '<dd class="learner-answer">Open it first</dd>' in html
    assert '<dd class="right-answer">SHA-256 first</dd>' in html
    assert '<dd class="learner-answer">True</dd>' in html
    assert '<dd class="right-answer">False</dd>' in html
    assert html.count("Wrong.") == 2
    assert "Look again." in html and "Hash before you examine." in html


def test_while_attempts_are_left_the_review_shows_the_answer_given_but_not_the_right_one(
    learner_client, learner, module, enrolled, explained
):
    single, true_false = explained
    quiz = factories.make_quiz(module=module, questions=explained, max_attempts=2)
    attempt = _submit(learner, quiz, {single.pk: _wrong(single), true_false.pk: "true"})
    html = _get(learner_client, f"/en/learn/attempt/{attempt.pk}/result/")
    assert '<dd class="learner-answer">Open it first</dd>' in html
    assert "right-answer" not in html and "SHA-256 first" not in html
    assert "Look again." not in html


def test_a_timed_exam_keeps_the_right_answers_until_it_closes(
    learner_client, learner, module, enrolled, explained
):
    single, _true_false = explained
    now = timezone.now()
    quiz = factories.make_quiz(
        module=module,
        questions=explained,
        max_attempts=1,
        time_limit_minutes=60,
        closes_at=now + timedelta(days=1),
    )
    attempt = _submit(learner, quiz, {single.pk: _wrong(single)}, now=now)
    url = f"/en/learn/attempt/{attempt.pk}/result/"
    html = _get(learner_client, url)
    assert '<dd class="learner-answer">Open it first</dd>' in html
    assert "SHA-256 first" not in html and "Look again." not in html
    assert "will be shown when the quiz closes" in html
    quiz.closes_at = now - timedelta(minutes=1)
    quiz.save_revision().publish()
    html = _get(learner_client, url)
    assert '<dd class="right-answer">SHA-256 first</dd>' in html and "Look again." in html


def test_the_right_answer_of_each_type_is_put_in_words():
    from assessments.selectors import ShownQuestion

    def shown(spec, answer=None):
        return ShownQuestion(number=1, question=None, spec=spec, options=[], answer=answer)

    ordering = grading.QuestionSpec(
        type=grading.QuestionType.ORDERING,
        text="",
        items=(grading.Item("a", "Seize"), grading.Item("b", "Image")),
    )
    matching = grading.QuestionSpec(
        type=grading.QuestionType.MATCHING,
        text="",
        prompts=(grading.Item("p", "Unix"),),
        answers=(grading.Item("x", "1970"), grading.Item("y", "2001")),
        matches=(("p", "x"),),
    )
    numeric = grading.QuestionSpec(
        type=grading.QuestionType.NUMERIC,
        text="",
        accepted_numbers=(grading.AcceptedNumber(value=Decimal(42), tolerance=Decimal(1)),),
    )
    short = grading.QuestionSpec(
        type=grading.QuestionType.SHORT,
        text="",
        accepted_texts=(
            grading.AcceptedText(text="pcap"),
            grading.AcceptedText(text="p.*", regex=True),
        ),
    )
    evidence = grading.QuestionSpec(type=grading.QuestionType.EVIDENCE, text="")
    assert shown(ordering).correct_answer == "Seize → Image"
    assert shown(matching).correct_answer == "Unix → 1970"
    assert shown(numeric).correct_answer == "42 ± 1"
    assert shown(short).correct_answer == "pcap"
    assert shown(evidence).correct_answer is None


def test_a_trainer_reading_an_attempt_sees_a_wrong_true_marked_wrong(
    client, learner, module, course, enrolled
):
    from lms import roles

    question = factories.make_question(type="true_false", correct_is_true=False)
    quiz = factories.make_quiz(module=module, questions=[question])
    attempt = _submit(learner, quiz, {question.pk: "true"})
    trainer = factories.make_staff(role=roles.TRAINER, with_totp=True)
    course.trainers.add(trainer)
    course.save_revision().publish()
    client.force_login(trainer)
    html = _get(client, f"/admin/quiz-results/{quiz.pk}/attempt/{attempt.pk}/")
    assert "<td>True</td>" in html
    assert "✔" not in html
    assert "Wrong." in html and "0%" in html


# --- the language of the page ----------------------------------------------------------


def _translate_question(question, strings):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    french = Locale.objects.get(language_code="fr")
    TranslationCreator(None, [french]).create_translations(question)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=question.translation_key),
        target_locale=french,
    )
    catalog = translation.export_po()
    for entry in catalog:
        entry.msgstr = strings.get(entry.msgid, entry.msgid)
    translation.import_po(catalog)
    translation.save_target(publish=True)


def test_french_attempt_pages_show_the_french_title_and_feedback(
    client, learner, course, module, enrolled, explained, django_capture_on_commit_callbacks
):
    single, true_false = explained
    quiz = factories.make_quiz(
        module=module, questions=[single], title="Module quiz", max_attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        french_course = factories.translate_tree(course, "fr")
    from assessments.models import QuizPage

    french_quiz = QuizPage.objects.get(
        translation_key=quiz.translation_key, locale__language_code="fr"
    )
    french_quiz.title = "Quiz du module"
    french_quiz.save_revision().publish()
    _translate_question(single, {"Look again.": "Regardez encore.", "Open it first": "L’ouvrir"})
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    client.force_login(learner)
    assert "<h1>Quiz du module</h1>" in _get(client, f"/fr/learn/attempt/{attempt.pk}/")
    assert "<h1>Quiz du module</h1>" in _get(client, f"/fr/learn/attempt/{attempt.pk}/submit/")
    services.attempt_save(attempt=attempt, learner=learner, answers={single.pk: _wrong(single)})
    services.attempt_submit(attempt=attempt, learner=learner)
    html = _get(client, f"/fr/learn/attempt/{attempt.pk}/result/")
    assert "<h1>Quiz du module</h1>" in html and "Module quiz" not in html
    assert "Regardez encore." in html and "Look again." not in html
    assert '<dd class="learner-answer">L’ouvrir</dd>' in html
    assert french_course.url in html  # the quiz ends the course: back to the course


# --- the way on ------------------------------------------------------------------------


def test_the_result_links_to_the_next_lesson_in_the_course(
    learner_client, learner, course, module, enrolled, questions
):
    quiz = factories.make_quiz(module=module, questions=questions)
    following = factories.make_lesson(module=module, title="After the quiz")
    attempt = _submit(learner, quiz, {})
    html = _get(learner_client, f"/en/learn/attempt/{attempt.pk}/result/")
    assert f'href="{following.url}" rel="next">Next: After the quiz</a>' in html


def test_the_result_of_the_last_quiz_links_back_to_the_course(
    learner_client, learner, course, module, enrolled, questions
):
    quiz = factories.make_quiz(module=module, questions=questions)
    attempt = _submit(learner, quiz, {})
    html = _get(learner_client, f"/en/learn/attempt/{attempt.pk}/result/")
    assert f'href="{course.url}" rel="up">Back to the course: {course.title}</a>' in html


# --- the grades page -------------------------------------------------------------------


def _course_with_quizzes(catalog, count, title):
    course = factories.make_course(index=catalog, modules=1, lessons=1, title=title)
    module = course.get_children().first().specific
    questions = [factories.make_question() for _ in range(2)]
    quizzes = [
        factories.make_quiz(
            module=module,
            questions=questions,
            title=f"{title} quiz {n}",
            max_attempts=3,
            required=n == 0,
            pass_mark=60,
        )
        for n in range(count)
    ]
    return course, quizzes


def test_the_grades_page_lists_every_quiz_with_best_and_last_scores(
    learner_client, learner, catalog
):
    course, quizzes = _course_with_quizzes(catalog, 2, "Evidence")
    factories.make_enrolment(learner=learner, course=course)
    question = quizzes[0].fixed_questions.first().question
    _submit(learner, quizzes[0], {question.pk: factories.right_answer(question)})
    _submit(learner, quizzes[0], {})
    html = _get(learner_client, "/en/learn/grades/")
    assert "Evidence quiz 0" in html and "Evidence quiz 1" in html
    first_row = html.split("Evidence quiz 0")[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in first_row.split("<td>")[1:]]
    # best, last, used, left, pass mark, counts
    assert cells == ["50%", "0%", "2", "1", "60%", "yes"]
    second_row = html.split("Evidence quiz 1")[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in second_row.split("<td>")[1:]]
    assert cells == ["–", "–", "0", "3", "60%", "no"]


def test_the_grades_page_shows_only_the_learners_own_attempts(learner_client, learner, catalog):
    course, quizzes = _course_with_quizzes(catalog, 1, "Evidence")
    factories.make_enrolment(learner=learner, course=course)
    other = factories.make_learner()
    factories.make_enrolment(learner=other, course=course)
    question = quizzes[0].fixed_questions.first().question
    _submit(other, quizzes[0], {question.pk: factories.right_answer(question)})
    other_only, _ = _course_with_quizzes(catalog, 1, "Finance")
    factories.make_enrolment(learner=other, course=other_only)
    html = _get(learner_client, "/en/learn/grades/")
    assert "50%" not in html and "Finance" not in html
    assert "<td>–</td>" in html


def test_the_grades_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/en/learn/grades/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_grades_page_costs_the_same_whatever_the_number_of_quizzes(
    client, catalog, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 6):
        learner = factories.make_learner()
        for n in range(size):
            course, quizzes = _course_with_quizzes(catalog, size, f"Size {size} course {n}")
            factories.make_enrolment(learner=learner, course=course)
            _submit(learner, quizzes[-1], {})
        client.force_login(learner)
        _get(client, "/en/learn/")  # the session and the site's root paths, read once
        with CaptureQueriesContext(connection) as queries:
            html = _get(client, "/en/learn/grades/")
        assert html.count("<tr>") == size * size + size  # a header row per course
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(16):
        client.get("/en/learn/grades/")


@pytest.mark.parametrize(
    ("language", "heading", "counts"),
    [
        ("en", "My grades", "Counts towards the certificate"),
        ("fr", "Mes notes", "Compte pour le certificat"),
        ("pt", "As minhas classificações", "Conta para o certificado"),
        ("es", "Mis calificaciones", "Cuenta para el certificado"),
    ],
)
def test_the_grades_page_speaks_every_language(
    learner_client, learner, catalog, language, heading, counts
):
    course, _quizzes = _course_with_quizzes(catalog, 1, "Evidence")
    factories.make_enrolment(learner=learner, course=course)
    html = _get(learner_client, f"/{language}/learn/grades/")
    assert f"<h1>{heading}</h1>" in html and counts in html


def test_the_dashboard_and_the_course_page_link_to_the_grades(learner_client, learner, catalog):
    course, _quizzes = _course_with_quizzes(catalog, 1, "Evidence")
    factories.make_enrolment(learner=learner, course=course)
    assert 'href="/en/learn/grades/"' in _get(learner_client, "/en/learn/")
    assert f'href="/en/learn/grades/#course-{course.translation_key}"' in _get(
        learner_client, course.url
    )


def test_the_attempt_summary_and_result_pages_cost_the_same_whatever_the_quiz_size(
    client, learner, course, module, enrolled, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 8):
        questions = [factories.make_question() for _ in range(size)]
        quiz = factories.make_quiz(
            module=module, questions=questions, questions_per_page=0, max_attempts=1
        )
        factories.make_lesson(module=module)
        attempt = services.attempt_start(learner=learner, quiz=quiz)
        client.force_login(learner)
        _get(client, "/en/learn/")  # the session and the site's root paths, read once
        measured = []
        for url in ("", "submit/"):
            with CaptureQueriesContext(connection) as queries:
                _get(client, f"/en/learn/attempt/{attempt.pk}/{url}")
            measured.append(len(queries))
        services.attempt_submit(attempt=attempt, learner=learner)
        with CaptureQueriesContext(connection) as queries:
            html = _get(client, f"/en/learn/attempt/{attempt.pk}/result/")
        assert html.count('class="right-answer"') == size
        measured.append(len(queries))
        counts.append(measured)
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(25):
        client.get(f"/en/learn/attempt/{attempt.pk}/result/")
