"""A written answer from submission to marking: a French-speaking learner writes the key points
of a preservation request and sees "awaiting marking"; the course's trainer signs in with their
two-factor code, marks it with the rubric from the marking queue; the learner reads the
feedback, and the course is complete."""

import pytest
from django.utils import translation

from assessments.models import QuizPage
from courses import services as course_services
from courses.models import Enrolment, LessonPage
from tests import factories
from tests.e2e.test_staff_journeys import Watched, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ANSWER = "Article 29 request through the 24/7 point of contact; preserve the logs."


def fr(message: str) -> str:
    with translation.override("fr"):
        return translation.gettext(message)


def test_a_trainer_marks_a_written_answer_and_the_learner_reads_the_feedback(
    browser, page, live_server, home_pages
):
    catalog = factories.make_catalog(home_pages["en"])
    course = factories.make_course(index=catalog, title="Cooperation", modules=1, lessons=1)
    module = course.get_children().first().specific
    written = factories.make_written_question(word_limit=40, criteria=2)
    written.model_answer = "<p>Name the legal basis, the data and the urgency.</p>"
    written.save()
    quiz = factories.make_quiz(module=module, questions=[written], title="Week 10 quiz")
    factories.translate_tree(course, "fr")
    french_quiz = QuizPage.objects.get(
        translation_key=quiz.translation_key, locale__language_code="fr"
    )
    learner = factories.make_user(email="procureure@example.org", preferred_language="fr")
    course_services.enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        course_services.lesson_complete(learner=learner, lesson=lesson)
    trainer = factories.make_course_trainer(course=course)

    # The learner writes and submits, in French.
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("E-mail").fill("procureure@example.org")
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/fr/")
    page.goto(f"{live_server.url}{french_quiz.url}")
    page.get_by_role("button", name=fr("Start the quiz")).click()
    page.wait_for_url("**/learn/attempt/**")
    page.get_by_label(fr("Your answer")).fill(ANSWER)
    assert page.locator(".word-number").inner_text() == "12"  # counted as it is typed
    page.get_by_role("button", name=fr("Submit your answers")).click()
    page.get_by_role("button", name=fr("Confirm and submit")).click()
    page.wait_for_url("**/result/")
    assert page.locator(".quiz-grade").inner_text() == fr("Awaiting marking")
    assert page.get_by_text(fr("Rubric"), exact=True).is_visible()
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.ACTIVE

    # The trainer marks it from the queue, after the two-factor step.
    context = browser.new_context(locale="en", viewport={"width": 1280, "height": 900})
    trainer_page = Watched(context.new_page(), live_server.url)
    trainer_page.goto("/en/accounts/login/?next=/admin/marking/")
    trainer_page.page.locator("input[name=login]").fill(trainer.email)
    trainer_page.page.locator("input[name=password]").fill(factories.PASSWORD)
    trainer_page.page.locator("main form button[type=submit]").first.click()
    trainer_page.page.wait_for_url("**/2fa/authenticate/**")
    trainer_page.page.locator("input[name=code]").fill(totp_code(trainer.email))
    trainer_page.page.locator("main form button[type=submit]").first.click()
    trainer_page.page.wait_for_url("**/admin/marking/")
    admin = trainer_page.page
    assert admin.get_by_text("Awaiting marking (1)").is_visible()
    admin.locator("table.listing a").first.click()
    admin.get_by_text(ANSWER).wait_for()
    admin.get_by_role("radio", name="Complete (2 points)").first.check()
    admin.get_by_role("radio", name="Partly (1 points)").nth(1).check()
    admin.get_by_label("Comment to the learner").fill("Say how long the data must be kept.")
    admin.get_by_role("button", name="Save the marking").click()
    admin.get_by_text("The marking is saved and the learner is told.").wait_for()
    assert admin.get_by_text("Marking history").is_visible()
    assert trainer_page.problems == []
    context.close()

    # The learner reads the score, the feedback and the model answer; the course is complete.
    page.reload()
    grade = page.locator(".quiz-grade").inner_text()
    assert "75" in grade and fr("passed") in grade
    assert page.get_by_text("Say how long the data must be kept.").is_visible()
    assert page.get_by_text("Name the legal basis, the data and the urgency.").is_visible()
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.COMPLETED
    page.goto(f"{live_server.url}/fr/learn/")
    assert page.get_by_text(fr("Awaiting marking")).count() == 0
    assert page.js_errors == []
