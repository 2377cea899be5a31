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
        response = client.post(
            "/en/accounts/login/",
            {"login": "redirect@example.org", "password": factories.PASSWORD, "next": payload},
        )
        # Resolve the Location as a browser would, then compare origins.
        target = urlsplit(urljoin("http://testserver/en/accounts/login/", response["Location"]))
        if (target.scheme, target.netloc) != ("http", "testserver"):
            off_site.append((payload, response["Location"]))
        # Sign out (ending the session) before the next payload: a session left open would be
        # checked again at every later sign-in (allauth's user sessions), 200 times over.
        client.logout()
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


def _superuser_client(client):
    from tests import factories

    user = factories.make_staff(with_totp=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_admin_carries_a_policy_that_names_no_other_host(client, home_pages, path):
    response = _superuser_client(client).get(path)
    assert response.status_code == 200
    csp = _csp(response)
    # Wagtail 8's admin runs inline scripts and styles, so those two allow 'unsafe-inline';
    # nothing else does, and no source names a host.
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self' 'unsafe-inline'"
    assert csp["style-src"] == "'self' 'unsafe-inline'"
    assert csp["img-src"] == "'self' data: blob:"
    assert csp["connect-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'self'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "http" not in response["Content-Security-Policy"]


def test_admin_pages_load_no_avatar_from_another_host(client, home_pages):
    html = _superuser_client(client).get("/admin/").content.decode()
    assert "gravatar" not in html
    assert 'src="http' not in html
    assert 'src="//' not in html


def test_a_page_preview_may_be_framed_by_the_admin_and_nothing_else(client, home_pages):
    # The editor's live preview panel frames the preview; the page's own policy forbids
    # every frame (frame-ancestors 'none'), which left the panel blank.
    page = home_pages["en"]
    editor = _superuser_client(client)
    # What the panel does: post the form being edited, then load the preview in a frame.
    state = editor.post(
        f"/admin/pages/{page.pk}/edit/preview/", {"title": "Home", "slug": page.slug}
    )
    assert state.json()["is_valid"]
    response = editor.get(f"/admin/pages/{page.pk}/edit/preview/?in_preview_panel=true")
    assert response.status_code == 200
    assert "<title>Home" in response.content.decode()
    csp = _csp(response)
    assert csp["frame-ancestors"] == "'self'"
    assert csp["script-src"] == "'self'"  # still the strict policy of the public page
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert _csp(client.get("/en/"))["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("url", ["/en/", "/fr/accounts/login/", "/favicon.ico", "/admin/"])
def test_every_response_denies_powerful_browser_features(client, home_pages, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_pages_for_a_signed_in_person_are_never_stored_by_a_cache(learner_client, home_pages):
    for url in ("/en/", "/en/accounts/profile/", "/en/learn/"):
        cache_control = learner_client.get(url)["Cache-Control"]
        assert "private" in cache_control
        assert "no-store" in cache_control


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, home_pages):
    assert "no-store" not in client.get("/en/").get("Cache-Control", "")


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_an_oversized_anonymous_post_is_refused_before_it_is_read(client, home_pages, language):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    body = "email=big%40example.org&password1=x&filler=" + "a" * (
        settings.LMS_ANONYMOUS_REQUEST_MAX_BYTES
    )
    response = client.post(
        f"/{language}/accounts/signup/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    with translation.override(language):
        assert translation.gettext("This request is too large.") in response.content.decode()
    assert not get_user_model().objects.filter(email="big@example.org").exists()


def test_a_signed_in_post_past_the_form_limits_is_a_400_not_a_500(learner_client, home_pages):
    from django.conf import settings

    too_many = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    too_big = "given_name=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for body in (too_many, too_big):
        response = learner_client.post(
            "/en/accounts/profile/", body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400


def test_a_form_sent_without_its_fields_is_a_400_not_a_500(client, catalog):
    """A StreamField editor reads its ``-count`` fields directly: an empty POST used to crash."""
    from lms import roles
    from tests import factories

    course = factories.make_course(index=catalog, modules=0)
    factories.make_category(course=course)
    trainer = factories.make_course_trainer(course=course)
    assert trainer.groups.filter(name=roles.TRAINER).exists()
    client.force_login(trainer)
    from assessments.models import Question

    before = Question.objects.count()
    client.raise_request_exception = False
    response = client.post("/admin/snippets/assessments/question/add/", {"title": "x"})
    assert response.status_code == 400
    assert "arrived incomplete" in response.content.decode()
    assert Question.objects.count() == before
