"""The academy's logo, favicon, header and footer on every page."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

LANGUAGES = {
    "en": ("Verify a certificate", "Main menu"),
    "fr": ("Vérifier un certificat", "Menu principal"),
    "pt": ("Verificar um certificado", "Menu principal"),
    "es": ("Verificar un certificado", "Menú principal"),
}


def test_the_header_logo_links_home_and_is_named_by_the_academys_name(client, home_pages):
    html = client.get("/en/").content.decode()
    brand = re.search(r'<a class="brand" href="/en/">(.*?)</a>', html, re.S).group(1)
    # The emblem is decorative; the link's name is the wordmark beside it.
    assert re.search(r'<svg class="brand-mark"[^>]*aria-hidden="true"', brand)
    assert '<span class="brand-name">Cybercrime Academy</span>' in brand


def test_the_favicon_is_an_svg_with_an_ico_for_older_browsers(client, home_pages):
    html = client.get("/en/").content.decode()
    assert re.search(
        r'<link rel="icon" href="/static/lms/favicon.svg" type="image/svg\+xml">', html
    )
    assert '<link rel="icon" href="/static/lms/favicon.ico" sizes="32x32">' in html
    with open(finders.find("lms/favicon.ico"), "rb") as handle:
        assert handle.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_the_logo_file_has_an_accessible_name():
    with open(finders.find("lms/logo.svg"), encoding="utf-8") as handle:
        svg = handle.read()
    assert 'role="img"' in svg and 'aria-labelledby="logo-title"' in svg
    assert '<title id="logo-title">Cybercrime Academy</title>' in svg


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_and_footer_link_the_catalog_and_certificate_verification(
    client, home_pages, language
):
    verify, menu = LANGUAGES[language]
    html = client.get(f"/{language}/").content.decode()
    assert f'<nav class="site-nav main-nav" aria-label="{menu}">' in html
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="/{language}/verify/">{verify}</a>' in footer
    assert f'<a href="/{language}/">' in footer


def test_the_footer_offers_my_learning_only_when_signed_in(client, home_pages, learner):
    footer = client.get("/en/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert "/en/learn/" not in footer
    client.force_login(learner)
    footer = client.get("/en/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert '<a href="/en/learn/">My learning</a>' in footer
