"""Mentors' digests of new questions; coordinators' counts and median response times."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from mentoring import selectors, services
from mentoring.models import MentorQuestion
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_digest_lists_new_questions_in_the_mentors_language_once(
    mentor, other_mentor, question, django_capture_on_commit_callbacks
):
    mentor.profile.preferred_language = "pt"
    mentor.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mentor_digests", stdout=StringIO())
    (message,) = mail.outbox
    assert message.to == [mentor.email]
    assert message.extra_headers["Content-Language"] == "pt"
    assert "Must I image the phone first?" in message.body
    assert reverse("mentoring_question", args=[question.pk]) in message.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mentor_digests", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_next_digest_lists_only_newer_questions(
    mentor, question, member, lesson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mentor_digests", stdout=StringIO())
    services.question_ask(learner=member, page=lesson, text="A later question")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mentor_digests", stdout=StringIO())
    assert len(mail.outbox) == 2
    assert "A later question" in mail.outbox[1].body
    assert "Must I image" not in mail.outbox[1].body


def _answered_after(question, mentor, hours):
    services.question_answer(question=question, by=mentor, text="Yes.")
    MentorQuestion.objects.filter(pk=question.pk).update(
        answered_at=question.asked_at + datetime.timedelta(hours=hours)
    )


@pytest.fixture
def coordinator_of_cohort(coordinator, course, cohort):
    factories.make_course_assignment(coordinator=coordinator, course=course)
    cohort.coordinators.add(coordinator)
    return coordinator


def test_coordinators_see_counts_and_the_median_response_time_of_their_cohorts(
    client, coordinator_of_cohort, mentor, member, classmate, lesson, course
):
    asked = [
        services.question_ask(learner=person, page=lesson, text="Q")
        for person in (member, member, classmate)
    ]
    _answered_after(asked[0], mentor, 2)
    _answered_after(asked[1], mentor, 6)
    outsider = factories.make_learner()
    factories.make_enrolment(learner=outsider, course=course)  # self-paced, in no cohort
    services.question_ask(learner=outsider, page=lesson, text="Q")
    (row,) = selectors.response_report_for(user=coordinator_of_cohort)
    assert (row.asked, row.open, row.answered) == (3, 1, 2)
    assert row.median == datetime.timedelta(hours=4)
    client.force_login(coordinator_of_cohort)
    page = client.get(reverse("mentoring_report")).content.decode()
    assert course.title in page and "4.0 h" in page
    assert reverse("mentoring_report") in client.get(reverse("mentoring_inbox")).content.decode()


def test_another_coordinator_sees_nothing_of_the_cohort(client, coordinator_of_cohort, question):
    from lms import roles

    other = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    assert selectors.response_report_for(user=other) == []
    assert len(selectors.response_report_for(user=coordinator_of_cohort)) == 1


def test_a_trainer_is_refused_the_report(client, mentor):
    client.force_login(mentor)
    assert (
        reverse("mentoring_report") not in client.get(reverse("mentoring_inbox")).content.decode()
    )
    response = client.get(reverse("mentoring_report"))
    assert response.status_code in (302, 403)
    assert (
        b"Mentoring response times"
        not in client.get(reverse("mentoring_report"), follow=True).content
    )


@pytest.mark.parametrize("count", [1, 10])
def test_the_report_costs_a_fixed_number_of_queries(
    client, coordinator_of_cohort, mentor, member, lesson, count, django_assert_max_num_queries
):
    for _ in range(count):
        _answered_after(services.question_ask(learner=member, page=lesson, text="Q"), mentor, 1)
    client.force_login(coordinator_of_cohort)
    client.get(reverse("mentoring_report"))
    with django_assert_max_num_queries(11):
        client.get(reverse("mentoring_report"))
