"""Sign-up with verification, profiles, sessions and the one login path."""

import re
from contextlib import contextmanager
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

from lms import services
from lms.middleware import SESSION_AUTHENTICATED_AT, SESSION_SEEN_AT
from lms.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "email": "kofi@example.org",
    "password1": "a-long-and-unusual-passphrase-7",
    "password2": "a-long-and-unusual-passphrase-7",
    "given_name": "Kofi",
    "family_name": "Mensah",
    "country": "GH",
    "agency_type": "fiu",
    "job_title": "Analyst",
    "preferred_language": "fr",
    "gender": "",
}

PROFILE = {
    "given_name": "Ana",
    "family_name": "Silva",
    "country": "PT",
    "agency_type": "police",
    "preferred_language": "en",
}


@pytest.mark.engine_sensitive
def test_signup_creates_the_profile_and_sends_a_verification_email(client, home_pages):
    response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="kofi@example.org")
    assert (profile.country.code, profile.agency_type, profile.preferred_language) == (
        "GH",
        "fiu",
        "fr",
    )
    assert not EmailAddress.objects.get(email="kofi@example.org").verified
    assert len(mail.outbox) == 1
    assert "kofi@example.org" in mail.outbox[0].to


def test_the_sign_up_page_has_no_inline_style_for_the_policy_to_block(client, home_pages):
    """allauth hides its honeypot field with a style attribute, which the content security
    policy (style-src 'self') blocks; the site's style sheet hides its wrapper instead."""
    html = client.get("/en/accounts/signup/").content.decode()
    assert 'name="website"' in html
    assert "style=" not in html


def test_email_must_be_verified_before_signing_in(client, home_pages):
    client.post("/en/accounts/signup/", SIGNUP)
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert "_auth_user_id" not in client.session
    assert response["Location"].endswith("/accounts/confirm-email/")


