"""Staff cannot reach the admin without two-factor authentication."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings

from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


def current_code(secret: str = factories.TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("role", [roles.TRAINER, roles.LEAD_TRAINER, roles.COORDINATOR])
def test_staff_without_totp_are_sent_to_set_it_up(client, home_pages, role):
    client.force_login(factories.make_staff(role=role))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_superuser_without_totp_is_sent_to_set_it_up(client, home_pages):
    user = factories.make_user()
    user.is_superuser = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/pages/")["Location"] == "/en/accounts/2fa/totp/activate/"


def test_staff_with_totp_reach_the_admin(client, home_pages):
    client.force_login(factories.make_staff(with_totp=True))
    response = client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "This area is for staff"),
        ("fr", "Cet espace est réservé au personnel"),
        ("pt", "Esta área é reservada ao pessoal"),
        ("es", "Esta área está reservada al personal"),
    ],
)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_learner_who_opens_the_admin_gets_a_translated_refusal_not_a_loop(
    client, home_pages, language, heading, path
):
    client.force_login(factories.make_learner())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # Before this refusal the admin sent a signed-in learner to the login page, which sent
    # them back to the admin: follow=True raised RedirectCycleError.
    response = client.get(path, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    html = response.content.decode()
    assert heading in html
    assert f'href="/{language}/learn/"' in html


def test_anonymous_admin_visit_goes_to_the_allauth_login(client, home_pages):
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/login/?next=/admin/"


def test_login_of_staff_with_totp_asks_for_the_code(client, home_pages):
    factories.make_staff(email="coach@example.org", with_totp=True)
    response = client.post(
        "/en/accounts/login/?next=/admin/",
        {"login": "coach@example.org", "password": factories.PASSWORD},
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": current_code()})
    assert client.session["_auth_user_id"]
    assert client.get("/admin/").status_code == 200


def test_a_totp_code_cannot_be_used_twice(client, home_pages):
    factories.make_staff(email="twice@example.org", with_totp=True)
    code = current_code()
    client.post(
        "/en/accounts/login/", {"login": "twice@example.org", "password": factories.PASSWORD}
    )
    client.post("/en/accounts/2fa/authenticate/", {"code": code})
    client.post("/en/accounts/logout/")
    client.post(
        "/en/accounts/login/", {"login": "twice@example.org", "password": factories.PASSWORD}
    )
    client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" not in client.session


def test_totp_code_command_prints_the_current_code(home_pages, settings, capsys):
    from django.core.management import call_command

    settings.DEBUG = True
    factories.make_staff(email="demo-staff@example.org", with_totp=True)
    call_command("totp_code", "demo-staff@example.org")
    assert capsys.readouterr().out.strip() == current_code()


def test_totp_code_command_refuses_without_debug(home_pages):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    factories.make_staff(email="prod-staff@example.org", with_totp=True)
    with pytest.raises(CommandError):
        call_command("totp_code", "prod-staff@example.org")


def test_a_password_reset_does_not_skip_the_second_factor(client, home_pages):
    import re

    from django.core import mail

    factories.make_staff(email="reset-staff@example.org", with_totp=True)
    client.post("/en/accounts/password/reset/", {"email": "reset-staff@example.org"})
    link = re.search(r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    new = "a-fresh-staff-passphrase-31"
    client.post(form_url, {"password1": new, "password2": new})
    response = client.post(
        "/en/accounts/login/", {"login": "reset-staff@example.org", "password": new}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
