"""Counts of fewer than LMS_REPORT_SUPPRESS_BELOW people are shown as "<5", on the page too."""

import pytest
from django.test import override_settings

from reports.tables import Suppressed, suppress

URL = "/admin/reports/programme/"


@pytest.mark.parametrize(
    ("count", "below", "shown"),
    [(0, 5, "0"), (1, 5, "<5"), (4, 5, "<5"), (5, 5, "5"), (4, 0, "4"), (2, 3, "<3")],
)
def test_suppress_hides_one_to_below_minus_one(count, below, shown):
    assert str(suppress(count, below)) == shown


def test_a_suppressed_count_is_not_a_number():
    assert isinstance(suppress(3, 5), Suppressed)


@pytest.mark.django_db
def test_the_page_suppresses_small_cells_by_default(manager_client, programme):
    html = manager_client.get(URL).content.decode()
    assert "counts of fewer than 5 people are shown as &lt;5" in html
    assert '<th scope="row">Portugal</th><td class="report-number">&lt;5</td>' in html
    assert '<th scope="row">Practitioners enrolled</th><td class="report-number">6</td>' in html
    # The chart draws no bar for a suppressed count, and says so.
    chart = html.split('id="report-country"')[1].split("</svg>")[0]
    assert 'width="0"' in chart and "Counts too small to publish are not drawn." in chart


@pytest.mark.django_db
@override_settings(LMS_REPORT_SUPPRESS_BELOW=0)
def test_zero_turns_suppression_off(manager_client, programme):
    html = manager_client.get(URL).content.decode()
    assert "&lt;5" not in html and "counts of fewer than" not in html
    assert '<th scope="row">Portugal</th><td class="report-number">2</td>' in html


@pytest.mark.django_db
@override_settings(LMS_REPORT_SUPPRESS_BELOW=3)
def test_the_threshold_is_a_setting(manager_client, programme):
    html = manager_client.get(URL).content.decode()
    assert '<th scope="row">Portugal</th><td class="report-number">&lt;3</td>' in html
    summary = html.split('id="report-summary"')[1].split("</section>")[0]
    assert '<th scope="row">Practitioners who completed</th><td class="report-number">4</td>' in (
        summary
    )
