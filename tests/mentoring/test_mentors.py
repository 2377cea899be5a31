"""Mentors answer their courses' questions in the admin; the learner is told and reads it."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.models import Notification
from mentoring import services
from mentoring.models import MentorQuestion
from tests import factories

pytestmark = pytest.mark.django_db


def answer(client, question, text):
    return client.post(
        reverse("mentoring_answer", args=[question.pk]), {"text": text}, follow=True
    )


def test_a_mentor_lists_open_and_answered_questions_of_their_course(
    client, mentor, question, member, lesson
):
    other = services.question_ask(learner=member, page=lesson, text="Second one")
    services.question_answer(question=other, by=mentor, text="Yes.")
    client.force_login(mentor)
    listing = client.get(reverse("mentoring_inbox")).content.decode()
    assert "Must I image the phone first?" in listing and "Second one" in listing
    open_only = client.get(reverse("mentoring_inbox") + "?status=open").content.decode()
    assert "Must I image the phone first?" in open_only and "Second one" not in open_only
    answered = client.get(reverse("mentoring_inbox") + "?status=answered").content.decode()
    assert "Second one" in answered and "Must I image" not in answered


def test_a_mentor_of_another_course_sees_none_and_gets_404_by_id(client, other_mentor, question):
    client.force_login(other_mentor)
    assert "Must I image" not in client.get(reverse("mentoring_inbox")).content.decode()
    for name in ("mentoring_question", "mentoring_answer", "mentoring_publish"):
        url = reverse(name, args=[question.pk])
        if name == "mentoring_question":
            response = client.get(url, follow=True)
        else:
            response = client.post(url, {"text": "x"}, follow=True)
        # An unknown admin URL may first be sent to /en/... by the language middleware.
        assert response.status_code == 404, name
    assert not MentorQuestion.objects.get().is_answered


def test_a_trainer_of_the_course_who_is_not_its_mentor_gets_404(client, course, question):
    trainer = factories.make_course_trainer(course=course)
    client.force_login(trainer)
    url = reverse("mentoring_question", args=[question.pk])
    assert client.get(url, follow=True).status_code == 404


def test_an_answer_notifies_the_learner_in_their_language(
    client, mentor, question, member, django_capture_on_commit_callbacks
):
    member.profile.preferred_language = "fr"
    member.profile.save()
    client.force_login(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, question, "Yes: isolate it, then image it.")
    assert "The answer is sent" in response.content.decode()
    question.refresh_from_db()
    assert question.answer == "Yes: isolate it, then image it."
    assert question.answered_by == mentor and question.answered_at is not None
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Yes: isolate it, then image it." in message.body
    assert "/fr/learn/mentoring/questions/" in message.body
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == "mentor_answered"
    client.force_login(member)
    listed = client.get(reverse("notifications"), follow=True).content.decode()
    assert "A mentor answered your question in" in listed
    assert "/learn/mentoring/questions/" in listed


def test_correcting_an_answer_keeps_the_first_answer_time(mentor, question):
    first = services.question_answer(question=question, by=mentor, text="Yes.").answered_at
    again = services.question_answer(question=question, by=mentor, text="Yes, first.")
    assert again.answered_at == first and again.answer == "Yes, first."


def test_an_empty_answer_is_refused_and_changes_nothing(client, mentor, question):
    client.force_login(mentor)
    response = answer(client, question, "   ")
    assert "Write the answer before sending it." in response.content.decode()
    question.refresh_from_db()
    assert not question.is_answered and mail.outbox == []


def test_the_learner_reads_the_answer_on_the_dashboard_and_in_my_questions(
    client, mentor, question, member
):
    services.question_answer(question=question, by=mentor, text="Isolate it first.")
    client.force_login(member)
    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    assert "My questions" in dashboard and "Isolate it first." in dashboard
    mine = client.get(reverse("mentoring:questions")).content.decode()
    assert "Must I image the phone first?" in mine and "Isolate it first." in mine


def test_a_learner_sees_only_their_own_questions(client, question, classmate):
    client.force_login(classmate)
    assert "Must I image" not in client.get(reverse("mentoring:questions")).content.decode()
    assert "Must I image" not in client.get(reverse("courses:dashboard")).content.decode()


def test_hostile_text_is_escaped_for_the_mentor_and_the_learner(client, mentor, member, lesson):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    question = services.question_ask(learner=member, page=lesson, text=hostile)
    services.question_answer(question=question, by=mentor, text=hostile)
    client.force_login(mentor)
    for url in (reverse("mentoring_inbox"), reverse("mentoring_question", args=[question.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
    client.force_login(member)
    for url in (reverse("mentoring:questions"), reverse("courses:dashboard")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("count", [1, 12])
def test_mentor_screens_cost_a_fixed_number_of_queries(
    client, mentor, member, lesson, count, django_assert_max_num_queries
):
    for n in range(count):
        question = services.question_ask(learner=member, page=lesson, text=f"Question {n}")
        services.question_answer(question=question, by=mentor, text="Answer")
    client.force_login(mentor)
    client.get(reverse("mentoring_inbox"))
    with django_assert_max_num_queries(13):
        client.get(reverse("mentoring_inbox"))
    with django_assert_max_num_queries(12):
        client.get(reverse("mentoring_question", args=[question.pk]))
    client.force_login(member)
    with django_assert_max_num_queries(4):
        client.get(reverse("mentoring:questions"))
    client.get(reverse("courses:dashboard"))
    with django_assert_max_num_queries(17):
        client.get(reverse("courses:dashboard"))


def test_learner_urls_need_a_sign_in(client, question):
    response = client.get(reverse("mentoring:questions"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
