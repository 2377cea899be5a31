"""Language-prefixed URLs, the switcher, and the language a person prefers."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "pt", "es"]
HOME_TITLES = {
    "en": "Cybercrime Academy",
    "fr": "Académie de la cybercriminalité",
    "pt": "Academia de Cibercrime",
    "es": "Academia de Ciberdelincuencia",
}


def test_root_redirects_to_the_browser_language(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-PT,pt;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/pt/"


def test_root_redirects_to_the_remembered_language(client, home_pages):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/es/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_is_served_in_each_language(client, home_pages, language):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert f"<h1>{HOME_TITLES[language]}</h1>" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_on_a_page_links_to_its_translations(client, home_pages, language):
    response = client.get(f"/{language}/")
    for other in LANGUAGES:
        if other != language:
            assert f'href="/{other}/" hreflang="{other}"' in response.content.decode()
    assert response.content.decode().count('aria-current="true"') == 1


def test_switcher_on_a_view_keeps_the_same_view(client, home_pages):
    response = client.get("/fr/accounts/login/")
    html = response.content.decode()
    assert 'href="/en/accounts/login/" hreflang="en"' in html
    assert 'href="/es/accounts/login/" hreflang="es"' in html


def test_switcher_falls_back_to_the_language_home_when_a_page_is_untranslated(client, home_pages):
    from lms.models import HomePage

    english_home = home_pages["en"]
    child = HomePage(title="Only in English", slug="only-english")
    english_home.add_child(instance=child)
    child.save_revision().publish()
    response = client.get(child.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/fr/" hreflang="fr"' in html
    assert 'href="/pt/" hreflang="pt"' in html


@pytest.mark.parametrize(
    "path", ["//evil.example/en/x/", "///evil.example/en/x/", "/\\evil.example/en/x/"]
)
def test_switcher_on_a_not_found_page_never_links_off_the_site(client, home_pages, path):
    # The test client would read "//host/..." as a host, so the path goes in as PATH_INFO.
    response = client.get("/", PATH_INFO=path)
    html = response.content.decode()
    assert response.status_code == 404
    hrefs = re.findall(r'href="([^"]*)" hreflang="([a-z]+)"', html)
    assert sorted(code for _href, code in hrefs) == ["es", "fr", "pt"]
    for href, code in hrefs:
        target = urlsplit(urljoin("http://testserver" + path, href))
        assert (target.scheme, target.netloc) == ("http", "testserver"), href
        assert target.path.startswith(f"/{code}/")


def test_visiting_a_language_remembers_it(client, home_pages):
    response = client.get("/es/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_home_page_query_count_does_not_grow(client, home_pages, django_assert_max_num_queries):
    client.get("/fr/")  # Wagtail caches the site's root paths on the first request
    with django_assert_max_num_queries(10):
        client.get("/fr/")


def test_preferred_language_is_applied_at_login(client, home_pages):
    factories.make_user(email="ines@example.org", preferred_language="pt")
    response = client.post(
        "/en/accounts/login/",
        {"login": "ines@example.org", "password": factories.PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/pt/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"


def test_login_with_next_moves_next_to_the_preferred_language(client, home_pages):
    factories.make_user(email="marc@example.org", preferred_language="fr")
    response = client.post(
        "/en/accounts/login/?next=/en/accounts/email/",
        {"login": "marc@example.org", "password": factories.PASSWORD},
    )
    assert response["Location"] == "/fr/accounts/email/"


def test_login_sends_an_incomplete_profile_to_the_profile_form(client, home_pages):
    factories.make_user(email="new@example.org", country="", agency_type="")
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": factories.PASSWORD}
    )
    assert response["Location"].startswith(reverse("profile"))
    assert "next=%2Fen%2F" in response["Location"]


def test_the_translated_languages_come_from_the_settings_everywhere_they_are_used():
    """One list (lms.i18n), derived from LANGUAGES: the catalog check, the content check and
    the content translation command all read it."""
    from django.conf import settings

    from curriculum import checks
    from curriculum.management.commands import content_po
    from lms import i18n
    from lms.management.commands import check_translations

    assert i18n.SOURCE_LANGUAGE == settings.LANGUAGE_CODE == "en"
    assert i18n.TRANSLATED_LANGUAGES == ("fr", "pt", "es")
    assert [code for code, _name in settings.LANGUAGES] == ["en", *i18n.TRANSLATED_LANGUAGES]
    for module in (checks, content_po, check_translations):
        assert module.TRANSLATED_LANGUAGES is i18n.TRANSLATED_LANGUAGES
