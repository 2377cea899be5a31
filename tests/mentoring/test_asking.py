"""Learners ask the mentors from a lesson or a quiz review; only in their own course."""

import pytest
from django.urls import reverse

from assessments import services as quiz_services
from courses.models import ModulePage
from mentoring import services
from mentoring.models import MentorQuestion
from tests import factories

pytestmark = pytest.mark.django_db


def ask(client, lesson, text, **extra):
    return client.post(
        reverse("mentoring:ask_page", args=[lesson.pk]), {"text": text, **extra}, follow=True
    )


def test_an_enrolled_learner_sees_the_form_on_a_lesson_and_asks(client, member, lesson):
    client.force_login(member)
    page = client.get(lesson.url).content.decode()
    assert 'id="ask-a-mentor"' in page
    response = ask(client, lesson, "  Must I image the phone first?  ", next=lesson.url)
    assert "Your question is sent to the mentors" in response.content.decode()
    question = MentorQuestion.objects.get()
    assert question.learner == member
    assert question.text == "Must I image the phone first?"
    assert question.page_id == lesson.pk
    assert question.source_path == lesson.url
    assert question.course_id == lesson.get_parent().get_parent().pk


def test_a_visitor_who_is_not_enrolled_sees_no_form_and_is_refused(client, learner, lesson):
    lesson.free_preview = True
    lesson.save_revision().publish()
    client.force_login(learner)
    assert 'id="ask-a-mentor"' not in client.get(lesson.url).content.decode()
    response = client.post(reverse("mentoring:ask_page", args=[lesson.pk]), {"text": "Hi"})
    assert response.status_code == 403
    assert not MentorQuestion.objects.exists()


def test_a_learner_cannot_ask_in_another_course_by_its_page_id(client, member, other_lesson):
    client.force_login(member)
    response = client.post(reverse("mentoring:ask_page", args=[other_lesson.pk]), {"text": "Hi"})
    assert response.status_code == 403
    assert not MentorQuestion.objects.exists()


def test_a_switched_off_course_shows_no_form_and_refuses_a_post(
    client, member, lesson, questions_off
):
    client.force_login(member)
    assert 'id="ask-a-mentor"' not in client.get(lesson.url).content.decode()
    response = client.post(reverse("mentoring:ask_page", args=[lesson.pk]), {"text": "Hi"})
    assert response.status_code == 403
    assert not MentorQuestion.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write your question"), ("x" * 2001, "the limit is 2000")],
)
def test_an_empty_or_over_long_question_is_refused_with_a_reason(
    client, member, lesson, text, message
):
    client.force_login(member)
    response = ask(client, lesson, text, next=lesson.url)
    assert message in response.content.decode()
    assert not MentorQuestion.objects.exists()


def test_an_outside_return_address_is_not_followed_or_recorded(client, member, lesson):
    client.force_login(member)
    response = client.post(
        reverse("mentoring:ask_page", args=[lesson.pk]),
        {"text": "A question", "next": "https://evil.example/"},
    )
    assert response["Location"] == lesson.url
    assert MentorQuestion.objects.get().source_path == lesson.url


@pytest.fixture
def attempt(member, course):
    question = factories.make_question(category=factories.make_category(course=course))
    module = ModulePage.objects.child_of(course).get()
    quiz = factories.make_quiz(module=module, questions=[question])
    attempt = quiz_services.attempt_start(learner=member, quiz=quiz)
    quiz_services.attempt_submit(attempt=attempt, learner=member)
    return attempt


def test_a_learner_asks_from_their_quiz_review(client, member, attempt):
    client.force_login(member)
    result_url = reverse("assessments:result", args=[attempt.pk])
    page = client.get(result_url).content.decode()
    assert reverse("mentoring:ask_attempt", args=[attempt.pk]) in page
    client.post(
        reverse("mentoring:ask_attempt", args=[attempt.pk]),
        {"text": "Why is B wrong?", "next": result_url},
    )
    question = MentorQuestion.objects.get()
    assert question.attempt_id == attempt.pk
    assert question.page_id == attempt.quiz_id
    assert question.source_path == result_url


@pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_the_service_records_only_a_path_on_this_site(member, lesson, path):
    question = services.question_ask(learner=member, page=lesson, text="Q", source_path=path)
    assert question.source_path == ""


def test_another_learners_attempt_id_is_not_found(client, attempt, course):
    other = factories.make_learner()
    factories.make_enrolment(learner=other, course=course)
    client.force_login(other)
    response = client.post(reverse("mentoring:ask_attempt", args=[attempt.pk]), {"text": "Hi"})
    assert response.status_code == 404
    assert not MentorQuestion.objects.exists()


def test_the_service_refuses_an_attempt_that_is_not_the_learners(attempt, course):
    other = factories.make_learner()
    factories.make_enrolment(learner=other, course=course)
    with pytest.raises(services.NotALearner):
        services.question_ask(learner=other, attempt=attempt, text="Hi")


def test_a_lesson_page_costs_a_fixed_number_of_queries_with_the_form(
    client, member, lesson, django_assert_max_num_queries
):
    client.force_login(member)
    client.get(lesson.url)  # warm caches (site root, locales)
    with django_assert_max_num_queries(22):
        response = client.get(lesson.url)
    assert 'id="ask-a-mentor"' in response.content.decode()
