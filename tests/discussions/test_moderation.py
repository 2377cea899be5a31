"""Trainers and coordinators hide, show again and pin replies, in their scope only, audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.models import AuditEvent
from discussions import services
from discussions.models import Reply
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(member, discussion):
    return services.reply_post(author=member, discussion=discussion, text="Preserve first.")


def not_found(response) -> bool:
    """404, possibly after the language middleware's redirect to /en/... (still 404 there)."""
    return response.status_code == 404


def moderate(client, reply, **data):
    return client.post(reverse("discussions_moderate", args=[reply.pk]), data, follow=True)


def thread_url(discussion, cohort):
    return reverse("discussions_thread", args=[discussion.pk, cohort.pk])


def test_a_hidden_reply_shows_its_author_why_and_disappears_for_the_others(
    client, trainer, reply, member, classmate, discussion
):
    client.force_login(trainer)
    moderate(client, reply, action="hide", reason="Names a real case")
    client.force_login(member)
    page = client.get(discussion.url).content.decode()
    assert "Preserve first." in page
    assert "Reason: Names a real case" in page
    client.force_login(classmate)
    assert "Preserve first." not in client.get(discussion.url).content.decode()


def test_hiding_needs_a_reason(client, trainer, reply):
    client.force_login(trainer)
    response = moderate(client, reply, action="hide", reason="  ")
    assert "Give a reason" in response.content.decode()
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_an_over_long_reason_is_refused(client, trainer, reply):
    client.force_login(trainer)
    response = moderate(client, reply, action="hide", reason="x" * 301)
    assert "The reason is too long" in response.content.decode()
    assert not Reply.objects.get().is_hidden


def test_a_reply_shown_again_is_visible_to_the_cohort(
    client, trainer, reply, classmate, discussion
):
    services.reply_hide(reply=reply, by=trainer, reason="Check it")
    client.force_login(trainer)
    moderate(client, reply, action="unhide")
    client.force_login(classmate)
    assert "Preserve first." in client.get(discussion.url).content.decode()


def test_a_pinned_reply_comes_first(client, trainer, member, classmate, discussion, reply):
    later = services.reply_post(author=classmate, discussion=discussion, text="Exemplary answer.")
    client.force_login(trainer)
    moderate(client, later, action="pin")
    client.force_login(member)
    page = client.get(discussion.url).content.decode()
    assert page.index("Exemplary answer.") < page.index("Preserve first.")
    assert "exemplary answer" in page


def test_a_hidden_reply_cannot_be_pinned(trainer, reply):
    services.reply_hide(reply=reply, by=trainer, reason="Off topic")
    with pytest.raises(services.ReplyRefused):
        services.reply_pin(reply=reply, by=trainer)


def test_every_moderation_step_is_audited(trainer, reply):
    services.reply_pin(reply=reply, by=trainer)
    services.reply_pin(reply=reply, by=trainer, pinned=False)
    services.reply_hide(reply=reply, by=trainer, reason="Off topic")
    services.reply_unhide(reply=reply, by=trainer)
    events = list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "subject"))
    assert events == [
        ("reply_pin", trainer.pk, reply.author_id),
        ("reply_unpin", trainer.pk, reply.author_id),
        ("reply_hide", trainer.pk, reply.author_id),
        ("reply_unhide", trainer.pk, reply.author_id),
    ]
    assert "Off topic" in AuditEvent.objects.get(action="reply_hide").summary


def test_the_cohorts_coordinator_moderates_it(
    client, cohort_coordinator, reply, discussion, cohort
):
    client.force_login(cohort_coordinator)
    assert client.get(thread_url(discussion, cohort)).status_code == 200
    moderate(client, reply, action="pin")
    assert Reply.objects.get().is_pinned


@pytest.mark.parametrize("who", ["other_trainer", "other_coordinator"])
def test_staff_outside_the_scope_get_404(request, client, who, reply, discussion, cohort):
    client.force_login(request.getfixturevalue(who))
    assert not_found(client.get(thread_url(discussion, cohort), follow=True))
    response = client.post(
        reverse("discussions_moderate", args=[reply.pk]),
        {"action": "hide", "reason": "x"},
        follow=True,
    )
    assert not_found(response)
    assert not Reply.objects.get().is_hidden


def test_a_learner_cannot_moderate(client, classmate, reply):
    client.force_login(classmate)
    url = reverse("discussions_moderate", args=[reply.pk])
    client.post(url, {"action": "hide", "reason": "x"})
    assert not Reply.objects.get().is_hidden


def test_the_threads_listing_shows_only_threads_in_scope(
    client, trainer, other_trainer, reply, outsider, discussion
):
    services.reply_post(author=outsider, discussion=discussion, text="Maputo.")
    client.force_login(trainer)
    page = client.get(reverse("discussions_threads")).content.decode()
    assert "Lisbon 2026" in page and "Maputo 2026" in page
    client.force_login(other_trainer)
    page = client.get(reverse("discussions_threads")).content.decode()
    assert "Lisbon 2026" not in page


def _replies(discussion, cohort, count):
    people = [factories.make_learner() for _ in range(min(count, 3))]
    for person in people:
        factories.make_enrolment(learner=person, course=cohort.course, cohort=cohort)
    for n in range(count):
        Reply.objects.create(
            discussion=discussion, cohort=cohort, author=people[n % len(people)], text=f"R{n}"
        )


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# docs/performance.md: Wagtail's admin chrome costs most of these.
ADMIN_THREAD_BUDGET = 24
ADMIN_THREADS_BUDGET = 22
# The lesson page's 21, plus the cases of the outline, who replied, and a page of replies.
DISCUSSION_PAGE_BUDGET = 26


def test_the_moderation_screen_costs_the_same_at_any_thread_size(
    client, trainer, discussion, cohort, other_cohort
):
    client.force_login(trainer)
    _replies(discussion, cohort, 3)
    one_thread = _count(client, reverse("discussions_threads"))
    _replies(discussion, other_cohort, 45)
    _replies(factories.make_discussion(module=discussion.get_parent()), other_cohort, 2)
    small = _count(client, thread_url(discussion, cohort))
    large = _count(client, thread_url(discussion, other_cohort))
    assert small == large
    assert large <= ADMIN_THREAD_BUDGET
    three_threads = _count(client, reverse("discussions_threads"))
    assert one_thread == three_threads
    assert three_threads <= ADMIN_THREADS_BUDGET


def test_the_discussion_page_costs_the_same_at_any_thread_size(
    client, member, outsider, discussion, cohort, other_cohort
):
    _replies(discussion, cohort, 2)
    _replies(discussion, other_cohort, 45)
    client.force_login(member)
    small = _count(client, discussion.url)
    client.force_login(outsider)
    large = _count(client, discussion.url)
    assert small == large
    assert large <= DISCUSSION_PAGE_BUDGET


def test_replies_are_paged(client, member, discussion, cohort):
    _replies(discussion, cohort, 25)
    client.force_login(member)
    first = client.get(discussion.url).content.decode()
    assert "Page 1 of 2" in first and ">R24<" not in first
    assert "R24" in client.get(discussion.url + "?page=2").content.decode()
