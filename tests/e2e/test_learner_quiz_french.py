"""A French-speaking practitioner saves, checks the summary, submits and reads the review."""

import pytest
from playwright.sync_api import expect

from courses import services as course_services
from tests import factories
from tests.e2e.conftest import learner_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG = (
    "Calculer l’empreinte SHA-256 de l’image disque avant toute analyse, consigner la valeur "
    "dans le procès-verbal de saisie et la vérifier à nouveau avant de remettre le rapport"
)


def test_learner_takes_a_quiz_in_french(page, live_server, home_pages):
    from assessments.models import QuizPage

    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Evidence basics", modules=1, lessons=0)
    module = course.get_children().first().specific
    first = factories.make_question(
        text="<p>What comes first?</p>",
        answers=[
            ("choice", {"text": "Hash", "weight": 100, "feedback": "Well done."}),
            ("choice", {"text": LONG, "weight": 0, "feedback": "Look again."}),
        ],
    )
    second = factories.make_question(type="true_false", correct_is_true=False)
    quiz = factories.make_quiz(
        module=module,
        questions=[first, second],
        title="Module quiz",
        questions_per_page=0,
        max_attempts=1,
        shuffle_choices=False,
    )
    factories.make_lesson(module=module, title="Chain of custody")
    french_course = factories.translate_tree(course, "fr")
    french_quiz = QuizPage.objects.get(
        translation_key=quiz.translation_key, locale__language_code="fr"
    )
    french_quiz.title = "Quiz du module"
    french_quiz.save_revision().publish()
    learner = factories.make_user(email="enqueteur@example.org", preferred_language="fr")
    course_services.enrolment_create(learner=learner, course=course)

    learner_sign_in(page, live_server.url, "enqueteur@example.org", "fr")

    page.goto(f"{live_server.url}{french_quiz.url}")
    page.get_by_role("button", name="Commencer le quiz").click()
    page.wait_for_url("**/learn/attempt/**")
    expect(page.locator("h1")).to_have_text("Quiz du module")
    # Every control has the same size, however long its option.
    sizes = page.eval_on_selector_all(
        "fieldset.question input[type=radio]",
        "inputs => inputs.map(i => [i.getBoundingClientRect().width,"
        " i.getBoundingClientRect().height])",
    )
    assert len(sizes) == 4 and len(set(map(tuple, sizes))) == 1, sizes

    # Save without submitting: the answer is kept on the server and shown again.
    page.get_by_label(LONG).check()
    page.get_by_role("button", name="Enregistrer vos réponses").click()
    expect(page.get_by_text("Vos réponses ont été enregistrées.")).to_be_visible()
    page.reload()
    assert page.get_by_label(LONG).is_checked()

    # The summary says what is unanswered before anything is submitted.
    page.get_by_role("button", name="Soumettre vos réponses").click()
    page.wait_for_url("**/submit/")
    expect(page.locator("h1")).to_have_text("Quiz du module")
    expect(page.get_by_text("Réponses données : 1 sur 2 questions")).to_be_visible()
    expect(page.get_by_text("1 question n’a pas de réponse :")).to_be_visible()
    page.get_by_role("button", name="Soumettre avec des questions sans réponse").click()
    page.wait_for_url("**/result/")

    # The review: the learner's answer, the right one, and a way on.
    expect(page.locator("h1")).to_have_text("Quiz du module")
    expect(page.get_by_text("Score : 0 %")).to_be_visible()
    answers = page.locator("dd.learner-answer").all_inner_texts()
    assert answers[0] == LONG
    assert page.locator("dd.right-answer").all_inner_texts() == ["Hash", "Faux"]
    expect(page.get_by_text("Look again.")).to_be_visible()
    page.get_by_role("link", name="Suite : Chain of custody").click()
    page.wait_for_url(f"**{french_course.url}**")

    page.goto(f"{live_server.url}/fr/learn/")
    page.get_by_role("link", name="Mes notes").click()
    page.wait_for_url("**/fr/learn/grades/")
    row = page.get_by_role("row", name="Quiz du module")
    assert row.get_by_role("cell").all_inner_texts()[:6] == ["0%", "0%", "1", "0", "70%", "oui"]
    assert page.js_errors == []
