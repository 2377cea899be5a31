"""Horizontal bar charts drawn as SVG on the server: geometry here, markup in a template.

Each chart is an image with a title and a description for screen readers, and always sits
beside the table that gives its figures, so nobody needs to read the bars. Pure code.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.tables import ChartData, Suppressed, Table

WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 70
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
BAR_HEIGHT = 14
BAR_GAP = 2
GROUP_GAP = 12
LEGEND_HEIGHT = 28
LABEL_CHARACTERS = 32
SERIES_CLASSES = ["report-bar-a", "report-bar-b"]


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    css_class: str
    value_text: str
    value_x: int
    value_y: int


@dataclass(frozen=True)
class Label:
    text: str
    full_text: str
    x: int
    y: int


@dataclass(frozen=True)
class LegendItem:
    text: str
    css_class: str
    x: int


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]
    legend: list[LegendItem]


def bar_chart(table: Table) -> BarChart | None:
    """The chart of ``table``, or None when it has nothing to draw."""
    data = table.chart
    if data is None or not data.categories:
        return None
    numbers = [v for _label, values in data.categories for v in values if _is_number(v)]
    largest = 100.0 if data.unit == "%" else float(max(numbers, default=0) or 1)
    group_height = len(data.series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    bars, labels = [], []
    for n, (label, values) in enumerate(data.categories):
        top = LEGEND_HEIGHT + n * group_height
        labels.append(
            Label(
                text=_shorten(label),
                full_text=label,
                x=LABEL_WIDTH - 8,
                y=top + (group_height - GROUP_GAP) // 2 + 4,
            )
        )
        for s, value in enumerate(values):
            y = top + s * (BAR_HEIGHT + BAR_GAP)
            width = round(float(value) * BAR_AREA / largest) if _is_number(value) else 0
            width = max(width, 1) if _is_number(value) and value > 0 else width
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    css_class=SERIES_CLASSES[s % len(SERIES_CLASSES)],
                    value_text=_value_text(value, data.unit),
                    value_x=LABEL_WIDTH + width + 4,
                    value_y=y + BAR_HEIGHT - 3,
                )
            )
    legend = [
        LegendItem(text=name, css_class=SERIES_CLASSES[s % len(SERIES_CLASSES)], x=s * 300)
        for s, name in enumerate(data.series)
    ]
    return BarChart(
        key=table.key,
        title=table.title,
        description=_description(data),
        width=WIDTH,
        height=LEGEND_HEIGHT + len(data.categories) * group_height,
        bars=bars,
        labels=labels,
        legend=legend,
    )


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value_text(value, unit: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, Suppressed):
        return str(value)
    return f"{value}{unit}"


def _shorten(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _description(data: ChartData) -> str:
    count = len(data.categories)
    parts = [
        ngettext(
            "Bar chart of %(series)s, for %(count)s row.",
            "Bar chart of %(series)s, for each of %(count)s rows.",
            count,
        )
        % {"series": " / ".join(data.series), "count": count}
    ]
    if data.omitted:
        parts.append(
            ngettext(
                "%(omitted)s more row is in the table but not in the chart.",
                "%(omitted)s more rows are in the table but not in the chart.",
                data.omitted,
            )
            % {"omitted": data.omitted}
        )
    if any(isinstance(v, Suppressed) for _label, values in data.categories for v in values):
        parts.append(_("Counts too small to publish are not drawn."))
    parts.append(_("The table after the chart gives every figure."))
    return " ".join(parts)
