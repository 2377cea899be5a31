"""The project's own admin screens wear Wagtail's header: breadcrumbs, the page title, and
form fields in Wagtail's layout with their labels."""

import re

import pytest
from django.db import transaction
from django.test import Client

from tests.security.world import World, build_world

pytestmark = pytest.mark.django_db

# (who, URL with X's ids, page title, a breadcrumb label before the page, a field label or "")
SCREENS = [
    (
        "trainer",
        "/admin/question-bank/gift/",
        "Import questions (GIFT)",
        "Question bank",
        "GIFT file",
    ),
    ("trainer", "/admin/quiz-results/{quiz}/", "Results: ", "Home", ""),
    ("trainer", "/admin/quiz-results/{quiz}/attempt/{attempt}/", ", attempt 1", "Results: ", ""),
    ("manager", "/admin/reports/programme/", "Programme report", "Home", "Course"),
    ("coordinator", "/admin/certificates/", "Certificates", "Home", ""),
    ("coordinator", "/admin/certificates/course/{course}/", "Course X", "Certificates", "Cohort"),
    ("manager", "/admin/certificates/{certificate_code}/revoke/", "Revoke", "Course X", "Note"),
    (
        "manager",
        "/admin/certificates/course/{course}/in-person/",
        "Record an in-person award",
        "Course X",
        "Event date",
    ),
    ("coordinator", "/admin/certificates/run/{issue_run}/", "Bulk issue", "Course X", ""),
    ("coordinator", "/admin/coordination/applications/", "Applications", "Home", "Status"),
    (
        "coordinator",
        "/admin/coordination/applications/{application}/",
        "Application",
        "Applications",
        "Decision",
    ),
    (
        "coordinator",
        "/admin/coordination/cohorts/{cohort}/members/",
        "Members",
        "Cohorts",
        "Find people by name or e-mail",
    ),
    (
        "coordinator",
        "/admin/coordination/cohorts/{cohort}/import/",
        "Import a CSV",
        "Cohort X",
        "CSV file",
    ),
    (
        "coordinator",
        "/admin/coordination/cohorts/{cohort}/import/{member_import}/",
        "Import report",
        "Import a CSV",
        "",
    ),
    ("manager", "/admin/coordination/assignments/", "Course assignments", "Home", "Coordinator"),
    ("manager", "/admin/coordination/audit/", "Audit log", "Home", "Action"),
    ("coordinator", "/admin/coordination/cohorts/{cohort}/progress/", "Progress", "Cohort X", ""),
]


# Queries per screen, Wagtail's menu and header included (measured with X's world).
QUERY_BUDGETS = {
    "/admin/question-bank/gift/": 19,
    "/admin/quiz-results/{quiz}/": 19,
    "/admin/quiz-results/{quiz}/attempt/{attempt}/": 21,
    "/admin/reports/programme/": 30,
    "/admin/certificates/": 20,
    "/admin/certificates/course/{course}/": 35,
    "/admin/certificates/{certificate_code}/revoke/": 15,
    "/admin/certificates/course/{course}/in-person/": 16,
    "/admin/certificates/run/{issue_run}/": 19,
    "/admin/coordination/applications/": 20,
    "/admin/coordination/applications/{application}/": 24,
    "/admin/coordination/cohorts/{cohort}/members/": 21,
    "/admin/coordination/cohorts/{cohort}/import/": 20,
    "/admin/coordination/cohorts/{cohort}/import/{member_import}/": 21,
    "/admin/coordination/assignments/": 18,
    "/admin/coordination/audit/": 14,
    "/admin/coordination/cohorts/{cohort}/progress/": 31,
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """X's course, cohort, quiz, certificate, application and import (tests/security/world.py),
    built once for the module and rolled back at its end."""
    from django.test import TestCase

    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = build_world()
        yield built
        transaction.set_rollback(True)


def _get(world, who, url, max_queries):
    client = Client()
    client.force_login(getattr(world, who))
    with transaction.atomic():
        client.get(url.format(**world.ids))  # warm the per-process caches first
        with max_queries(QUERY_BUDGETS[url]):
            response = client.get(url.format(**world.ids))
        transaction.set_rollback(True)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(("who", "url", "title", "parent", "label"), SCREENS)
def test_each_project_admin_screen_has_wagtails_header_and_fields_within_its_query_budget(
    world, who, url, title, parent, label, django_assert_max_num_queries
):
    html = _get(world, who, url, django_assert_max_num_queries)

    breadcrumbs = re.search(r'class="w-breadcrumbs.*?</ol>', html, re.S)
    assert breadcrumbs, "no Wagtail breadcrumbs"
    assert parent in breadcrumbs.group(0)
    hidden_h1 = re.search(r'<h1 class="w-sr-only">\s*(.*?)\s*</h1>', html, re.S)
    assert hidden_h1 and title in hidden_h1.group(1)
    assert re.search(r'id="header-title">.*?' + re.escape(title), html, re.S)
    assert "<title>" in html and title in html.split("<title>")[1].split("</title>")[0]
    if label:
        field_label = re.search(
            r'<label class="w-field__label"[^>]*>\s*' + re.escape(label), html, re.I
        )
        assert field_label, f"no Wagtail field label {label!r}"
    # No form laid out as Django's bare paragraphs.
    assert not re.search(r"<p>\s*<label", html)


def test_the_gift_category_choices_name_their_language(world, django_assert_max_num_queries):
    html = _get(world, "trainer", "/admin/question-bank/gift/", django_assert_max_num_queries)

    select = html.split('name="category"')[1].split("</select>")[0]
    options = re.findall(r"<option value=\"\d+\"[^>]*>(.*?)</option>", select)
    assert options and all(option.endswith("(English)") for option in options), options


@pytest.mark.parametrize("language, label", [("fr", "Commentaire"), ("pt", "Comentário")])
def test_a_reviewers_comment_field_is_labelled_in_the_admins_language(language, label):
    """Wagtail's *Request changes* and *Approve with comment* ask for a comment with a form
    whose label was fixed, in English, when Wagtail was imported."""
    from django.utils import translation
    from wagtail.forms import TaskStateCommentForm

    with translation.override(language):
        assert TaskStateCommentForm()["comment"].label == label
