"""The figures of a 统计看板: one aggregate query each, whatever the number of units and measures.

Each figure is rows of numbers (one value per series) with the address of the list behind every
number: the template prints them as the table beside the chart, and the same rows, as JSON, are
what static/js/dashboards.js draws and where a click on a bar leads.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from apps.entries.models import Material, Measure
from apps.units.models import Unit

from .scope import Scope

OVERDUE_ROWS = 20  # units listed by name in the overdue figure; the rest are summed


@dataclass
class Row:
    label: str
    values: list[int]
    links: list[str | None]

    def cells(self, series: list[str]) -> list[tuple[int, str | None, str]]:
        return list(zip(self.values, self.links, series, strict=True))


@dataclass
class Figure:
    key: str
    title: str
    series: list[str]
    rows: list[Row] = field(default_factory=list)
    chart: str = "bar"  # bar | stacked | horizontal | timeline
    # The list of everything the figure counts (the 合计 link, and where a click on a number
    # without its own list leads); per series when they differ.
    total_link: str | None = None
    series_links: list[str | None] = field(default_factory=list)
    note: str = ""
    unit_label: str = "项"
    # A further list the figure offers under its table: (label, address).
    more: tuple[str, str] | None = None

    @property
    def totals(self) -> list[int]:
        return [sum(row.values[index] for row in self.rows) for index in range(len(self.series))]

    @property
    def table_rows(self) -> list[tuple[str, list[tuple[int, str | None, str]]]]:
        """(label, [(value, link, series name)]) per row, as the table prints them."""
        return [(row.label, row.cells(self.series)) for row in self.rows]

    @property
    def footer(self) -> list[tuple[int | None, str | None, str]]:
        """The 合计 row: each series' sum and the list of it (a running total has no sum)."""
        links = self.series_links or [self.total_link] * len(self.series)
        cells = list(zip(self.totals, links, self.series, strict=True))
        if self.chart == "timeline":
            cells[1:] = [(None, None, name) for name in self.series[1:]]
        return cells

    def chart_data(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "chart": self.chart,
            "labels": [row.label for row in self.rows],
            "series": self.series,
            "values": [[row.values[index] for row in self.rows] for index in range(len(self.series))],
            "links": [[row.links[index] for row in self.rows] for index in range(len(self.series))],
            "link": self.total_link,
        }


def materials_by_state(scope: Scope) -> Figure:
    counts = {
        row["status"]: row
        for row in scope.materials()
        .order_by()
        .values("status")
        .annotate(
            team=Count("pk", filter=Q(member__isnull=True)),
            personal=Count("pk", filter=Q(member__isnull=False)),
        )
    }
    figure = Figure(
        key="materials",
        title="材料审核状态",
        series=["班子对照检查材料", "个人对照检查材料"],
        chart="stacked",
        total_link=scope.url("dashboards:materials"),
        series_links=[
            scope.url("dashboards:materials", kind="team"),
            scope.url("dashboards:materials", kind="personal"),
        ],
        unit_label="份",
    )
    for status, label in Material.Status.choices:
        row = counts.get(status, {})
        figure.rows.append(
            Row(
                label,
                [row.get("team", 0), row.get("personal", 0)],
                [
                    scope.url("dashboards:materials", state=status, kind="team"),
                    scope.url("dashboards:materials", state=status, kind="personal"),
                ],
            )
        )
    return figure


def problems_by_aspect(scope: Scope) -> Figure:
    """The team materials' problems, grouped by the aspect's label text (the outlines of several
    years name the same aspect alike), in outline order."""
    rows = (
        scope.team_problems()
        .order_by()
        .values("aspect__label")
        .annotate(count=Count("pk"), first=Min("aspect__position"))
        .order_by("first", "aspect__label")
    )
    figure = Figure(
        key="problems",
        title="班子查摆问题（按方面）",
        series=["问题数"],
        chart="horizontal",
        total_link=scope.url("dashboards:problems"),
        unit_label="条",
    )
    for row in rows:
        label = row["aspect__label"]
        figure.rows.append(Row(label, [row["count"]], [scope.url("dashboards:problems", aspect=label)]))
    return figure


def measures_by_status(scope: Scope) -> Figure:
    counts = dict(scope.measures().order_by().values_list("status").annotate(n=Count("pk")))
    figure = Figure(
        key="measures",
        title="整改措施状态",
        series=["措施数"],
        total_link=scope.url("ledger:unit"),
    )
    for status, label in Measure.Status.choices:
        figure.rows.append(Row(label, [counts.get(status, 0)], [scope.url("ledger:unit", status=status)]))
    return figure


