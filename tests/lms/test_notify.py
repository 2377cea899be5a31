"""lms.notify: every templated e-mail in the recipient's language and time zone, with links to
the public address; and Wagtail's own moderation e-mails in each recipient's language."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from coordination import services as coordination_services
from courses.models import Cohort, CoursePage
from lms import notify, roles, services
from tests import factories
from tests.module_data import module_transaction, translated_course_made

pytestmark = pytest.mark.django_db

PUBLIC = "https://academy.example.org"
TITLES = {"fr": "Preuve numérique", "pt": "Prova digital", "es": "Prueba digital"}


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    return PUBLIC


@pytest.fixture
def course(translated_course):
    """The course below, read afresh for each test: what a test changes in memory stays there."""
    return CoursePage.objects.get(pk=translated_course)


@pytest.fixture(scope="module")
def translated_course(django_db_setup, django_db_blocker):
    """A course published in English, French, Portuguese and Spanish, each with its own title.

    Built once for the module (tests/module_data.py): making the three translations took
    about 1.5 s of set-up in each test that reads it.
    """
    with module_transaction(django_db_blocker):
        yield translated_course_made(
            TITLES, publish_titles=True,
            modules=1, lessons=1, title="Digital evidence", enrolment="approval",
        )  # fmt: skip


def apply(course, learner):
    return coordination_services.application_submit(
        course=course, applicant=learner, agency_name="PJ", agency_type="police",
        job_title="Inspector", motivation="Cases.",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "greeting"), [("en", "Hello"), ("fr", "Bonjour"), ("pt", "Olá"), ("es", "Hola")]
)
def test_a_mail_is_rendered_in_the_recipients_language_whatever_is_active(
    course, public_address, django_capture_on_commit_callbacks, language, greeting
):
    learner = factories.make_learner(preferred_language=language)
    application = apply(course, learner)
    active = "fr" if language != "fr" else "es"
    with translation.override(active), django_capture_on_commit_callbacks(execute=True):
        coordination_services.application_decide(
            application=application, approve=False, by=None, reason="Quota reached."
        )
    (message,) = mail.outbox
    assert message.body.startswith(greeting)
    assert message.extra_headers["Content-Language"] == language
    assert TITLES.get(language, "Digital evidence") in message.subject


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_links_in_a_mail_go_to_the_public_address_and_the_translated_page(
    course, public_address, django_capture_on_commit_callbacks, language
):
    learner = factories.make_learner(preferred_language=language)
    application = apply(course, learner)
    with django_capture_on_commit_callbacks(execute=True):
        coordination_services.application_decide(
            application=application, approve=False, by=None, reason="Quota reached."
        )
    (message,) = mail.outbox
    assert f"{PUBLIC}/{language}/" in message.body
    assert "localhost" not in message.body and "127.0.0.1" not in message.body


def test_an_untranslated_course_is_named_by_its_english_title(
    catalog, public_address, django_capture_on_commit_callbacks
):
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, title="Ransomware", enrolment="approval"
    )
    learner = factories.make_learner(preferred_language="pt")
    application = apply(course, learner)
    with django_capture_on_commit_callbacks(execute=True):
        coordination_services.application_decide(application=application, approve=True, by=None)
    (message,) = mail.outbox
    assert "Ransomware" in message.subject and "aprovada" in message.subject
    assert f"{PUBLIC}/en/" in message.body


def test_a_mail_shows_times_in_the_recipients_time_zone(
    course, django_capture_on_commit_callbacks, settings, tmp_path
):
    import datetime

    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "probe_subject.txt").write_text("Probe")
    (tmp_path / "probe_body.txt").write_text('{{ moment|time:"H:i e" }}')
    learner = factories.make_learner(preferred_language="en", time_zone="America/Sao_Paulo")
    moment = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        notify.notify(
            recipient=learner,
            kind="probe",
            template_prefix="probe",
            context={"moment": moment},
        )
    (message,) = mail.outbox
    assert message.body == "09:00 -03"


def test_nothing_is_sent_or_recorded_when_the_change_is_rolled_back(course):
    learner = factories.make_learner()
    application = apply(course, learner)
    with pytest.raises(RuntimeError), transaction.atomic():
        coordination_services.application_decide(
            application=application, approve=False, by=None, reason="No places."
        )
        raise RuntimeError
    assert mail.outbox == []
    assert not learner.notifications.exists()


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_the_invitation_names_the_course_in_the_invited_persons_language(
    course, coordinator, public_address, django_capture_on_commit_callbacks, language
):
    cohort = Cohort.objects.create(course=course, name="Maputo 2026", start_date="2026-03-02")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    csv = (
        "email,given_name,family_name,country,agency_type,job_title,preferred_language\n"
        f"new@example.org,Ana,Lima,MZ,police,Inspector,{language}\n"
    ).encode()
    member_import = coordination_services.member_import_check(
        cohort=cohort, filename="people.csv", data=csv, by=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordination_services.member_import_run(
            member_import=member_import, only_valid=False, by=coordinator
        )
    (message,) = mail.outbox
    assert TITLES[language] in message.subject
    assert TITLES[language] in message.body
    assert f"{PUBLIC}/{language}/accounts/password/reset/key/" in message.body


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_the_certificate_mail_names_the_course_in_the_holders_language(
    course, public_address, django_capture_on_commit_callbacks, language
):
    from certificates import services as certificate_services
    from certificates.models import Certificate
    from courses import services as course_services
    from courses.models import LessonPage

    learner = factories.make_learner(preferred_language=language)
    course_services.enrolment_create(learner=learner, course=course, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        # The course issues its certificates automatically on completion.
        for lesson in LessonPage.objects.descendant_of(course).filter(locale=course.locale):
            course_services.lesson_complete(learner=learner, lesson=lesson)
    certificate = Certificate.objects.get(learner=learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_services.certificate_revoke(certificate=certificate, reason="error")
    issued, revoked = mail.outbox
    for message in (issued, revoked):
        assert TITLES[language] in message.subject
        assert f"{PUBLIC}/{language}/learn/" in message.body


# Wagtail's own e-mails and screens -------------------------------------------------------


def test_the_profile_language_is_wagtails_preferred_language():
    from wagtail.users.models import UserProfile

    user = factories.make_user(preferred_language="es")
    assert UserProfile.get_for_user(user).preferred_language == "es"
    services.profile_update(user=user, preferred_language="fr")
    assert UserProfile.get_for_user(user).preferred_language == "fr"


def test_a_language_chosen_in_the_admin_becomes_the_preferred_language():
    from wagtail.users.models import UserProfile

    user = factories.make_staff(preferred_language="en")
    wagtail_profile = UserProfile.get_for_user(user)
    wagtail_profile.preferred_language = "pt"
    wagtail_profile.save()
    user.profile.refresh_from_db()
    assert user.profile.preferred_language == "pt"


def test_existing_accounts_get_their_language_in_wagtail_by_migration():
    import importlib

    from django.apps import apps
    from wagtail.users.models import UserProfile

    user = factories.make_user(preferred_language="pt")
    UserProfile.objects.filter(user=user).update(preferred_language="")
    migration = importlib.import_module("lms.migrations.0008_admin_language_from_profile")
    migration.copy_preferred_language(apps, None)
    assert UserProfile.get_for_user(user).preferred_language == "pt"


@pytest.mark.parametrize(("language", "word"), [("fr", "Tableau de bord"), ("pt", "Painel")])
def test_the_admin_speaks_the_preferred_language_whatever_page_was_visited_last(
    client, home_pages, settings, language, word
):
    user = factories.make_staff(
        role=roles.PROGRAMME_MANAGER, with_totp=True, preferred_language=language
    )
    client.force_login(user)
    client.get("/es/")  # the last public page read was Spanish
    html = client.get("/admin/").content.decode()
    assert f'lang="{language}"' in html
    assert word in html


def test_moderation_mails_go_in_each_recipients_language_with_public_links(
    catalog, public_address, django_capture_on_commit_callbacks
):
    from courses.models import LessonPage

    services.site_address_sync()
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    lead = factories.make_staff(role=roles.LEAD_TRAINER, preferred_language="pt")
    trainer = factories.make_course_trainer(course=course)
    services.profile_update(user=trainer, preferred_language="fr")
    workflow = lesson.get_workflow()
    lesson.save_revision(user=trainer)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        state = workflow.start(lesson, trainer)
    to_lead = [m for m in mail.outbox if m.to == [lead.email]]
    assert to_lead and "foi enviada para aprovação" in to_lead[0].subject
    assert f"{PUBLIC}/admin/pages/{lesson.pk}/edit/" in to_lead[0].body
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=lead)
    (to_trainer,) = [m for m in mail.outbox if m.to == [trainer.email]]
    assert "approuvée" in to_trainer.body
    assert f"{PUBLIC}/en/" in to_trainer.body
    assert "localhost" not in to_trainer.body


def test_the_default_site_follows_the_public_address(public_address):
    from wagtail.models import Site

    services.site_address_sync()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("academy.example.org", 443, PUBLIC)


def test_a_mail_carries_an_html_part_when_its_template_exists(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "probe_subject.txt").write_text("Probe")
    (tmp_path / "probe_body.txt").write_text("{% autoescape off %}{{ title }}{% endautoescape %}")
    (tmp_path / "probe_body.html").write_text("<p>{{ title }}</p>")
    learner = factories.make_learner(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        notify.notify(
            recipient=learner, kind="probe", template_prefix="probe", context={"title": "A & B"}
        )
    (message,) = mail.outbox
    assert message.body == "A & B"
    assert message.alternatives[0][0] == "<p>A &amp; B</p>"


def test_a_certificate_mail_prints_the_course_title_as_it_is(
    catalog, django_capture_on_commit_callbacks
):
    from courses import services as course_services
    from courses.models import LessonPage

    course = factories.make_course(index=catalog, modules=1, lessons=1, title="Fraud & scams")
    learner = factories.make_learner()
    course_services.enrolment_create(learner=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in LessonPage.objects.descendant_of(course):
            course_services.lesson_complete(learner=learner, lesson=lesson)
    (message,) = mail.outbox
    assert "Fraud & scams" in message.subject and "Fraud & scams" in message.body


# Mails leave in a background task ----------------------------------------------------------


@pytest.fixture
def recording_backend(settings):
    """Tasks are recorded, not run, so a test sees what was enqueued and when."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def run_queued(backend):
    for result in backend.results:
        result.task.call(*result.args, **result.kwargs)


