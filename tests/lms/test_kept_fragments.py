"""The site's frame rendered once per language ({% keep %} in lms_tags, issue 16): the header
and footer are the same for everyone reading in one language, except the request's CSRF token
and what the tag leaves outside (the unread notifications, the language links)."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from lms.services import notification_create
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_each_request_gets_its_own_csrf_token_in_the_kept_sign_out_form(client, learner):
    from django.middleware.csrf import _unmask_cipher_token

    client.force_login(learner)
    first = client.get("/en/learn/").content.decode()
    client.cookies.clear()
    client.force_login(learner)
    second = client.get("/en/learn/").content.decode()
    tokens = [TOKEN.search(_header(html)).group(1) for html in (first, second)]
    assert "lms-kept-csrf-token" not in first + second
    # Two sessions, two secrets: the kept form carries each request's own token.
    assert _unmask_cipher_token(tokens[0]) != _unmask_cipher_token(tokens[1])


def test_signed_in_and_visitor_headers_differ_and_follow_the_language(client, learner):
    visitor = _header(client.get("/fr/").content.decode())
    assert "Se connecter" in visitor
    client.force_login(learner)
    french = _header(client.get("/fr/").content.decode())
    english = _header(client.get("/en/").content.decode())
    assert 'href="/fr/learn/"' in french and 'href="/en/learn/"' in english
    assert "My learning" in english and "My learning" not in french
    assert "csrfmiddlewaretoken" not in visitor and "csrfmiddlewaretoken" in french


def test_the_unread_count_beside_the_kept_links_is_the_persons_own(client, learner):
    other = factories.make_learner()
    notification_create(recipient=learner, kind="test", params={})
    client.force_login(learner)
    assert "1 unread" in _header(client.get("/en/").content.decode())
    client.force_login(other)
    assert "unread" not in _header(client.get("/en/").content.decode())


def test_a_changed_site_name_is_not_served_from_an_older_fragment(client, settings):
    before = _header(client.get("/en/").content.decode())
    settings.WAGTAIL_SITE_NAME = "Academia de Prueba"
    after = _header(client.get("/en/").content.decode())
    assert "Academia de Prueba" not in before and "Academia de Prueba" in after


def test_vary_values_keep_one_fragment_each():
    page = Template('{% load lms_tags %}{% keep "test-vary" flag %}[{{ flag }}]{% endkeep %}')
    request = RequestFactory().get("/")
    with translation.override("en"):
        assert page.render(Context({"flag": True, "request": request})) == "[True]"
        assert page.render(Context({"flag": False, "request": request})) == "[False]"
        # Kept: what else the context holds is not looked at again.
        assert page.render(Context({"flag": True, "other": 1})) == "[True]"


def test_a_kept_page_url_follows_a_renamed_page(client, learner, catalog):
    """{% page_url %} keeps a page's URL per generation: a rename (a publish) shows at once."""
    from courses.models import LessonPage

    course = factories.make_course(index=catalog, modules=1, lessons=1, title="Phones")
    factories.make_enrolment(learner=learner, course=course)
    client.force_login(learner)
    assert f'href="{course.url}"' in client.get("/en/learn/").content.decode()
    course.slug = "phones-renamed"
    course.save_revision().publish()
    course.refresh_from_db()
    html = client.get("/en/learn/").content.decode()
    assert f'href="{course.url}"' in html and "phones-renamed" in course.url
    lesson = LessonPage.objects.descendant_of(course).get()
    assert "phones-renamed" in lesson.url


def test_language_links_of_a_view_are_worked_out_once_per_path(client, learner, monkeypatch):
    from lms.templatetags import lms_tags

    client.force_login(learner)
    client.get("/en/learn/")
    calls = []
    real = lms_tags.translate_url
    monkeypatch.setattr(lms_tags, "translate_url", lambda *a: calls.append(a) or real(*a))
    html = client.get("/en/learn/").content.decode()
    assert 'href="/fr/learn/" hreflang="fr"' in html
    assert calls == []


MERGE = re.compile(r'data-open-progress-merge="([^"]+)" data-csrf="([^"]+)"')


def test_the_kept_progress_merge_carries_each_requests_token_and_its_languages_address(
    client, learner
):
    from django.middleware.csrf import _unmask_cipher_token

    client.force_login(learner)
    english = MERGE.search(client.get("/en/learn/").content.decode())
    client.cookies.clear()
    client.force_login(learner)
    french = MERGE.search(client.get("/fr/learn/").content.decode())
    assert (english.group(1), french.group(1)) == (
        "/en/learn/open-progress/",
        "/fr/learn/open-progress/",
    )
    assert _unmask_cipher_token(english.group(2)) != _unmask_cipher_token(french.group(2))
