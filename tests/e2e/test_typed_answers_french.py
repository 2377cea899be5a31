"""A French-speaking practitioner types answers in French (words, a French date, a decimal
comma) into a translated quiz, and passes: the attempt is graded against the French question."""

import pytest
from playwright.sync_api import expect

from assessments.models import QuizPage
from courses import services as course_services
from tests import factories
from tests.assessments.test_grading_languages import _accepted, _translate
from tests.e2e.conftest import learner_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_french_learner_passes_a_quiz_with_typed_answers(page, live_server, home_pages):
    from decimal import Decimal

    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Evidence basics", modules=1, lessons=0)
    module = course.get_children().first().specific
    category = factories.make_category()
    short = factories.make_question(
        category=category,
        type="short",
        text="<p>Which artefact proves the file was not altered?</p>",
        answers=[_accepted("hash value", feedback="Correct: the hash.")],
    )
    date = factories.make_question(
        category=category,
        type="short",
        text="<p>On what date was the order signed?</p>",
        answers=[_accepted("19 july 2026")],
    )
    number = factories.make_question(
        category=category,
        type="numeric",
        text="<p>How many seconds fast was the clock?</p>",
        answers=[("accepted_number", {"value": Decimal("141.5"), "tolerance": Decimal("0"),
                                      "minimum": None, "maximum": None, "weight": 100,
                                      "feedback": ""})],
    )  # fmt: skip
    for question in (short, date, number):
        _translate(question, "fr")
    quiz = factories.make_quiz(
        module=module, questions=[short, date, number], title="Module quiz", questions_per_page=0
    )
    factories.translate_tree(course, "fr")
    french_quiz = QuizPage.objects.get(
        translation_key=quiz.translation_key, locale__language_code="fr"
    )
    learner = factories.make_user(email="enqueteuse@example.org", preferred_language="fr")
    course_services.enrolment_create(learner=learner, course=course)

    learner_sign_in(page, live_server.url, "enqueteuse@example.org", "fr")

    page.goto(f"{live_server.url}{french_quiz.url}")
    page.get_by_role("button", name="Commencer le quiz").click()
    page.wait_for_url("**/learn/attempt/**")
    # The learner reads the questions in French, and answers the way French is written.
    expect(
        page.get_by_text("Quel élément prouve que le fichier n'a pas été modifié ?")
    ).to_be_visible()
    page.locator(f"[name=q{short.pk}]").fill("Valeur de hachage")
    page.locator(f"[name=q{date.pk}]").fill("19/07/2026")
    page.locator(f"[name=q{number.pk}]").fill("141,5")
    page.get_by_role("button", name="Soumettre vos réponses").click()
    page.wait_for_url("**/submit/")
    expect(page.get_by_text("Réponses données : 3 sur 3 questions")).to_be_visible()
    page.get_by_role("button", name="Confirmer et soumettre").click()
    page.wait_for_url("**/result/")

    expect(page.get_by_text("Score : 100 %")).to_be_visible()
    expect(page.get_by_text("Exact : le hachage.")).to_be_visible()  # feedback in French
    assert page.locator("dd.learner-answer").all_inner_texts() == [
        "Valeur de hachage",
        "19/07/2026",
        "141,5",
    ]
    assert page.js_errors == []