def test_a_mail_is_queued_on_commit_and_the_task_writes_it_in_the_recipients_language(
    course, public_address, recording_backend, django_capture_on_commit_callbacks
):
    learner = factories.make_learner(preferred_language="pt")
    application = apply(course, learner)
    with translation.override("es"), django_capture_on_commit_callbacks() as callbacks:
        coordination_services.application_decide(
            application=application, approve=False, by=None, reason="Quota reached."
        )
        assert recording_backend.results == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [result.task.name for result in recording_backend.results] == ["mail_send_task"]
    assert mail.outbox == []  # the request does not wait for the mail server
    with translation.override("es"):
        run_queued(recording_backend)
    (message,) = mail.outbox
    assert message.body.startswith("Olá")
    assert TITLES["pt"] in message.subject
    assert f"{PUBLIC}/pt/" in message.body


def test_nothing_is_queued_when_the_change_is_rolled_back(course, recording_backend):
    learner = factories.make_learner()
    application = apply(course, learner)
    with pytest.raises(RuntimeError), transaction.atomic():
        coordination_services.application_decide(application=application, approve=True, by=None)
        raise RuntimeError
    assert recording_backend.results == []


def test_the_context_travels_as_json_and_comes_back_as_it_was(course):
    import datetime
    import json
    from dataclasses import dataclass
    from decimal import Decimal

    @dataclass
    class Row:
        label: str
        share: Decimal

    learner = factories.make_learner()
    moment = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
    context = {
        "course": course,
        "learner": learner,
        "percent": Decimal("87.50"),
        "moment": moment,
        "day": moment.date(),
        "rows": [Row("a", Decimal("0.5"))],
        "nothing": None,
        "link": notify.link("courses:dashboard"),
    }
    stored = json.loads(json.dumps(notify.context_encode(context)))
    back = notify.context_decode(stored)
    assert back["course"] == course and type(back["course"]) is type(course)
    assert back["learner"] == learner
    assert back["percent"] == Decimal("87.50") and back["moment"] == moment
    assert back["day"] == moment.date()
    assert back["rows"] == [{"label": "a", "share": Decimal("0.5")}]
    assert back["nothing"] is None
    with translation.override("fr"):
        assert back["link"].resolve().endswith("/fr/learn/")


def test_a_value_a_task_cannot_carry_is_refused_when_the_mail_is_queued():
    learner = factories.make_learner()
    with pytest.raises(TypeError):
        notify.mail_enqueue(
            recipient=learner, template_prefix="probe", context={"later": notify.AtSend(print)}
        )
    with pytest.raises(TypeError):
        notify.mail_enqueue(recipient=learner, template_prefix="probe", context={"x": object()})


def test_a_mail_to_an_address_without_an_account_uses_the_language_and_zone_given(
    django_capture_on_commit_callbacks,
):
    import datetime

    moment = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        notify.mail_enqueue(
            address="guest@example.org",
            language="fr",
            time_zone="Asia/Tokyo",
            template_prefix="live/mail/registered",
            context={"session": {"title": "Séance"}, "times": {"starts_at": moment}},
        )
    (message,) = mail.outbox
    assert message.to == ["guest@example.org"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Séance" in message.subject
    assert "21:00" in message.body  # noon UTC in Tokyo


def test_a_mail_needs_a_recipient_or_an_address():
    with pytest.raises(ValueError):
        notify.mail_enqueue(template_prefix="live/mail/registered", context={})