def overdue_measures(scope: Scope, today: datetime.date | None = None) -> Figure:
    """Overdue measures per unit, the units with most first (the first ``OVERDUE_ROWS`` by name)."""
    today = today or timezone.localdate()
    per_unit = list(
        scope.measures()
        .overdue(today)
        .order_by()
        .values("material__meeting__unit", "material__meeting__unit__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "material__meeting__unit__name")
    )
    figure = Figure(
        key="overdue",
        title="逾期未完成的整改措施",
        series=["逾期措施"],
        chart="horizontal",
        total_link=scope.url("ledger:unit", overdue=1),
    )
    for row in per_unit[:OVERDUE_ROWS]:
        unit_id = row["material__meeting__unit"]
        figure.rows.append(
            Row(
                row["material__meeting__unit__name"],
                [row["count"]],
                [scope.unit_url("ledger:unit", unit_id, overdue=1)],
            )
        )
    rest = per_unit[OVERDUE_ROWS:]
    if rest:
        figure.rows.append(Row(f"其他{len(rest)}个单位", [sum(row["count"] for row in rest)], [None]))
    figure.note = f"截至{today.year}年{today.month}月{today.day}日，完成时限已过、尚未完成的措施"
    return figure


def completion_by_month(scope: Scope) -> Figure:
    """Measures completed each month (by their completion date), and the running total."""
    per_month = {
        _as_date(month): count
        for month, count in scope.measures()
        .filter(status__in=Measure.FINISHED_STATUSES, completed_on__isnull=False)
        .annotate(month=TruncMonth("completed_on"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    }
    figure = Figure(
        key="completion",
        title="整改完成进度（按月）",
        series=["当月完成", "累计完成"],
        chart="timeline",
        total_link=scope.url("ledger:unit", status=list(Measure.FINISHED_STATUSES)),
    )
    running = 0
    for month in _months(sorted(per_month)):
        done = per_month.get(month, 0)
        running += done
        completed = scope.url("ledger:unit", completed=f"{month:%Y-%m}") if done else None
        figure.rows.append(Row(f"{month.year}年{month.month}月", [done, running], [completed, None]))
    figure.note = "按完成日期统计已完成和已销号的措施"
    return figure


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _months(months: list[datetime.date]) -> list[datetime.date]:
    """Every month from the first to the last given, the empty ones included."""
    if not months:
        return []
    first, last = months[0], months[-1]
    result, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


# How far each active unit of the scope got with its team material of the year.
SUBMISSION_STATES = (
    ("absent", "未开始（无会议或材料）"),
    ("draft", "起草中"),
    ("returned", "退回修改"),
    ("submitted", "已提交或审核通过"),
)
NOT_SUBMITTED = ("absent", "draft", "returned")


def units_with_submission(scope: Scope):
    """The active units of the scope, each annotated with ``submission`` (see SUBMISSION_STATES):
    submitted if any team material of the year is submitted or approved, else returned, draft or
    absent. Deactivated units are left out: their records are closed."""
    team = Material.objects.filter(
        meeting__unit=OuterRef("pk"), meeting__year=scope.year, member__isnull=True
    )
    Status = Material.Status
    return Unit.objects.filter(pk__in=scope.units.values("pk"), is_active=True).annotate(
        has_submitted=Exists(team.filter(status__in=[Status.SUBMITTED, Status.APPROVED])),
        has_returned=Exists(team.filter(status=Status.RETURNED)),
        has_draft=Exists(team.filter(status=Status.DRAFT)),
    )


def submission_of(unit: Unit) -> str:
    if unit.has_submitted:
        return "submitted"
    if unit.has_returned:
        return "returned"
    return "draft" if unit.has_draft else "absent"


def units_not_submitted(scope: Scope) -> Figure:
    counts = dict.fromkeys([key for key, _ in SUBMISSION_STATES], 0)
    for unit in units_with_submission(scope).only("pk"):
        counts[submission_of(unit)] += 1
    figure = Figure(
        key="unsubmitted",
        title="班子对照检查材料提交情况",
        series=["单位数"],
        total_link=scope.url("dashboards:units"),
        unit_label="个",
    )
    for key, label in SUBMISSION_STATES:
        figure.rows.append(Row(label, [counts[key]], [scope.url("dashboards:units", state=key)]))
    not_submitted = sum(counts[key] for key in NOT_SUBMITTED)
    figure.note = f"{not_submitted}个单位尚未提交本年度班子对照检查材料（不含已停用单位）"
    figure.more = (
        f"查看尚未提交的{not_submitted}个单位",
        scope.url("dashboards:units", state=list(NOT_SUBMITTED)),
    )
    return figure


@dataclass
class Headline:
    """One number of the line above the figures, what a leader reads first."""

    label: str
    value: str
    link: str | None = None
    warn: bool = False


def headlines(figures: list[Figure]) -> list[Headline]:
    """未提交, 措施, 逾期, 完成率: taken from the figures, no query of their own."""
    by_key = {figure.key: figure for figure in figures}
    if not by_key:
        return []
    unsubmitted, measures, overdue = by_key["unsubmitted"], by_key["measures"], by_key["overdue"]
    not_submitted = sum(row.values[0] for row in unsubmitted.rows[: len(NOT_SUBMITTED)])
    total = measures.totals[0]
    finished = sum(row.values[0] for row in measures.rows[2:])
    rate = f"{finished * 100 // total}%" if total else "—"
    return [
        Headline(
            "尚未提交班子材料的单位", f"{not_submitted}个", unsubmitted.more[1], warn=bool(not_submitted)
        ),
        Headline("整改措施", f"{total}项", measures.total_link),
        Headline("逾期未完成", f"{overdue.totals[0]}项", overdue.total_link, warn=bool(overdue.totals[0])),
        Headline("已完成（含已销号）", rate, by_key["completion"].total_link),
    ]


def all_figures(scope: Scope) -> list[Figure]:
    if scope.year is None:
        return []
    return [
        materials_by_state(scope),
        units_not_submitted(scope),
        problems_by_aspect(scope),
        measures_by_status(scope),
        overdue_measures(scope),
        completion_by_month(scope),
    ]
