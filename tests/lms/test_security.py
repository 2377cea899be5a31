"""Security headers, the Content-Security-Policy, documents, redirects and error pages."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import translation
from wagtail.documents import get_document_model

from lms.views import server_error
from tests.corpus import open_redirect_payloads, svg_with_script

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, _sep, value = part.strip().partition(" ")
        directives[name] = value
    return directives


@pytest.mark.parametrize("url", ["/en/", "/fr/accounts/login/", "/es/accounts/signup/"])
def test_public_pages_carry_a_strict_content_security_policy(client, home_pages, url):
    csp = _csp(client.get(url))
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in csp.get("script-src", "")
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"


def test_public_pages_carry_the_usual_security_headers(client, home_pages):
    response = client.get("/en/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_load_nothing_from_another_origin(client, home_pages):
    html = client.get("/en/").content.decode()
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("page.html", lambda: b"<script>alert(1)</script>"),
        ("drawing.svg", svg_with_script),
    ],
)
def test_documents_a_browser_could_run_are_served_as_attachments(client, filename, content):
    document = get_document_model().objects.create(
        title=filename, file=ContentFile(content(), name=filename)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_login_never_redirects_off_the_site(client, home_pages):
    from tests import factories

    factories.make_user(email="redirect@example.org")
    payloads = open_redirect_payloads()
    off_site = []
    for payload in payloads:
        client.logout()
        response = client.post(
            "/en/accounts/login/",
            {"login": "redirect@example.org", "password": factories.PASSWORD, "next": payload},
        )
        # Resolve the Location as a browser would, then compare origins.
        target = urlsplit(urljoin("http://testserver/en/accounts/login/", response["Location"]))
        if (target.scheme, target.netloc) != ("http", "testserver"):
            off_site.append((payload, response["Location"]))
        client.cookies.clear()
        cache.clear()  # stay under the login rate limit: this test is about redirects
    assert len(payloads) > 200
    assert off_site == []


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Page not found"),
        ("fr", "Page introuvable"),
        ("pt", "Página não encontrada"),
        ("es", "Página no encontrada"),
    ],
)
def test_not_found_page_is_translated(client, home_pages, language, title):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert title in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_server_error_page_is_translated_and_needs_no_database(
    language, django_assert_max_num_queries
):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_max_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert f'<html lang="{language}">' in response.content.decode()
    with translation.override(language):
        expected = translation.gettext("Something went wrong")
    assert language == "en" or expected != "Something went wrong"
    assert expected in response.content.decode()
