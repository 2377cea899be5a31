"""Verification answers kept for visitors (certificates.kept, issue 16): served again without
the database, dropped the moment a certificate changes, still rate-limited."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import services, views
from tests import factories
from tests.certificates.signing import signed
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def certificate(course, learner):
    complete(learner, course)
    return signed(
        services.certificate_issue, learner=learner, course=course, name_as_printed="Ana Dias"
    )


@pytest.mark.parametrize("suffix", ["/", ".json", "/credential.json"])
def test_a_verification_answer_is_served_again_without_the_database(client, certificate, suffix):
    path = f"/en/verify/{certificate.code}{suffix}"
    first = client.get(path)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["X-Robots-Tag"] == "noindex, nofollow"


def test_the_page_still_tells_browsers_and_proxies_to_check_again(client, certificate):
    path = f"/en/verify/{certificate.code}/"
    client.get(path)
    again = client.get(path)
    assert "no-cache" in again["Cache-Control"] and "public" not in again["Cache-Control"]
    assert "Cookie" in again["Vary"]


def test_a_revocation_shows_at_once(client, certificate, django_capture_on_commit_callbacks):
    page, data = f"/en/verify/{certificate.code}/", f"/en/verify/{certificate.code}.json"
    for path in (page, data):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="error")
    revoked = client.get(page)
    assert revoked["X-Page-Cache"] == "miss"
    assert "This certificate has been revoked." in revoked.content.decode()
    assert client.get(data).json()["status"] == "revoked"


def test_a_reissue_shows_at_once_with_the_replacement(
    client, certificate, django_capture_on_commit_callbacks
):
    path = f"/en/verify/{certificate.code}/"
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(certificate=certificate, name_as_printed="Ana M. Dias")
    assert f"/verify/{new.code}/" in client.get(path).content.decode()


def test_the_revocation_list_is_kept_and_dropped_on_revocation(
    client, certificate, django_capture_on_commit_callbacks
):
    path = "/en/verify/status/revocation/"
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="error")
    after = client.get(path)
    assert after["X-Page-Cache"] == "miss"
    assert after.json()["proof"] != first.json()["proof"]


def test_public_pages_stay_kept_when_a_certificate_changes(
    client, course, certificate, django_capture_on_commit_callbacks
):
    client.get(course.url)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="error")
    assert client.get(course.url)["X-Page-Cache"] == "hit"


def test_answers_from_the_cache_count_against_the_rate_limit(client, certificate):
    path = f"/en/verify/{certificate.code}/"
    client.get(path)
    for _ in range(views.VERIFY_LIMIT_PER_MINUTE - 1):
        assert client.get(path)["X-Page-Cache"] == "hit"
    assert client.get(path).status_code == 429


def test_the_holder_is_not_served_the_visitors_copy(
    learner_client, certificate, django_capture_on_commit_callbacks
):
    from django.test import Client

    path = f"/en/verify/{certificate.code}/"
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="misconduct")
    visitor = Client()
    visitor.get(path)
    assert visitor.get(path)["X-Page-Cache"] == "hit"
    holder = learner_client.get(path)
    assert "X-Page-Cache" not in holder
    assert "academic misconduct" in holder.content.decode().lower()
    assert "academic misconduct" not in visitor.get(path).content.decode().lower()


def test_a_certificate_past_its_expiry_is_not_kept(client, catalog, learner):
    from django.utils import timezone

    from certificates.models import Certificate

    course = factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_validity_years=2
    )
    complete(learner, course)
    certificate = Certificate.objects.get(learner=learner)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=timezone.now())
    path = f"/en/verify/{certificate.code}/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "miss"