def test_confirming_the_email_lets_the_person_sign_in(client, home_pages):
    client.post("/en/accounts/signup/", SIGNUP)
    link = re.search(r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    client.post(link.group(1))
    assert EmailAddress.objects.get(email="kofi@example.org").verified
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response["Location"].startswith("/fr/")
    assert client.session["_auth_user_id"]


@pytest.mark.engine_sensitive
def test_signup_with_a_known_email_does_not_reveal_the_account(client, home_pages):
    factories.make_user(email="taken@example.org")
    new = client.post("/en/accounts/signup/", {**SIGNUP, "email": "fresh@example.org"})
    client.logout()
    known = client.post("/en/accounts/signup/", {**SIGNUP, "email": "taken@example.org"})
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert User.objects.filter(email="taken@example.org").count() == 1


def test_signup_with_bad_input_shows_errors_and_creates_nothing(client, home_pages):
    response = client.post(
        "/fr/accounts/signup/", {**SIGNUP, "email": "not-an-email", "country": "XX"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(email="not-an-email").exists()


def test_password_reset_for_an_unknown_email_looks_the_same(client, home_pages):
    factories.make_user(email="known@example.org")
    known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_profile_form_saves_through_the_service(learner_client, learner, home_pages):
    response = learner_client.post(
        "/en/accounts/profile/",
        {
            "given_name": "Maria José",
            "family_name": "d'Almeida",
            "country": "AO",
            "agency_type": "judiciary",
            "job_title": "Judge",
            "preferred_language": "pt",
            "gender": "declined",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.profile.family_name == "d'Almeida"
    assert learner.profile.gender == "declined"
    assert learner.last_name == "d'Almeida"


def test_profile_form_rejects_bad_input_and_changes_nothing(learner_client, learner, home_pages):
    response = learner_client.post(
        "/pt/accounts/profile/",
        {"given_name": "", "family_name": "X", "country": "ZZ", "agency_type": "spy"},
    )
    assert response.status_code == 400
    assert "Este campo é obrigatório." in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.given_name == "Ana"


def test_the_profile_form_saves_the_time_zone(learner_client, learner, home_pages):
    response = learner_client.post(
        "/en/accounts/profile/", {**PROFILE, "time_zone": "America/Sao_Paulo"}
    )
    assert response.status_code == 302
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "America/Sao_Paulo"


def test_the_profile_form_refuses_an_unknown_time_zone_and_changes_nothing(
    learner_client, learner, home_pages
):
    services.profile_update(user=learner, time_zone="Africa/Dakar")
    response = learner_client.post("/fr/accounts/profile/", {**PROFILE, "time_zone": "Mars/Base"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide." in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.time_zone == "Africa/Dakar"


def test_profile_next_cannot_leave_the_site(learner_client, home_pages):
    data = {**PROFILE, "next": "https://evil.example/"}
    response = learner_client.post("/en/accounts/profile/", data)
    assert response["Location"] == "/en/accounts/profile/"


def test_logout_ends_the_session_on_the_server(client, home_pages):
    factories.make_user(email="out@example.org")
    client.post(
        "/en/accounts/login/", {"login": "out@example.org", "password": factories.PASSWORD}
    )
    session_key = client.session.session_key
    client.post("/en/accounts/logout/")
    assert not Session.objects.filter(session_key=session_key).exists()


@pytest.mark.engine_sensitive
def test_deactivation_ends_every_session(client, home_pages):
    user = factories.make_user(email="gone@example.org")
    client.post(
        "/en/accounts/login/", {"login": "gone@example.org", "password": factories.PASSWORD}
    )
    client.get("/en/accounts/profile/")  # allauth records the session on a request
    session_key = client.session.session_key
    services.user_deactivate(user=user)
    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/en/accounts/profile/").status_code == 302


def _age_session(client, key, seconds):
    session = client.session
    session[key] = timezone.now().timestamp() - seconds
    session.save()


def test_idle_session_is_ended(learner_client, home_pages):
    learner_client.get("/en/accounts/profile/")
    _age_session(learner_client, SESSION_SEEN_AT, settings.LMS_SESSION_IDLE_SECONDS + 5)
    response = learner_client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_session_past_its_absolute_lifetime_is_ended_even_when_active(learner_client, home_pages):
    learner_client.get("/en/accounts/profile/")
    _age_session(learner_client, SESSION_AUTHENTICATED_AT, settings.SESSION_COOKIE_AGE + 5)
    response = learner_client.get("/en/accounts/profile/")
    assert response.status_code == 302


def test_active_session_within_limits_stays(learner_client, home_pages):
    learner_client.get("/en/accounts/profile/")
    _age_session(learner_client, SESSION_SEEN_AT, 120)
    assert learner_client.get("/en/accounts/profile/").status_code == 200


def test_failed_logins_are_rate_limited(client, home_pages):
    factories.make_user(email="target@example.org")
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": "target@example.org", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.org", "password": factories.PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_wagtail_login_url_goes_to_allauth(client, home_pages):
    factories.make_user(email="staff@example.org")
    response = client.post(
        "/admin/login/?next=/admin/pages/",
        {"username": "staff@example.org", "password": factories.PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert "_auth_user_id" not in client.session


def test_new_user_gets_a_profile(db):
    user = User.objects.create_user(username="plain", email="plain@example.org")
    assert Profile.objects.filter(user=user).exists()


def test_signup_form_asks_for_credentials_first_and_hides_the_honeypot(client, home_pages):
    html = client.get("/pt/accounts/signup/").content.decode()
    positions = [html.index(f'name="{name}"') for name in ("email", "password1", "given_name")]
    assert positions == sorted(positions)
    assert '<div class="hp" aria-hidden="true">' in html
    assert '<option value="pt" selected>' in html  # the page's language is the default


def test_a_filled_honeypot_creates_no_account(client, home_pages):
    client.post("/en/accounts/signup/", {**SIGNUP, "website": "http://spam.example/"})
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_choosing_another_language_in_the_profile_switches_to_it(learner_client, home_pages):
    data = {**PROFILE, "preferred_language": "es"}
    response = learner_client.post("/en/accounts/profile/", data, follow=True)
    assert response.redirect_chain[-1][0] == "/es/accounts/profile/"
    assert "Su perfil se ha guardado." in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_password_reset_link_sets_a_new_password(client, home_pages):
    factories.make_user(email="forgot@example.org")
    client.post("/en/accounts/password/reset/", {"email": "forgot@example.org"})
    link = re.search(r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    new = "another-long-passphrase-99"
    client.post(form_url, {"password1": new, "password2": new})
    assert client.login(username="forgot@example.org", password=new)
    # The link cannot be used a second time.
    client.logout()
    assert client.get(link.group(1), follow=True).context["token_fail"]


@pytest.mark.engine_sensitive
def test_profile_page_query_count_is_fixed(
    learner_client, home_pages, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert learner_client.get("/en/accounts/profile/").status_code == 200


@pytest.mark.engine_sensitive
def test_changing_the_email_asks_for_the_password_again_then_verifies_the_new_address(
    client, home_pages
):
    factories.make_user(email="old@example.org")
    client.post(
        "/en/accounts/login/", {"login": "old@example.org", "password": factories.PASSWORD}
    )
    mail.outbox.clear()
    change = {"action_add": "", "email": "new@example.org"}
    response = client.post("/en/accounts/email/", change)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="new@example.org").exists()
    client.post(response["Location"], {"password": factories.PASSWORD})
    client.post("/en/accounts/email/", change)
    assert any("new@example.org" in message.to for message in mail.outbox)
    assert not EmailAddress.objects.get(email="new@example.org").verified
    assert User.objects.filter(email="old@example.org").exists()  # until the new one is verified


@contextmanager
def _counting_password_hashes():
    """Count the passwords hashed: the expensive step an attacker would time."""
    hasher = get_hasher()
    calls = []
    original = type(hasher).encode

    def encode(self, password, salt, *args, **kwargs):
        calls.append(password)
        return original(self, password, salt, *args, **kwargs)

    with mock.patch.object(type(hasher), "encode", encode):
        yield calls


def _after_redirect(client, response) -> str:
    """The page the browser lands on, with the address itself taken out."""
    html = client.get(response["Location"]).content.decode()
    return re.sub(r"[\w.+-]+@example\.org", "EMAIL", html)


def test_signup_does_the_same_work_whether_or_not_the_email_is_known(client, home_pages):
    factories.make_user(email="taken@example.org")
    with _counting_password_hashes() as hashed_new:
        new = client.post("/en/accounts/signup/", {**SIGNUP, "email": "fresh@example.org"})
    new_page, new_mails = _after_redirect(client, new), len(mail.outbox)
    client.logout()
    mail.outbox.clear()
    with _counting_password_hashes() as hashed_known:
        known = client.post("/en/accounts/signup/", {**SIGNUP, "email": "taken@example.org"})
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    assert new_page == _after_redirect(client, known)
    assert len(hashed_new) == len(hashed_known) == 1
    assert new_mails == len(mail.outbox) == 1


def test_login_does_the_same_work_whether_or_not_the_email_is_known(client, home_pages):
    factories.make_user(email="known@example.org")
    answers = []
    for email in ("known@example.org", "nobody@example.org"):
        with _counting_password_hashes() as hashed:
            response = client.post("/en/accounts/login/", {"login": email, "password": "wrong"})
        html = re.sub(r'value="[^"]{64}"', "TOKEN", response.content.decode())  # CSRF token
        html = html.replace(email, "EMAIL")
        answers.append((response.status_code, len(hashed), html))
    assert answers[0] == answers[1]
    assert answers[0][:2] == (200, 1)


def test_password_reset_does_the_same_work_whether_or_not_the_email_is_known(client, home_pages):
    factories.make_user(email="known@example.org")
    answers = []
    for email in ("known@example.org", "nobody@example.org"):
        mail.outbox.clear()
        with _counting_password_hashes() as hashed:
            response = client.post("/en/accounts/password/reset/", {"email": email})
        answers.append((response.status_code, response["Location"], len(hashed), len(mail.outbox)))
    assert answers[0] == answers[1]
    assert answers[0][3] == 1


@pytest.mark.parametrize("email", ["fresh@example.org", "taken@example.org"])
def test_account_mails_leave_in_a_background_task(client, home_pages, settings, email):
    """Mail delivery (an SMTP round trip) happens after the answer, on either path."""
    from django_tasks import default_task_backend

    factories.make_user(email="taken@example.org")
    mail.outbox.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.post("/en/accounts/signup/", {**SIGNUP, "email": email})
    assert response.status_code == 302
    assert mail.outbox == []
    queued = [result.task.name for result in default_task_backend.results]
    assert queued == ["mail_send_task"]
    result = default_task_backend.results[0]
    result.task.call(*result.args, **result.kwargs)
    assert mail.outbox[0].to == [email]


ATTACKER = {"REMOTE_ADDR": "203.0.113.66"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


def test_failed_logins_from_another_address_do_not_lock_the_owner_out(client, home_pages):
    factories.make_user(email="owner@example.org")
    for _attempt in range(8):
        client.post(
            "/en/accounts/login/", {"login": "owner@example.org", "password": "guess"}, **ATTACKER
        )
    refused = client.post(
        "/en/accounts/login/",
        {"login": "owner@example.org", "password": factories.PASSWORD},
        **ATTACKER,
    )
    assert "_auth_user_id" not in client.session  # the attacker's address is still limited
    assert refused.status_code in (200, 429)
    client.cookies.clear()
    client.post(
        "/en/accounts/login/",
        {"login": "owner@example.org", "password": factories.PASSWORD},
        **OWNER,
    )
    assert client.session["_auth_user_id"]


def test_an_owner_locked_out_on_their_own_address_gets_back_in_by_password_reset(
    client, home_pages
):
    factories.make_user(email="owner@example.org")
    for _attempt in range(5):
        client.post(
            "/en/accounts/login/", {"login": "owner@example.org", "password": "typo"}, **OWNER
        )
    client.post("/en/accounts/password/reset/", {"email": "owner@example.org"}, **OWNER)
    link = re.search(
        r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[-1].body
    )
    form_url = client.get(link.group(1), **OWNER)["Location"]
    new = "a-fresh-and-unusual-passphrase-3"
    client.post(form_url, {"password1": new, "password2": new}, **OWNER)
    client.post("/en/accounts/login/", {"login": "owner@example.org", "password": new}, **OWNER)
    assert client.session["_auth_user_id"]


REFUSED_IN_NAMES = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200b", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad",  # invisible format
    "\u0007", "\n",  # control characters
]  # fmt: skip


# Each character once, the four languages taking turns (every character and every language's
# message are checked without the 68 combinations).
@pytest.mark.parametrize(
    ("character", "language"),
    [(c, ("en", "fr", "pt", "es")[n % 4]) for n, c in enumerate(REFUSED_IN_NAMES)],
)
def test_the_printed_name_refuses_invisible_and_direction_characters(
    learner_client, learner, home_pages, character, language
):
    name = f"Ana Silva{character}avliS anA"
    data = {**PROFILE, "preferred_language": language, "certificate_name": name}
    response = learner_client.post(f"/{language}/accounts/profile/", data)
    assert response.status_code == 400
    said = {
        "en": "invisible or text-direction character",
        "fr": "caractère invisible ou de sens d&#x27;écriture",
        "pt": "carácter invisível ou de direção do texto",
        "es": "carácter invisible o de dirección del texto",
    }[language]
    assert f"{said} (U+{ord(character):04X})" in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.certificate_name == ""


def test_the_printed_name_keeps_accents_apostrophes_and_other_scripts(
    learner_client, learner, home_pages
):
    name = "María José d'Ávila Ñúñez – محمد علي – मोहन\u200dलाल"
    response = learner_client.post("/en/accounts/profile/", {**PROFILE, "certificate_name": name})
    assert response.status_code == 302
    learner.profile.refresh_from_db()
    assert learner.profile.certificate_name == name
