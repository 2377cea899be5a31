"""axe-core finds no WCAG violation on any staff page type (tests/e2e/test_accessibility.py
says what is checked and how; the pages are split so the two browser workers share them)."""

import pytest

from tests.e2e.accessibility import PAGES, check_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_pages_have_no_wcag_violation(browser, live_server, home_pages):
    check_pages(browser, live_server, [p for p in PAGES if p[0] not in (None, "learner")])
