"""Where *Continue* leads, what the counts count, and completed courses on the dashboard."""

import pytest

from assessments import services as assessment_services
from courses import services
from courses.models import LessonPage
from tests import factories

pytestmark = pytest.mark.django_db


def _continue_href(html: str) -> str:
    """The address of the dashboard's Continue button (one course enrolled)."""
    marker = '">Continue: '
    assert marker in html
    return html.split(marker)[0].rsplit('href="', 1)[1]


def test_continue_goes_to_the_last_lesson_visited_while_it_is_not_done(
    learner_client, enrolled, lessons
):
    learner_client.get(lessons[2].url)
    assert _continue_href(learner_client.get("/en/learn/").content.decode()) == lessons[2].url


def test_continue_goes_past_the_last_lesson_visited_once_it_is_done(
    learner_client, learner, enrolled, lessons, course
):
    learner_client.get(lessons[1].url)
    services.lesson_complete(learner=learner, lesson=lessons[1])
    assert _continue_href(learner_client.get("/en/learn/").content.decode()) == lessons[2].url
    course_page = learner_client.get(course.url).content.decode()
    assert f'href="{lessons[2].url}">Resume: Lesson 2.1' in course_page


def test_continue_comes_back_to_an_earlier_lesson_left_undone(
    learner_client, learner, enrolled, lessons
):
    for lesson in lessons[1:]:
        services.lesson_complete(learner=learner, lesson=lesson)
    html = learner_client.get("/en/learn/").content.decode()
    assert _continue_href(html) == lessons[0].url


def test_continue_goes_to_a_quiz_not_yet_passed(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().get().specific
    quiz = factories.make_quiz(module=module, questions=[factories.make_question()])
    factories.make_enrolment(learner=learner, course=course)
    lesson = LessonPage.objects.child_of(module).get()
    learner_client.get(lesson.url)
    services.lesson_complete(learner=learner, lesson=lesson)
    assert _continue_href(learner_client.get("/en/learn/").content.decode()) == quiz.url


def test_continue_passes_over_a_quiz_that_has_closed(learner_client, learner, catalog):
    import datetime

    from django.utils import timezone

    course = factories.make_course(index=catalog, modules=2, lessons=1)
    first, second = [module.specific for module in course.get_children()]
    factories.make_quiz(
        module=first,
        questions=[factories.make_question()],
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    factories.make_enrolment(learner=learner, course=course)
    lesson = LessonPage.objects.child_of(first).get()
    services.lesson_complete(learner=learner, lesson=lesson)
    html = learner_client.get("/en/learn/").content.decode()
    assert _continue_href(html) == LessonPage.objects.child_of(second).get().url


def test_a_new_learner_starts_at_the_first_lesson(learner_client, enrolled, lessons, course):
    html = learner_client.get(course.url).content.decode()
    assert f'href="{lessons[0].url}">Start the course: Lesson 1.1' in html


def test_a_finished_course_points_at_the_completed_courses_and_certificates(
    learner_client, learner, enrolled, lessons, course
):
    for lesson in lessons:
        services.lesson_complete(learner=learner, lesson=lesson)
    html = learner_client.get(course.url).content.decode()
    assert "You have completed this course." in html
    assert 'href="/en/learn/#completed-heading"' in html
    assert "Resume:" not in html


def test_a_completed_course_shows_as_completed_with_its_certificate(
    learner_client, learner, catalog
):
    course = factories.make_course(index=catalog, title="Only course", modules=1, lessons=1)
    factories.make_enrolment(learner=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    services.lesson_complete(learner=learner, lesson=lesson)
    certificate = learner.certificates.get()
    html = learner_client.get("/en/learn/").content.decode()
    assert "You are not enrolled in any course yet." not in html
    assert "You have completed all your courses." in html
    completed = html.split('id="completed-heading"')[1].split("</section>")[0]
    assert "Only course" in completed and "Completed on" in completed
    pdf = f"/en/learn/certificates/{certificate.code}.pdf"
    assert f'href="{pdf}">Your certificate (PDF)' in completed


def test_the_not_enrolled_message_shows_only_without_any_enrolment(learner_client, learner):
    html = learner_client.get("/en/learn/").content.decode()
    assert "You are not enrolled in any course yet." in html


def test_a_withdrawn_course_alone_counts_as_no_enrolment(learner_client, learner, course):
    factories.make_enrolment(learner=learner, course=course)
    services.enrolment_withdraw(learner=learner, course=course)
    html = learner_client.get("/en/learn/").content.decode()
    assert "You are not enrolled in any course yet." in html


@pytest.fixture
def course_with_quiz(catalog):
    """Two lessons and one quiz in one module."""
    course = factories.make_course(index=catalog, modules=1, lessons=2)
    module = course.get_children().get().specific
    question = factories.make_question()
    factories.make_quiz(module=module, questions=[question], pass_mark=50)
    return course


def test_counts_name_lessons_and_quizzes_apart(learner_client, learner, course_with_quiz):
    factories.make_enrolment(learner=learner, course=course_with_quiz)
    lesson = LessonPage.objects.descendant_of(course_with_quiz).first()
    services.lesson_complete(learner=learner, lesson=lesson)
    for url in ("/en/learn/", course_with_quiz.url):
        html = learner_client.get(url).content.decode()
        assert "1 of 2 lessons done" in html, url
        assert "0 of 1 quiz passed" in html, url
        assert "of 3 lessons" not in html, url


def test_a_passed_quiz_counts_as_a_quiz_passed(learner_client, learner, course_with_quiz):
    from assessments.models import QuizPage

    factories.make_enrolment(learner=learner, course=course_with_quiz)
    quiz = QuizPage.objects.descendant_of(course_with_quiz).get()
    question = quiz.fixed_questions.get().question
    attempt = assessment_services.attempt_start(learner=learner, quiz=quiz)
    assessment_services.attempt_save(
        attempt=attempt, learner=learner, answers={question.pk: factories.right_answer(question)}
    )
    assessment_services.attempt_submit(attempt=attempt, learner=learner)
    html = learner_client.get(course_with_quiz.url).content.decode()
    assert "0 of 2 lessons done" in html and "1 of 1 quiz passed" in html


@pytest.mark.parametrize(
    ("language", "lessons_text", "quiz_text"),
    [
        ("fr", "0 leçons terminées sur 2", "0 quiz réussi sur 1"),
        ("pt", "0 de 2 lições concluídas", "0 de 1 questionário aprovado"),
        ("es", "0 de 2 lecciones completadas", "0 de 1 cuestionario aprobado"),
    ],
)
def test_counts_are_translated_with_plural_forms(
    client, learner, course_with_quiz, language, lessons_text, quiz_text
):
    factories.make_enrolment(learner=learner, course=course_with_quiz)
    client.force_login(learner)
    html = client.get(f"/{language}/learn/").content.decode()
    assert lessons_text in html and quiz_text in html


def test_one_lesson_reads_in_the_singular(learner_client, learner, catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    factories.make_enrolment(learner=learner, course=course)
    html = learner_client.get("/en/learn/").content.decode()
    assert "0 of 1 lesson done" in html
