"""The programme report as titled tables, with small counts suppressed.

The page, its charts and both exports are drawn from these tables, so what is suppressed on
screen is suppressed in every file too. Pure code: no ORM, no request.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.grading import score_percent
from reports.selectors import Breakdown, KnowledgeGain, ProgrammeReport

CHART_ROWS = 12


@dataclass(frozen=True)
class Suppressed:
    """A count of people too small to publish (1 to ``below`` - 1), shown as "<5"."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass
class ChartData:
    """What a bar chart draws: one bar per series for each category, and what it left out."""

    series: list[str]
    categories: list[tuple[str, list[object]]]
    unit: str = ""
    omitted: int = 0  # categories in the table but not in the chart


@dataclass
class Table:
    key: str
    title: str
    description: str
    columns: list[Column]
    rows: list[list[object]]
    chart: ChartData | None = None

    @property
    def header(self) -> list[str]:
        return [column.label for column in self.columns]


def suppress(count: int, below: int) -> int | Suppressed:
    """``count`` itself, or Suppressed when it is 1 to below - 1 (0 hides nobody)."""
    if below and 0 < count < below:
        return Suppressed(below)
    return count


def percent(fraction: Decimal | None) -> float | None:
    """An average score as a percentage with one decimal, by the one rounding rule."""
    value = score_percent(fraction, places=1)
    return None if value is None else float(value)


def report_tables(report: ProgrammeReport, *, suppress_below: int) -> list[Table]:
    """Every table of the report, in the order the page shows them."""

    def count(value: int) -> int | Suppressed:
        return suppress(value, suppress_below)

    totals = report.totals
    people = [Column(_("Practitioners enrolled")), Column(_("Practitioners who completed"))]

    def breakdown(
        key, title, description, heading, rows: list[Breakdown], latest=False, ranked=False
    ) -> Table:
        columns = [Column(heading, numeric=False), *people]
        cells = [[row.label, count(row.enrolled), count(row.completed)] for row in rows]
        if ranked:
            cells.sort(key=_rank)
        return Table(
            key=key,
            title=title,
            description=description,
            columns=columns,
            rows=cells,
            chart=_chart(cells, columns, [1, 2], latest=latest),
        )

    summary = Table(
        key="summary",
        title=_("Summary"),
        description=_(
            "Enrolments and completions in the period, the practitioners behind them, the "
            "countries they come from, and certificates issued and revoked."
        ),
        columns=[Column(_("Figure"), numeric=False), Column(_("Value"))],
        rows=[
            [_("Enrolments"), count(totals.enrolments)],
            [_("Practitioners enrolled"), count(totals.enrolled)],
            [_("Course completions"), count(totals.completions)],
            [_("Practitioners who completed"), count(totals.completed)],
            [_("Countries of the practitioners enrolled"), totals.countries_enrolled],
            [_("Countries of the practitioners who completed"), totals.countries_completed],
            [_("Certificates issued"), count(totals.certificates_issued)],
            [_("Certificates revoked"), count(totals.certificates_revoked)],
        ],
    )
    tables = [
        summary,
        breakdown(
            "year",
            _("By year"),
            _("Practitioners who enrolled, and who completed a course, in each year."),
            _("Year"),
            report.by_year,
        ),
        breakdown(
            "quarter",
            _("By quarter"),
            _("Practitioners who enrolled, and who completed a course, in each quarter."),
            _("Quarter"),
            report.by_quarter,
            latest=True,
        ),
        breakdown(
            "course",
            _("By course"),
            _("Enrolments against completions for each course."),
            _("Course"),
            report.by_course,
        ),
        breakdown(
            "cohort",
            _("By cohort"),
            _("Enrolments against completions for each cohort."),
            _("Cohort"),
            report.by_cohort,
        ),
        breakdown(
            "delivery",
            _("By delivery mode"),
            _(
                "Online, in an offline classroom (present at least one day on a classroom "
                "laptop, its results imported), or both. Each enrolment counts in one row."
            ),
            _("Delivery mode"),
            report.by_delivery,
        ),
        breakdown(
            "country",
            _("By country"),
            _("By the country in each practitioner's profile."),
            _("Country"),
            report.by_country,
            ranked=True,
        ),
        breakdown(
            "agency_type",
            _("By agency type"),
            _("By the type of agency in each practitioner's profile."),
            _("Agency type"),
            report.by_agency_type,
        ),
        breakdown(
            "job_title",
            _("By job title"),
            _("By the job title each practitioner typed in their profile."),
            _("Job title"),
            report.by_job_title,
            ranked=True,
        ),
        breakdown(
            "gender",
            _("By gender"),
            _(
                "Gender is optional in the profile; people who did not give it are counted as "
                "not stated."
            ),
            _("Gender"),
            report.by_gender,
        ),
        *_live_tables(report, count),
        _certificates_table(report, count),
        _knowledge_gain_table(report.knowledge_gain, suppress_below),
    ]
    return tables


