"""The admin's avatar is our own static file: never Gravatar, never an upload that could be
missing, so no admin page shows a broken image or sends a request to another site."""

import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.users.models import UserProfile

from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(user)
    client.user = user
    return client


def _avatar_urls(html: str) -> set[str]:
    urls = set(re.findall(r'"avatarUrl": "([^"]+)"', html))
    urls |= set(re.findall(r'<span\s+class="avatar[^"]*".*?<img src="([^"]+)"', html, re.S))
    return urls


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/"])
def test_the_avatar_is_served_from_our_own_static_files(staff_client, url):
    html = staff_client.get(url).content.decode()

    urls = _avatar_urls(html)
    assert urls == {"/static/lms/avatar.svg"}
    assert "gravatar" not in html.lower()
    assert finders.find("lms/avatar.svg")


def test_an_uploaded_picture_that_may_not_be_served_is_not_shown(staff_client):
    profile = UserProfile.get_for_user(staff_client.user)
    profile.avatar = "avatar_images/missing.png"
    profile.save()

    html = staff_client.get("/admin/").content.decode()

    assert "missing.png" not in html
    assert _avatar_urls(html) == {"/static/lms/avatar.svg"}
