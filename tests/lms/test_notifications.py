"""In-site notifications: made by lms.notify, listed on the person's page, marked read; and the
sign-in message in the preferred language."""

import pytest
from django.urls import reverse

from certificates import services as certificate_services
from coordination import services as coordination_services
from courses import services as course_services
from courses.models import LessonPage
from lms import services
from lms.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "pt", "es"]


@pytest.fixture
def vetted(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, title="Digital evidence", enrolment="approval"
    )


def apply(course, learner):
    return coordination_services.application_submit(
        course=course, applicant=learner, agency_name="PJ", agency_type="police",
        job_title="Inspector", motivation="Cases.",
    )  # fmt: skip


def decline(course, learner, reason="The cohort is full."):
    return coordination_services.application_decide(
        application=apply(course, learner), approve=False, by=None, reason=reason
    )


def page_of(client, language="en"):
    return client.get(f"/{language}/learn/notifications/").content.decode()


def test_a_declined_application_notifies_the_applicant_with_the_reason(client, vetted):
    learner = factories.make_learner()
    decline(vetted, learner, reason="Only prosecutors this time.")
    client.force_login(learner)
    html = page_of(client)
    assert "Your application for Digital evidence was not approved" in html
    assert "Only prosecutors this time." in html
    assert f'href="{vetted.url}"' in html


def test_an_approved_application_notifies_the_applicant(client, vetted):
    learner = factories.make_learner()
    coordination_services.application_decide(
        application=apply(vetted, learner), approve=True, by=None
    )
    client.force_login(learner)
    assert "Your application for Digital evidence is approved" in page_of(client)


def test_issuing_and_revoking_a_certificate_notify_the_holder(
    client, catalog, django_capture_on_commit_callbacks
):
    course = factories.make_course(index=catalog, modules=1, lessons=1, title="Ransomware")
    learner = factories.make_learner()
    course_services.enrolment_create(learner=learner, course=course)
    # Completion queues the signing task, which tells the holder, on commit.
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in LessonPage.objects.descendant_of(course):
            course_services.lesson_complete(learner=learner, lesson=lesson)
    certificate = learner.certificates.get()
    certificate_services.certificate_revoke(certificate=certificate, reason="error")
    client.force_login(learner)
    html = page_of(client)
    assert "Your certificate for Ransomware has been issued" in html
    assert "Your certificate for Ransomware has been revoked" in html
    assert "Reason: issued in error." in html
    assert certificate.code in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "was not approved"),
        ("fr", "n&#x27;a pas été retenue"),
        ("pt", "não foi aprovada"),
        ("es", "no se ha aprobado"),
    ],
)
def test_a_notification_is_worded_in_the_language_it_is_read_in(
    client, vetted, home_pages, language, words
):
    learner = factories.make_learner(preferred_language="en")
    decline(vetted, learner)
    client.force_login(learner)
    assert words in page_of(client, language)


