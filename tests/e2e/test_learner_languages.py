"""A practitioner arrives, switches to French, signs in and lands in their own language."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_switches_language_and_signs_in(page, live_server, home_pages):
    factories.make_user(email="officer@example.org", preferred_language="es")

    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Cybercrime Academy")
    # Keyboard first: the skip link is the first stop and leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_server.url}/fr/")
    expect(page.locator("h1")).to_have_text("Académie de la cybercriminalité")
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_role("navigation", name="Compte").get_by_role("link", name="Se connecter").click()
    page.get_by_label("E-mail").fill("officer@example.org")
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()

    # The profile says Spanish, so the person lands on the Spanish home page.
    page.wait_for_url(f"{live_server.url}/es/")
    expect(page.locator("h1")).to_have_text("Academia de Ciberdelincuencia")
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    assert page.js_errors == []
