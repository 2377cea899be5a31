"""Cohort members reply to a discussion case; nobody else reads or posts in their thread."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from discussions import services
from discussions.models import REPLY_MAX_LENGTH, Reply
from tests import factories

pytestmark = pytest.mark.django_db


def reply_url(discussion):
    return reverse("discussions:reply", args=[discussion.pk])


def test_a_member_posts_a_reply_and_their_cohort_reads_it(
    client, member, classmate, discussion, cohort
):
    client.force_login(member)
    response = client.post(reply_url(discussion), {"text": "I would preserve the chat first."})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.author, reply.cohort, reply.discussion_id) == (member, cohort, discussion.pk)
    client.force_login(classmate)
    page = client.get(discussion.url).content.decode()
    assert "I would preserve the chat first." in page


def test_hostile_html_in_a_reply_is_shown_as_text(client, member, discussion):
    client.force_login(member)
    client.post(
        reply_url(discussion), {"text": '<script>alert(1)</script><img src=x onerror="x()">'}
    )
    page = client.get(discussion.url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


@pytest.mark.parametrize("text", ["", "   \n  ", "\x00\x07"])
def test_an_empty_reply_is_refused_with_a_message(client, member, discussion, text):
    client.force_login(member)
    response = client.post(reply_url(discussion), {"text": text}, follow=True)
    assert "Write your reply before posting it." in response.content.decode()
    assert not Reply.objects.exists()


def test_an_over_long_reply_is_refused_and_nothing_is_saved(client, member, discussion):
    client.force_login(member)
    response = client.post(
        reply_url(discussion), {"text": "x" * (REPLY_MAX_LENGTH + 1)}, follow=True
    )
    assert f"the limit is {REPLY_MAX_LENGTH}" in response.content.decode()
    assert not Reply.objects.exists()


def test_a_reply_in_french_refused_with_a_french_message(client, member, discussion):
    client.force_login(member)
    response = client.post(
        "/fr" + reply_url(discussion).removeprefix("/en"), {"text": " "}, follow=True
    )
    assert "Écrivez votre réponse avant de la publier." in response.content.decode()


def test_another_cohort_never_sees_the_thread(client, member, outsider, discussion):
    services.reply_post(author=member, discussion=discussion, text="Only for Lisbon.")
    client.force_login(outsider)
    page = client.get(discussion.url).content.decode()
    assert "Only for Lisbon." not in page
    services.reply_post(author=outsider, discussion=discussion, text="Only for Maputo.")
    assert Reply.objects.get(author=outsider).cohort.name == "Maputo 2026"
    client.force_login(member)
    assert "Only for Maputo." not in client.get(discussion.url).content.decode()


def test_a_learner_of_another_course_cannot_post_by_id(client, catalog, discussion):
    stranger = factories.make_learner()
    other = factories.make_course(index=catalog, modules=1, lessons=1)
    cohort = other.cohorts.create(name="Other", start_date=timezone.localdate())
    factories.make_enrolment(learner=stranger, course=other, cohort=cohort)
    client.force_login(stranger)
    response = client.post(reply_url(discussion), {"text": "Let me in."})
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_an_enrolled_learner_without_a_cohort_neither_reads_nor_posts(
    client, learner, course, member, discussion
):
    services.reply_post(author=member, discussion=discussion, text="Cohort only.")
    loner = factories.make_learner()
    Enrolment.objects.create(learner=loner, course=course)
    client.force_login(loner)
    page = client.get(discussion.url).content.decode()
    assert "Cohort only." not in page
    assert "Only members of a cohort of this course take part" in page
    assert client.post(reply_url(discussion), {"text": "Hello"}).status_code == 403
    assert Reply.objects.count() == 1


def test_a_withdrawn_member_can_no_longer_post(client, member, course, discussion):
    Enrolment.objects.filter(learner=member).update(status="withdrawn")
    client.force_login(member)
    assert client.post(reply_url(discussion), {"text": "Hello"}).status_code == 403


def test_a_visitor_who_is_not_enrolled_sees_no_replies(client, member, discussion):
    services.reply_post(author=member, discussion=discussion, text="Members only.")
    page = client.get(discussion.url).content.decode()
    assert "Members only." not in page


def test_replies_from_every_language_share_one_thread(
    client, member, classmate, discussion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        french = factories.translate_tree(discussion.get_parent().get_parent(), "fr")
    french_case = type(discussion).objects.get(
        translation_key=discussion.translation_key, locale__language_code="fr"
    )
    assert french
    services.reply_post(author=classmate, discussion=french_case, text="Réponse en français.")
    assert Reply.objects.get().discussion_id == discussion.pk
    client.force_login(member)
    assert "Réponse en français." in client.get(discussion.url).content.decode()
    assert "Réponse en français." in client.get(french_case.url).content.decode()


def test_a_case_in_a_module_not_open_yet_refuses_replies(member, course, cohort, discussion):
    cohort.start_date = timezone.localdate() + datetime.timedelta(days=10)
    cohort.save()
    with pytest.raises(services.ReplyRefused, match="This module opens on"):
        services.reply_post(author=member, discussion=discussion, text="Too early.")
    assert not Reply.objects.exists()


def test_posting_too_fast_is_refused(client, member, discussion):
    client.force_login(member)
    for n in range(5):
        client.post(reply_url(discussion), {"text": f"Reply {n}"})
    response = client.post(reply_url(discussion), {"text": "One too many"}, follow=True)
    assert "You are posting too fast." in response.content.decode()
    assert Reply.objects.count() == 5


def test_a_reply_to_a_required_case_moves_the_course_progress(
    client, member, course, lesson, discussion
):
    from courses import services as course_services

    course_services.lesson_complete(learner=member, lesson=lesson)
    enrolment = Enrolment.objects.get(learner=member)
    assert enrolment.progress_percent == 50
    services.reply_post(author=member, discussion=discussion, text="Done.")
    enrolment.refresh_from_db()
    assert (enrolment.progress_percent, enrolment.status) == (100, "completed")
    client.force_login(member)
    page = client.get(course.url).content.decode()
    assert "1 of 1 discussion case answered" in page


def test_a_reply_to_an_optional_case_does_not_count(member, module, lesson):
    optional = factories.make_discussion(module=module, required=False)
    services.reply_post(author=member, discussion=optional, text="Optional.")
    assert Enrolment.objects.get(learner=member).progress_percent == 0


def test_a_hidden_reply_no_longer_counts_towards_completion(member, trainer, discussion):
    reply = services.reply_post(author=member, discussion=discussion, text="Off topic.")
    assert Enrolment.objects.get(learner=member).progress_percent == 50
    services.reply_hide(reply=reply, by=trainer, reason="Off topic")
    assert Enrolment.objects.get(learner=member).progress_percent == 0


def test_a_module_after_a_case_stays_locked_until_the_reply(member, course, lesson, discussion):
    """The outline and the rules used by services agree on the prerequisite."""
    from courses import selectors
    from courses import services as course_services
    from courses.models import ModulePage

    first = ModulePage.objects.child_of(course).get()
    second = factories.make_module(course=course, prerequisite=first)
    next_lesson = factories.make_lesson(module=second)
    course_services.lesson_complete(learner=member, lesson=lesson)
    outline = selectors.course_outline_for(course=course, user=member)
    assert outline.modules[1].lock is not None
    with pytest.raises(Exception, match="Complete the module"):
        course_services.lesson_complete(learner=member, lesson=next_lesson)
    services.reply_post(author=member, discussion=discussion, text="Now.")
    outline = selectors.course_outline_for(course=course, user=member)
    assert outline.modules[1].lock is None
    course_services.lesson_complete(learner=member, lesson=next_lesson)


def test_a_cohort_named_in_the_form_is_ignored(client, member, outsider, cohort, discussion):
    """The thread is the poster's own cohort's: no field of the form can pick another."""
    client.force_login(outsider)
    client.post(reply_url(discussion), {"text": "Into Lisbon?", "cohort": cohort.pk})
    assert Reply.objects.get().cohort.name == "Maputo 2026"
    client.force_login(member)
    assert "Into Lisbon?" not in client.get(discussion.url).content.decode()


def test_the_course_page_links_to_the_weeks_case(client, member, course, discussion):
    client.force_login(member)
    page = client.get(course.url).content.decode()
    assert f'href="{discussion.url}"' in page
    assert "discussion case" in page


def test_a_trainer_may_add_a_case_under_a_module(client, trainer, module):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["discussions", "discussionpage", module.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode().lower()
    assert 'name="scenario"' in page
    assert "a reply counts towards completion" in page