def test_a_notification_names_the_course_in_the_readers_language(
    client, vetted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        portuguese = factories.translate_tree(vetted, "pt")
    portuguese.title = "Prova digital"
    portuguese.save_revision().publish()
    learner = factories.make_learner()
    decline(vetted, learner)
    client.force_login(learner)
    html = page_of(client, "pt")
    assert "Prova digital" in html
    assert f'href="{portuguese.url}"' in html


def test_a_person_sees_only_their_own_notifications(client, vetted):
    decline(vetted, factories.make_learner(), reason="Private reason of someone else.")
    client.force_login(factories.make_learner())
    html = page_of(client)
    assert "Private reason of someone else." not in html
    assert "You have no notifications." in html


def test_the_header_shows_the_unread_count(client, vetted, home_pages):
    learner = factories.make_learner()
    decline(vetted, learner)
    client.force_login(learner)
    html = client.get("/en/").content.decode()
    assert '<span class="badge">1 unread</span>' in html


def test_marking_one_notification_read(client, vetted):
    learner = factories.make_learner()
    decline(vetted, learner)
    notification = learner.notifications.get()
    client.force_login(learner)
    response = client.post(reverse("notification_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "1 unread" not in page_of(client)


def test_marking_all_notifications_read(client, vetted, catalog):
    learner = factories.make_learner()
    decline(vetted, learner)
    other = factories.make_course(index=catalog, modules=1, lessons=1, enrolment="approval")
    decline(other, learner)
    client.force_login(learner)
    assert "2 unread" in page_of(client)
    client.post(reverse("notifications_read_all"))
    assert not learner.notifications.filter(read_at__isnull=True).exists()


def test_nobody_can_mark_someone_elses_notification(client, vetted):
    owner = factories.make_learner()
    decline(vetted, owner)
    notification = owner.notifications.get()
    client.force_login(factories.make_learner())
    response = client.post(reverse("notification_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_read_takes_post_only(client, vetted):
    learner = factories.make_learner()
    decline(vetted, learner)
    client.force_login(learner)
    response = client.get(reverse("notification_read", args=[learner.notifications.get().pk]))
    assert response.status_code == 405


def test_an_unknown_kind_is_shown_as_a_plain_notification(client):
    learner = factories.make_learner()
    services.notification_create(recipient=learner, kind="retired_kind", params={})
    client.force_login(learner)
    assert "<h2>Notification" in page_of(client)


def _notify_many(learner, courses):
    for course in courses:
        decline(course, learner)


def test_the_notifications_page_costs_the_same_for_few_and_many(
    client, catalog, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    learner = factories.make_learner()
    courses = [
        factories.make_course(index=catalog, modules=1, lessons=0, enrolment="approval")
        for _ in range(6)
    ]
    _notify_many(learner, courses[:1])
    client.force_login(learner)
    page_of(client)  # Wagtail caches the site's root paths on the first request
    with CaptureQueriesContext(connection) as few:
        page_of(client)
    _notify_many(learner, courses[1:])
    with django_assert_max_num_queries(len(few)):
        html = page_of(client)
    assert html.count('<li class="notification') == 6
    assert len(few) <= 8


def test_the_unread_count_is_one_query_however_often_a_page_shows_it(client, home_pages):
    from django.template import Context, Template
    from django.test import RequestFactory

    learner = factories.make_learner()
    request = RequestFactory().get("/en/")
    request.user = learner
    template = Template("{% load lms_tags %}{% unread_notifications as a %}"
                        "{% unread_notifications as b %}{{ a }}{{ b }}")  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert template.render(Context({"request": request})) == "00"
    assert len(queries) == 1


def test_notifications_need_a_signed_in_person(client):
    response = client.get("/en/learn/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# The sign-in message ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Connexion avec"), ("pt", "Iniciou a sessão como"), ("es", "Ha iniciado sesión")],
)
def test_the_sign_in_message_is_in_the_preferred_language_whatever_the_form_was_in(
    client, home_pages, language, words
):
    factories.make_user(email="reader@example.org", preferred_language=language)
    response = client.post(
        "/en/accounts/login/",
        {"login": "reader@example.org", "password": factories.PASSWORD},
        follow=True,
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith(words)
    assert "reader@example.org" in message


def test_notification_rows_record_the_kind_and_the_course(vetted):
    learner = factories.make_learner()
    decline(vetted, learner, reason="Full.")
    row = Notification.objects.get(recipient=learner)
    assert row.kind == "application_declined"
    assert row.params["version"] == 1
    assert row.params["course_key"] == str(vetted.translation_key)
    assert row.params["reason"] == "Full."


@pytest.mark.parametrize(("language", "words"), [("fr", "mot de passe"), ("es", "contraseña")])
def test_a_password_reset_mail_is_in_the_account_holders_language(
    client, home_pages, language, words
):
    import re

    from django.core import mail

    factories.make_user(email="forgetful@example.org", preferred_language=language)
    client.post("/en/accounts/password/reset/", {"email": "forgetful@example.org"})
    (message,) = mail.outbox
    assert words in message.body.lower()
    link = re.search(r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", message.body)
    assert link.group(1).startswith(f"/{language}/")
    assert client.get(link.group(1), follow=True).status_code == 200
