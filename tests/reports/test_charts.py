"""Bar chart geometry and the tables it is drawn from (pure code, no database)."""

from decimal import Decimal

from reports import charts
from reports.selectors import (
    Breakdown,
    KnowledgeGain,
    ProgrammeReport,
    ReportFilters,
    ReportScope,
    Totals,
)
from reports.tables import CHART_ROWS, ChartData, Column, Suppressed, Table, report_tables


def table(categories, unit="", omitted=0) -> Table:
    return Table(
        key="test",
        title="Test chart",
        description="",
        columns=[Column("Label", numeric=False), Column("A"), Column("B")],
        rows=[],
        chart=ChartData(series=["A", "B"], categories=categories, unit=unit, omitted=omitted),
    )


def report(**kwargs) -> ProgrammeReport:
    totals = Totals(*([0] * 8))
    return ProgrammeReport(
        scope=ReportScope(cohorts=None), filters=ReportFilters(), totals=totals, **kwargs
    )


def test_bars_are_proportional_to_the_largest_value():
    chart = charts.bar_chart(table([("Portugal", [40, 20]), ("Kenya", [10, 0])]))
    widths = [bar.width for bar in chart.bars]
    assert widths == [charts.BAR_AREA, charts.BAR_AREA // 2, charts.BAR_AREA // 4, 0]
    assert [bar.value_text for bar in chart.bars] == ["40", "20", "10", "0"]
    assert [label.text for label in chart.labels] == ["Portugal", "Kenya"]
    assert chart.height == charts.LEGEND_HEIGHT + 2 * (
        2 * (charts.BAR_HEIGHT + charts.BAR_GAP) + charts.GROUP_GAP
    )


def test_a_suppressed_count_draws_no_bar_and_the_description_says_why():
    chart = charts.bar_chart(table([("Brazil", [Suppressed(5), 12])]))
    assert (chart.bars[0].width, chart.bars[0].value_text) == (0, "<5")
    assert "Counts too small to publish are not drawn." in chart.description
    assert "The table after the chart gives every figure." in chart.description


def test_percentages_are_drawn_against_a_hundred():
    chart = charts.bar_chart(table([("Course", [40.0, None])], unit="%"))
    assert chart.bars[0].width == round(0.4 * charts.BAR_AREA)
    assert [bar.value_text for bar in chart.bars] == ["40.0%", "–"]


def test_long_labels_are_shortened_with_the_full_text_kept():
    label = "Online Diploma on Countering Online Child Sexual Exploitation and Abuse"
    chart = charts.bar_chart(table([(label, [1, 1])]))
    assert chart.labels[0].text.endswith("…") and len(chart.labels[0].text) == 32
    assert chart.labels[0].full_text == label


def test_an_empty_table_has_no_chart():
    assert charts.bar_chart(table([])) is None


def test_charts_show_the_first_rows_and_periods_the_latest():
    rows = [Breakdown(label=f"{2000 + n}", enrolled=n + 5, completed=n + 5) for n in range(20)]
    tables = {
        t.key: t for t in report_tables(report(by_year=rows, by_quarter=rows), suppress_below=5)
    }
    assert [label for label, _values in tables["year"].chart.categories][0] == "2000"
    assert [label for label, _values in tables["quarter"].chart.categories][0] == "2008"
    assert len(tables["quarter"].chart.categories) == CHART_ROWS
    assert tables["quarter"].chart.omitted == 20 - CHART_ROWS
    assert "8 more rows are in the table" in charts.bar_chart(tables["quarter"]).description


def test_the_knowledge_gain_chart_compares_course_averages():
    gain = [
        KnowledgeGain("Course", "all cohorts", 12, Decimal("0.4"), Decimal("0.8"), True),
        KnowledgeGain("Course", "Lisbon", 7, Decimal("0.5"), Decimal("0.85")),
        KnowledgeGain("Course", "Maputo", 5, Decimal("0.26"), Decimal("0.73")),
    ]
    knowledge = report_tables(report(knowledge_gain=gain), suppress_below=5)[-1]
    assert knowledge.rows[0] == ["Course", "all cohorts", 12, 40.0, 80.0, 40.0]
    assert knowledge.chart.categories == [("Course", [40.0, 80.0])]
    assert knowledge.chart.unit == "%"


def test_suppressed_rows_of_a_ranked_table_come_alphabetically():
    countries = [
        Breakdown(label="Kenya", enrolled=30, completed=9),
        Breakdown(label="Peru", enrolled=4, completed=3),
        Breakdown(label="Chile", enrolled=2, completed=1),
        Breakdown(label="not stated", enrolled=8, completed=6),
    ]
    rows = {t.key: t for t in report_tables(report(by_country=countries), suppress_below=5)}
    assert [row[0] for row in rows["country"].rows] == ["Kenya", "Chile", "Peru", "not stated"]
