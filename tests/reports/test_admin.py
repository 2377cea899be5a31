"""The report screen in the admin: who reaches it, what it shows, and its charts."""

import pytest
from django.test import override_settings

from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/reports/programme/"


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
@pytest.mark.engine_sensitive
def test_a_programme_manager_sees_the_whole_programme(manager_client, programme):
    html = manager_client.get(URL).content.decode()
    assert "Figures for the whole programme." in html
    for cohort in ("Lisbon intake", "Maputo intake", "Accra intake"):
        assert cohort in html
    assert '<th scope="row">Portugal</th><td class="report-number">2</td>' in html


def test_every_chart_is_an_accessible_image_beside_its_table(manager_client, programme):
    html = manager_client.get(URL).content.decode()
    assert "<script" not in html.split('<div class="report">')[1]
    for key in ("year", "quarter", "course", "cohort", "country", "gender", "knowledge_gain"):
        section = html.split(f'id="report-{key}"')[1].split("</section>")[0]
        assert f'<svg role="img" aria-labelledby="chart-{key}-title chart-{key}-desc"' in section
        assert f'<title id="chart-{key}-title">' in section
        assert f'<desc id="chart-{key}-desc">' in section
        assert "<table" in section


def test_the_admin_menu_offers_the_report_to_coordinators(coordinator_client):
    html = coordinator_client.get("/admin/").content.decode()
    assert "Programme report" in html and URL in html


def test_the_admin_menu_hides_the_report_from_trainers(client, programme):
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    assert URL not in client.get("/admin/").content.decode()


@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
@pytest.mark.engine_sensitive
def test_a_coordinator_sees_only_their_cohorts(coordinator_client, programme):
    html = coordinator_client.get(URL).content.decode()
    assert "Figures for the cohorts you coordinate only." in html
    assert "Lisbon intake" in html
    assert "Maputo intake" not in html and "Accra intake" not in html
    assert "Cryptocurrency tracing" not in html  # not even in the course filter
    assert '<th scope="row">Practitioners enrolled</th><td class="report-number">3</td>' in html


@pytest.mark.parametrize("export", ["", "export.csv", "export.xlsx"])
def test_another_cohorts_id_typed_by_hand_answers_404(coordinator_client, programme, export):
    for parameter in (
        f"cohort={programme.maputo.pk}",
        f"cohort={programme.accra.pk}",
        f"course={programme.course_b.pk}",
        "cohort=999999",
        "cohort=abc",
    ):
        # Django's LocaleMiddleware first redirects an unprefixed 404 to /en/admin/…, which
        # is not found either.
        response = coordinator_client.get(f"{URL}{export}?{parameter}", follow=True)
        assert response.status_code == 404, parameter
        assert b"Lisbon" not in response.content and b"Maputo" not in response.content


def test_a_coordinator_may_filter_on_their_own_cohort(coordinator_client, programme):
    response = coordinator_client.get(f"{URL}?cohort={programme.lisbon.pk}")
    assert response.status_code == 200
    assert "Knowledge gain" in response.content.decode()


@pytest.mark.parametrize("export", ["", "export.csv", "export.xlsx"])
def test_trainers_are_refused(client, programme, export):
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    assert client.get(URL + export).status_code == 403


@pytest.mark.parametrize("export", ["", "export.csv", "export.xlsx"])
def test_learners_never_reach_the_report(client, programme, export):
    client.force_login(programme.learners[0])
    response = client.get(URL + export)
    # The admin refuses people without admin access before our view runs (a 403 page that
    # leads back to their own dashboard, not a loop through the login page).
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, programme):
    response = client.get(URL + "export.csv")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_start_date_after_the_end_date_is_explained(manager_client, programme):
    response = manager_client.get(f"{URL}?date_from=2026-01-01&date_to=2025-01-01")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The start date must not be after the end date." in html
    assert 'id="report-summary"' not in html


def test_an_export_with_bad_dates_goes_back_to_the_form(manager_client, programme):
    response = manager_client.get(f"{URL}export.csv?date_from=2026-01-01&date_to=2025-01-01")
    assert response.status_code == 302
    assert response["Location"].startswith(URL + "?date_from=2026-01-01")


def test_an_unknown_export_format_is_not_found(manager_client, programme):
    assert manager_client.get(URL + "export.pdf", follow=True).status_code == 404


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Rapport du programme", "Gain de connaissances", "Par pays"]),
        ("pt", ["Relatório do programa", "Ganho de conhecimentos", "Por país"]),
        ("es", ["Informe del programa", "Aumento de conocimientos", "Por país"]),
    ],
)
def test_the_report_speaks_the_admin_language(manager_client, manager, programme, language, words):
    from lms.services import profile_update

    # The admin speaks the language of the person's profile (kept in Wagtail's own profile
    # too), whatever language the browser asks for or the public site was last read in.
    profile_update(user=manager, preferred_language=language)
    response = manager_client.get(URL, headers={"accept-language": "en"})
    html = response.content.decode()
    for word in words:
        assert word in html
