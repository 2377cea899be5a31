"""The classroom node's trainer signs in with a password and a TOTP code, with no network."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from classroom import services
from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def code_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_node_trainer_signs_in_with_the_printed_secret_and_reaches_the_marking_queue(
    classroom_world, client
):
    trainer = services.node_trainer_create(course=classroom_world["course"])
    assert trainer.totp_uri.startswith("otpauth://totp/")
    assert f"secret={trainer.totp_secret}" in trainer.totp_uri
    assert len(trainer.recovery_codes) >= 5
    response = client.post(
        "/en/accounts/login/?next=/admin/",
        {"login": trainer.email, "password": trainer.password},
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    client.post("/en/accounts/2fa/authenticate/", {"code": code_now(trainer.totp_secret)})
    assert client.session["_auth_user_id"] == str(trainer.user.pk)
    assert client.get(reverse("assessments_marking")).status_code == 200


def test_the_node_trainer_trains_the_course(classroom_world):
    trainer = services.node_trainer_create(course=classroom_world["course"])
    course = CoursePage.objects.get(pk=classroom_world["course"].pk)
    assert list(course.trainers.all()) == [trainer.user]


def test_a_recovery_code_replaces_a_lost_phone(classroom_world, client):
    trainer = services.node_trainer_create(course=classroom_world["course"])
    client.post("/en/accounts/login/", {"login": trainer.email, "password": trainer.password})
    client.post("/en/accounts/2fa/authenticate/", {"code": trainer.recovery_codes[0]})
    assert client.session["_auth_user_id"] == str(trainer.user.pk)
