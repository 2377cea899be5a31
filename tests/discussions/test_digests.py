"""Digest e-mails: one per member and run, others' new visible replies, in their language."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from discussions import services
from discussions.models import DigestReceipt
from tests import factories

pytestmark = pytest.mark.django_db


def send(capture):
    with capture(execute=True):
        call_command("send_discussion_digests", stdout=io.StringIO())


def to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def test_each_member_gets_one_digest_of_the_others_replies(
    django_capture_on_commit_callbacks, member, classmate, discussion
):
    services.reply_post(author=member, discussion=discussion, text="Mine first.")
    services.reply_post(author=classmate, discussion=discussion, text="Then Beatriz.")
    services.reply_post(author=classmate, discussion=discussion, text="And again.")
    send(django_capture_on_commit_callbacks)
    [for_member] = to(member)
    assert "Then Beatriz." in for_member.body and "And again." in for_member.body
    assert "Mine first." not in for_member.body
    assert "2 new replies" in for_member.subject
    assert discussion.url in for_member.body
    [for_classmate] = to(classmate)
    assert "Mine first." in for_classmate.body and "Then Beatriz." not in for_classmate.body


def test_a_second_run_sends_nothing_new(
    django_capture_on_commit_callbacks, member, classmate, discussion
):
    services.reply_post(author=classmate, discussion=discussion, text="Once.")
    send(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    send(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert DigestReceipt.objects.get().recipient == member
    services.reply_post(author=classmate, discussion=discussion, text="Twice.")
    send(django_capture_on_commit_callbacks)
    [_first, second] = to(member)
    assert "Twice." in second.body and "Once." not in second.body


def test_hidden_replies_and_other_cohorts_are_left_out(
    django_capture_on_commit_callbacks, member, classmate, outsider, trainer, discussion
):
    hidden = services.reply_post(author=classmate, discussion=discussion, text="Hidden one.")
    services.reply_hide(reply=hidden, by=trainer, reason="Off topic")
    services.reply_post(author=outsider, discussion=discussion, text="From Maputo.")
    send(django_capture_on_commit_callbacks)
    assert to(member) == []
    assert "From Maputo." not in "".join(m.body for m in mail.outbox)


def test_the_digest_is_in_the_members_language(
    django_capture_on_commit_callbacks, course, cohort, classmate, discussion
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.translate_tree(course, "fr")
    french_reader = factories.make_learner(preferred_language="fr")
    factories.make_enrolment(learner=french_reader, course=course, cohort=cohort)
    services.reply_post(author=classmate, discussion=discussion, text="Hello.")
    send(django_capture_on_commit_callbacks)
    [message] = to(french_reader)
    assert message.subject == "1 nouvelle réponse dans les discussions de votre promotion"
    assert "/fr/" in message.body
