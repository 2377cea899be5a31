"""axe-core finds no WCAG 2.0, 2.1 or 2.2 (A and AA) violation on one page of every kind.

Every learner and public page type and every staff page type is opened at 1280 px and at
375 px wide, and axe-core runs in the page. Each violation is listed with its rule, impact and
the elements it concerns, so a failure says what to fix. The world is the access matrix's:
one course X with its lessons, quiz, attempt, certificate, cohort, application and import
(tests/security/world.py).

While the pages are open, the test also checks what a visitor would notice otherwise: no
image fails to load (such as a broken avatar) and no request leaves the site.

Exclusions (Wagtail's own markup, which our templates cannot change) are listed in
``EXCLUDED`` with the rule and the selector; docs/development.md explains each.
"""

import pytest

from tests.e2e.accessibility import PAGES, check_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_public_and_learner_pages_have_no_wcag_violation(browser, live_server, home_pages):
    check_pages(browser, live_server, [p for p in PAGES if p[0] in (None, "learner")])
