"""A mentor publishes an edited, anonymised question and answer on the course page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring import services
from mentoring.models import FaqEntry
from tests import factories

pytestmark = pytest.mark.django_db


def publish(client, item, **data):
    return client.post(reverse("mentoring_publish", args=[item.pk]), data, follow=True)


@pytest.fixture
def answered(mentor, question):
    return services.question_answer(question=question, by=mentor, text="Isolate it first.")


def test_the_mentor_publishes_edited_texts_without_the_learners_name(
    client, mentor, answered, member, classmate, course
):
    member.profile.given_name, member.profile.family_name = "Renata", "Quaresma"
    member.profile.save()
    client.force_login(mentor)
    response = publish(
        client, answered, question="Should a phone be imaged first?", answer="Isolate it first."
    )
    assert "Published in the course" in response.content.decode()
    entry = FaqEntry.objects.get()
    assert entry.course_id == course.pk and entry.question == "Should a phone be imaged first?"
    client.force_login(classmate)
    page = client.get(course.url).content.decode()
    assert "Should a phone be imaged first?" in page and "Isolate it first." in page
    assert "Renata" not in page and "Quaresma" not in page and member.email not in page
    assert "Must I image the phone first?" not in page


def test_the_faq_is_for_enrolled_learners_only(client, mentor, answered, course, learner):
    services.faq_publish(question=answered, by=mentor, question_text="Q?", answer_text="A.")
    assert "Questions answered by the mentors" not in client.get(course.url).content.decode()
    outsider = factories.make_learner()
    client.force_login(outsider)
    assert "Questions answered by the mentors" not in client.get(course.url).content.decode()


def test_an_open_question_cannot_be_published(client, mentor, question):
    client.force_login(mentor)
    response = publish(client, question, question="Q?", answer="A.")
    assert "Answer the question before publishing it" in response.content.decode()
    assert not FaqEntry.objects.exists()


def test_publishing_again_replaces_the_entry_and_withdraw_removes_it(client, mentor, answered):
    client.force_login(mentor)
    publish(client, answered, question="Q1?", answer="A1.")
    publish(client, answered, question="Q2?", answer="A2.")
    assert list(FaqEntry.objects.values_list("question", flat=True)) == ["Q2?"]
    publish(client, answered, action="withdraw")
    assert not FaqEntry.objects.exists()


def test_empty_faq_texts_are_refused(client, mentor, answered):
    client.force_login(mentor)
    response = publish(client, answered, question=" ", answer="A.")
    assert "Write your question" in response.content.decode()
    assert not FaqEntry.objects.exists()


def test_hostile_faq_text_is_escaped_on_the_course_page(client, mentor, answered, member, course):
    services.faq_publish(
        question=answered, by=mentor, question_text="<script>x()</script>", answer_text="<b>A</b>"
    )
    client.force_login(member)
    page = client.get(course.url).content.decode()
    assert "<script>x()" not in page and "&lt;b&gt;A&lt;/b&gt;" in page


def test_the_course_page_costs_the_same_whatever_the_faq_size(
    client, mentor, member, lesson, course, django_assert_max_num_queries
):
    def publish_some(count):
        for n in range(count):
            question = services.question_ask(learner=member, page=lesson, text=f"Q{n}")
            services.question_answer(question=question, by=mentor, text="A")
            services.faq_publish(
                question=question, by=mentor, question_text=f"Q{n}", answer_text="A"
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(course.url)
        return len(captured)

    publish_some(1)
    client.force_login(member)
    client.get(course.url)
    one = queries()
    publish_some(14)
    assert queries() == one
    with django_assert_max_num_queries(one):
        page = client.get(course.url).content.decode()
    assert page.count("<dt>") == 15