def _live_tables(report: ProgrammeReport, count) -> list[Table]:
    """Live sessions: places taken and attendances by country, affiliation and gender."""
    figures = [Column(_("Places in live sessions")), Column(_("Attendances"))]

    def table(key, title, description, heading, rows) -> Table:
        columns = [Column(heading, numeric=False), *figures]
        cells = [[row.label, count(row.registered), count(row.attended)] for row in rows]
        return Table(
            key=key,
            title=title,
            description=description,
            columns=columns,
            rows=cells,
            chart=_chart(cells, columns, [1, 2]),
        )

    return [
        table(
            "live_country",
            _("Live sessions by country"),
            _(
                "Places taken in live sessions held in the period (confirmed, not waiting) and "
                "attendances, by the country each participant gave when registering."
            ),
            _("Country"),
            report.live_by_country,
        ),
        table(
            "live_affiliation",
            _("Live sessions by affiliation"),
            _("The same, by the type of organisation each participant works for."),
            _("Affiliation"),
            report.live_by_affiliation,
        ),
        table(
            "live_gender",
            _("Live sessions by gender"),
            _(
                "The same, by the gender participants chose to declare; those who did not are "
                "counted as not stated."
            ),
            _("Gender"),
            report.live_by_gender,
        ),
    ]


def _rank(row: list[object]) -> tuple:
    """Most completions first by the figures shown, so the order of rows whose counts are
    suppressed (alphabetical among themselves) does not tell which is larger; "not stated"
    last."""

    def shown(value) -> int:
        return 1 if isinstance(value, Suppressed) else value

    label, enrolled, completed = row
    return (label == _("not stated"), -shown(completed), -shown(enrolled), label)


def _certificates_table(report: ProgrammeReport, count) -> Table:
    columns = [
        Column(_("Course"), numeric=False),
        Column(_("Certificates issued")),
        Column(_("Certificates revoked")),
    ]
    rows = [[row.label, count(row.issued), count(row.revoked)] for row in report.certificates]
    return Table(
        key="certificates",
        title=_("Certificates"),
        description=_(
            "Certificates issued and revoked in the period. A corrected certificate that "
            "replaces an earlier one counts neither as issued nor as revoked."
        ),
        columns=columns,
        rows=rows,
        chart=_chart(rows, columns, [1, 2]),
    )


def _knowledge_gain_table(rows: list[KnowledgeGain], below: int) -> Table:
    table_rows, course_rows = [], []
    for row in rows:
        learners = suppress(row.learners, below)
        hidden = isinstance(learners, Suppressed)
        gain = row.gain
        cells = [
            row.course,
            row.cohort,
            learners,
            None if hidden else percent(row.before),
            None if hidden else percent(row.after),
            None if hidden or gain is None else round(float(gain) * 100, 1),
        ]
        table_rows.append(cells)
        if row.is_course_total:
            course_rows.append(cells)
    columns = [
        Column(_("Course"), numeric=False),
        Column(_("Cohort"), numeric=False),
        Column(_("Learners who sat both tests")),
        Column(_("Average before (%)")),
        Column(_("Average after (%)")),
        Column(_("Gain (percentage points)")),
    ]
    return Table(
        key="knowledge_gain",
        title=_("Knowledge gain"),
        description=_(
            "For courses with a pre-test and a post-test: the average score of the learners "
            "who sat both, on their first attempt at each, and the gain in percentage points. "
            "The chart shows each course's figures for all its cohorts."
        ),
        columns=columns,
        rows=table_rows,
        chart=_chart(course_rows, columns, [3, 4], unit="%"),
    )


def _chart(rows, columns: list[Column], series: list[int], *, latest=False, unit="") -> ChartData:
    """Chart ``series`` columns of ``rows`` (labels in column 0), at most CHART_ROWS of them."""
    shown = rows
    if len(rows) > CHART_ROWS:
        shown = rows[-CHART_ROWS:] if latest else rows[:CHART_ROWS]
    return ChartData(
        series=[columns[n].label for n in series],
        categories=[(str(row[0]), [row[n] for n in series]) for row in shown],
        unit=unit,
        omitted=len(rows) - len(shown),
    )
