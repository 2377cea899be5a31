"""Public registration without an account: details, consent, abuse."""

import pytest
from django.core import mail
from django.urls import reverse

from live import services
from live.models import Registration

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name": "Amina Diallo",
        "email": "amina@example.org",
        "country": "SN",
        "affiliation_type": "other",
        "consent": "yes",
    }
    data.update(overrides)
    return data


def _post(client, session, **overrides):
    return client.post(
        reverse("live:register_public", args=[session.pk]), _form(**overrides), follow=True
    )


def test_a_member_of_the_public_registers_with_details_and_consent_only(
    client, public_session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, public_session)
    assert "Check your e-mail" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.user is None
    assert (registration.name, registration.country.code, registration.affiliation_type) == (
        "Amina Diallo",
        "SN",
        "other",
    )
    assert registration.consented_at is not None
    (message,) = mail.outbox
    assert reverse("live:access", args=[registration.token]) in message.body
    assert message.attachments[0][2] == "text/calendar"


def test_the_confirmation_is_in_the_language_the_person_registered_in(
    client, public_session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es" + reverse("live:register_public", args=[public_session.pk])[3:], _form())
    (message,) = mail.outbox
    assert message.subject.startswith("Está inscrito:")
    assert Registration.objects.get().language == "es"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("consent", "", "Registration needs your consent"),
        ("email", "not-an-address", "Enter a valid e-mail address."),
        ("country", "XX", "Choose your country."),
        ("affiliation_type", "spy", "Choose the kind of organisation you work for."),
        ("name", "   ", "Enter your name."),
        ("name", "x" * 151, "Enter your name in at most 150 characters."),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(
    client, public_session, field, value, message
):
    response = _post(client, public_session, **{field: value})
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_the_same_email_twice_is_refused_politely(client, public_session):
    _post(client, public_session)
    response = _post(client, public_session, email="AMINA@example.org", name="Someone else")
    assert (
        "This e-mail address is already registered for this session." in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_a_hostile_name_is_kept_as_text_and_escaped_where_shown(public_session, client):
    hostile = '<script>alert("x")</script>'
    _post(client, public_session, name=hostile)
    registration = Registration.objects.get()
    assert registration.name == hostile
    page = client.get(reverse("live:access", args=[registration.token])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    from lms import roles
    from tests import factories

    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    listing = client.get(reverse("live_attendance", args=[public_session.pk]))
    assert listing.status_code == 200
    assert "<script>alert" not in listing.content.decode()
    assert "&lt;script&gt;alert" in listing.content.decode()


def test_public_registration_is_rate_limited(client, public_session, settings):
    from live import views

    for number in range(views.PUBLIC_LIMIT_PER_HOUR):
        _post(client, public_session, email=f"person{number}@example.org")
    response = _post(client, public_session, email="one-more@example.org")
    assert "Too many registrations from your connection" in response.content.decode()
    assert not Registration.objects.filter(email="one-more@example.org").exists()


def test_a_course_session_takes_no_public_registration(client, course_session):
    response = client.post(reverse("live:register_public", args=[course_session.pk]), _form())
    assert response.status_code == 404


def test_the_public_form_fills_places_then_the_waitlist(public_session):
    statuses = [
        services.public_registration_create(
            session=public_session,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            country="BR",
            affiliation_type="other",
            consent=True,
            language="pt",
        ).status
        for n in range(3)
    ]
    assert statuses == ["registered", "registered", "waitlisted"]


def test_public_details_are_removed_a_year_after_the_session_as_the_consent_says(
    public_session, clock
):
    import datetime
    import io

    from django.core.management import call_command

    kept = services.public_registration_create(
        session=public_session,
        name="Amina Diallo",
        email="amina@example.org",
        country="SN",
        affiliation_type="other",
        consent=True,
        language="fr",
    )
    clock(public_session.starts_at + datetime.timedelta(days=364))
    call_command("purge_live_registrations", stdout=io.StringIO())
    kept.refresh_from_db()
    assert kept.email == "amina@example.org"

    clock(public_session.starts_at + datetime.timedelta(days=366))
    call_command("purge_live_registrations", stdout=io.StringIO())
    kept.refresh_from_db()
    assert (kept.name, kept.email) == ("", f"{kept.pk}@removed.invalid")
    assert (kept.country.code, kept.affiliation_type) == ("SN", "other")


def test_a_public_registrant_cancels_from_their_personal_link_and_frees_the_place(
    client, public_session
):
    people = [
        services.public_registration_create(
            session=public_session,
            name=f"Person {n}",
            email=f"q{n}@example.org",
            country="AO",
            affiliation_type="other",
            consent=True,
            language="pt",
        )
        for n in range(3)
    ]
    assert people[2].status == Registration.Status.WAITLISTED
    response = client.post(reverse("live:access", args=[people[0].token]))
    assert response.status_code == 302
    people[0].refresh_from_db()
    people[2].refresh_from_db()
    assert people[0].status == Registration.Status.CANCELLED
    assert people[2].status == Registration.Status.REGISTERED
    assert client.get(reverse("live:access", args=[people[0].token])).status_code == 404


def test_gender_is_optional_and_kept_when_given(client, public_session):
    _post(client, public_session, email="no-gender@example.org")
    _post(client, public_session, email="given@example.org", gender="female")
    genders = dict(Registration.objects.values_list("email", "gender"))
    assert genders == {"no-gender@example.org": "", "given@example.org": "female"}


def test_an_unknown_gender_is_refused_and_registers_nobody(client, public_session):
    response = _post(client, public_session, gender="<b>robot</b>")
    assert "Choose one of the listed answers about gender, or none." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_form_offers_gender_with_its_privacy_note(client, public_session):
    html = client.get(public_session.url).content.decode()
    assert '<select id="reg-gender" name="gender"' in html
    assert "used only to count participants by gender in anonymous statistics" in html
