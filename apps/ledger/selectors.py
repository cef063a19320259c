"""The 整改台账 as one list: every measure of a meeting's team material and of its members'
personal materials (or of a unit's meetings, and with ``scope=subtree`` of every visible unit below
it), filtered, sorted and turned into rows. The page, its XLSX, its PDF and the meetings' own
整改台账 export all read these rows (:class:`LedgerView`), so they cannot disagree.

Queries: a fixed number whatever the number of measures — the latest progress note is a subquery,
problems, sub-items and evidence names are one query each (filtered by a subquery, not a list of ids).

A personal material's measures are listed to whoever may read that material
(:func:`apps.accounts.access.can_view_material`: its member, the unit's drafters and secretary,
administrators); the team material's to every reader of the meeting.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.core.numbering import cn_date, inline_marker
from apps.entries.models import Measure, MeasureItem, Problem
from apps.exports.context.blocks import Column
from apps.exports.context.names import file_stem
from apps.exports.context.sheets import LEDGER_COLUMNS
from apps.exports.context.text import lines_of, one_line, sentence
from apps.exports.documents import DocumentRef, Kind
from apps.ledger.filters import LedgerFilters
from apps.ledger.models import Evidence, ProgressNote
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect
from apps.units.models import Member, Unit

Status = Measure.Status
Role = UnitRole.Role
STATUS_ORDER = {status: index for index, status in enumerate(Status.values)}
PER_PAGE = 100
SOON_DAYS = 7  # 即将到期: the 工作台 panel and the reminders

# The spreadsheet's columns (apps.exports' 整改台账) with the key of the row value each one prints.
SHEET_KEYS = (
    "number",
    "sources",
    "aspects",
    "problems",
    "measure_text",
    "owner",
    "department",
    "deadline",
    "kind",
    "progress",
    "evidence",
    "status_label",
    "completed_on",
)
UNIT_COLUMN = ("unit", Column("单位", 18))
MEETING_COLUMN = ("meeting", Column("会议", 24))
MATERIAL_COLUMN = ("material", Column("所属材料", 10))


# --- scope and visibility --------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a ledger lists: one meeting, or the meetings of some units (a unit, or a unit and the
    visible units below it)."""

    unit: Unit
    meeting: Meeting | None = None
    units: QuerySet | None = None
    subtree: bool = False

    @classmethod
    def of_meeting(cls, meeting: Meeting) -> "Scope":
        return cls(unit=meeting.unit, meeting=meeting)

    @classmethod
    def of_unit(cls, unit: Unit, user, *, subtree: bool = False) -> "Scope":
        return cls(unit=unit, units=access.units_in_scope(user, unit, subtree=subtree), subtree=subtree)

    @property
    def for_unit(self) -> bool:
        return self.meeting is None

    def meetings(self) -> QuerySet[Meeting]:
        if self.meeting is not None:
            return Meeting.objects.filter(pk=self.meeting.pk)
        return Meeting.objects.filter(unit__in=self.units)

    def measures(self) -> QuerySet[Measure]:
        if self.meeting is not None:
            return Measure.objects.filter(material__meeting=self.meeting)
        return Measure.objects.filter(material__meeting__unit__in=self.units)

    @property
    def title(self) -> str:
        if self.meeting is not None:
            return f"{one_line(self.meeting.title)}整改台账"
        below = "及下级单位" if self.subtree else ""
        return f"{one_line(self.unit.name)}{below}整改台账"

    @property
    def file_stem(self) -> str:
        if self.meeting is not None:
            return file_stem(self.meeting, DocumentRef(Kind.LEDGER))
        return self.title


def scope_measures(scope: Scope, viewer) -> QuerySet[Measure]:
    return scope.measures().filter(access.readable_material_q(viewer))


# --- filters and order -----------------------------------------------------------------------


def open_measures(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    return qs.still_open().filter(deadline__isnull=False)


def due_by(qs: QuerySet[Measure], day: datetime.date, days: int = SOON_DAYS) -> QuerySet[Measure]:
    """Open measures overdue on ``day`` or due within ``days`` of it: the 工作台 card's and the
    daily reminder's list."""
    return open_measures(qs).filter(deadline__lte=day + datetime.timedelta(days=days))


def filtered(qs: QuerySet[Measure], filters: LedgerFilters, today: datetime.date) -> QuerySet[Measure]:
    """``qs`` narrowed by every filter except the status (see :func:`with_status`)."""
    late = Q(deadline__lt=today)
    soon = Q(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=filters.due_within or 0))
    if filters.overdue and filters.due_within:
        qs = open_measures(qs).filter(late | soon)
    elif filters.overdue:
        qs = open_measures(qs).filter(late)
    elif filters.due_within:
        qs = open_measures(qs).filter(soon)
    if filters.owner is not None:
        qs = qs.filter(owner=filters.owner)
    if filters.aspect:
        answered = Problem.objects.filter(measures=OuterRef("pk"), aspect__label=filters.aspect)
        qs = qs.filter(Exists(answered))
    if filters.year:
        qs = qs.filter(material__meeting__year=filters.year)
    if filters.completed:
        month = filters.completed
        qs = qs.filter(
            status__in=Measure.FINISHED_STATUSES,
            completed_on__year=month.year,
            completed_on__month=month.month,
        )
    return qs


def with_status(qs: QuerySet[Measure], filters: LedgerFilters) -> QuerySet[Measure]:
    return qs.filter(status__in=filters.statuses) if filters.statuses else qs


def status_counts(qs: QuerySet[Measure]) -> dict[str, int]:
    """Measures per status, every status present (one query)."""
    counted = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counted.get(status, 0) for status in Status.values}


def ordered(qs: QuerySet[Measure], sort: str) -> QuerySet[Measure]:
    """The default order reads as the materials print: unit, meeting (latest first), the team
    material then each member's in official order, the measures in their order."""
    default = [
        "material__meeting__unit__name",
        F("material__meeting__year").desc(),
        F("material__meeting__date").desc(nulls_last=True),
        F("material__meeting_id").desc(),
        F("material__member__position").asc(nulls_first=True),
        "position",
        "pk",
    ]
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key == "deadline":
        first = [F("deadline").desc(nulls_last=True) if descending else F("deadline").asc(nulls_last=True)]
    elif key == "status":
        rank = Case(
            *(When(status=s, then=Value(i)) for s, i in STATUS_ORDER.items()), output_field=IntegerField()
        )
        qs = qs.annotate(status_rank=rank)
        first = [F("status_rank").desc() if descending else F("status_rank").asc()]
    elif key == "owner":
        keys = ("owner__unit__name", "owner__position")
        first = [
            F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True) for name in keys
        ]
    elif key == "unit":
        first = [F("material__meeting__unit__name").desc() if descending else "material__meeting__unit__name"]
    else:
        first = []
    return qs.order_by(*first, *default)


def with_latest_note(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    """Each measure with its latest progress note's date and text (``latest_noted_on``,
    ``latest_note``): two subqueries, no query per measure."""
    latest = ProgressNote.objects.filter(measure=OuterRef("pk")).order_by("-noted_on", "-created_at", "-pk")
    return qs.annotate(
        latest_noted_on=Subquery(latest.values("noted_on")[:1]),
        latest_note=Subquery(latest.values("text")[:1]),
    )


def with_columns(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    """What a row shows besides the measure: its material, meeting, unit, owner, latest note."""
    return with_latest_note(qs.select_related("owner", "material__member", "material__meeting__unit"))


# --- rows ------------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    """One measure as the ledger shows and exports it."""

    number: int
    pk: int
    unit: str
    meeting: str
    meeting_pk: int
    material: str
    headline: str
    measure_text: str
    problems: str
    problem_headlines: list[str]
    sources: str
    aspects: str
    owner: str
    department: str
    deadline: datetime.date | None
    kind: str
    status: str
    status_label: str
    completed_on: datetime.date | None
    progress_on: datetime.date | None
    progress_text: str
    evidence_names: list[str]
    overdue: bool
    due_soon: bool

    @property
    def progress(self) -> str:
        """``2031年3月20日：……`` (the latest note, its first line after the date)."""
        lines = lines_of(self.progress_text)
        if self.progress_on is None:
            return ""
        return "\n".join([f"{cn_date(self.progress_on)}：{lines[0] if lines else ''}", *lines[1:]])

    @property
    def evidence(self) -> str:
        return "、".join(self.evidence_names)

    @property
    def evidence_count(self) -> int:
        return len(self.evidence_names)

    def cells(self, keys: Iterable[str]) -> tuple:
        return tuple(getattr(self, key) for key in keys)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _related(ids) -> tuple[dict, dict, dict]:
    """Problems, sub-items and evidence names per measure id: three queries. ``ids`` is a list
    (one page) or a queryset of pks (a whole export: a subquery, however many measures)."""
    problems: dict[int, list[Problem]] = defaultdict(list)
    links = (
        Measure.problems.through.objects.filter(measure_id__in=ids)
        .select_related("problem__aspect")
        .order_by("problem__aspect__position", "problem__position", "problem_id")
    )
    for link in links:
        problems[link.measure_id].append(link.problem)
    items: dict[int, list[str]] = defaultdict(list)
    for measure_id, text in (
        MeasureItem.objects.filter(measure_id__in=ids)
        .order_by("measure_id", "position")
        .values_list("measure_id", "text")
    ):
        items[measure_id].append(text)
    evidence: dict[int, list[str]] = defaultdict(list)
    files = Evidence.objects.filter(note__measure_id__in=ids).order_by(
        "note__noted_on", "note__created_at", "note_id", "pk"
    )
    for measure_id, name in files.values_list("note__measure_id", "name"):
        evidence[measure_id].append(one_line(name))
    return problems, items, evidence


def ledger_rows(measures: list[Measure], ids, today: datetime.date, *, start: int = 1) -> list[LedgerRow]:
    """Rows of ``measures`` (loaded through :func:`with_columns`), numbered from ``start``."""
    problems, items, evidence = _related(ids)
    soon = today + datetime.timedelta(days=SOON_DAYS)
    rows = []
    for number, measure in enumerate(measures, start=start):
        own = problems.get(measure.pk, [])
        numbered = len(own) > 1
        sub_items = [
            inline_marker(index, "要") + sentence(text)
            for index, text in enumerate(items.get(measure.pk, []), start=1)
            if one_line(text)
        ]
        material, meeting = measure.material, measure.material.meeting
        is_open = measure.is_open and measure.deadline is not None
        rows.append(
            LedgerRow(
                number=number,
                pk=measure.pk,
                unit=one_line(meeting.unit.name),
                meeting=one_line(meeting.title),
                meeting_pk=meeting.pk,
                material="班子" if material.member_id is None else one_line(material.member.name),
                headline=one_line(measure.headline),
                measure_text="\n".join(
                    [sentence(measure.headline), *lines_of(measure.elaboration), *sub_items]
                ),
                problems="\n".join(
                    (f"{index}. " if numbered else "") + sentence(problem.headline)
                    for index, problem in enumerate(own, start=1)
                ),
                problem_headlines=[one_line(problem.headline) for problem in own],
                sources="、".join(_unique(problem.get_source_display() for problem in own)),
                aspects="、".join(_unique(one_line(problem.aspect.label) for problem in own)),
                owner=one_line(measure.owner.name) if measure.owner_id else "",
                department=one_line(measure.department),
                deadline=measure.deadline,
                kind=measure.get_kind_display(),
                status=measure.status,
                status_label=measure.get_status_display(),
                completed_on=measure.completed_on,
                progress_on=measure.latest_noted_on,
                progress_text=measure.latest_note or "",
                evidence_names=evidence.get(measure.pk, []),
                overdue=is_open and measure.deadline < today,
                due_soon=is_open and today <= measure.deadline <= soon,
            )
        )
    return rows


# --- the view every format reads ---------------------------------------------------------------


@dataclass
class LedgerView:
    """A ledger as filtered and sorted for one reader: the page shows ``rows`` of one ``page``, the
    exports every row; the columns and the title are the same for both."""

    scope: Scope
    filters: LedgerFilters
    today: datetime.date
    columns: tuple[tuple[str, Column], ...]
    counts: dict[str, int]
    total: int
    rows: list[LedgerRow] = field(default_factory=list)
    page: Page | None = None

    @property
    def title(self) -> str:
        return self.scope.title

    @property
    def description(self) -> str:
        return self.filters.description()

    @property
    def show_unit(self) -> bool:
        return any(key == "unit" for key, _ in self.columns)

    @property
    def show_meeting(self) -> bool:
        return any(key == "meeting" for key, _ in self.columns)

    @property
    def show_material(self) -> bool:
        return any(key == "material" for key, _ in self.columns)

    @property
    def status_summary(self) -> list[tuple[str, str, int]]:
        return [(status, str(Status(status).label), n) for status, n in self.counts.items()]


def ledger_columns(scope: Scope, base: QuerySet[Measure]) -> tuple[tuple[str, Column], ...]:
    """The spreadsheet's columns, plus 单位 and 会议 for a unit's ledger and 所属材料 when the
    reader sees personal materials' measures in it (one query). They follow the scope, not the
    filters, so a filtered export has the same columns as the whole one."""
    sheet = tuple(zip(SHEET_KEYS, LEDGER_COLUMNS, strict=True))
    extra = []
    if scope.for_unit:
        extra += [UNIT_COLUMN, MEETING_COLUMN]
    if base.filter(material__member__isnull=False).exists():
        extra.append(MATERIAL_COLUMN)
    return (sheet[0], *extra, *sheet[1:])


def build_ledger(
    scope: Scope,
    viewer,
    filters: LedgerFilters,
    *,
    today: datetime.date,
    paged: bool = False,
    page_number=None,
) -> LedgerView:
    """The ledger for ``viewer``: every matching row, or ``paged`` the rows of page ``page_number``
    (the first when it is not a page number, the last when past the end)."""
    base = scope_measures(scope, viewer)
    narrowed = filtered(base, filters, today)
    counts = status_counts(narrowed)
    matching = with_status(narrowed, filters)
    view = LedgerView(
        scope=scope,
        filters=filters,
        today=today,
        columns=ledger_columns(scope, base),
        counts=counts,
        total=sum(counts[status] for status in filters.statuses)
        if filters.statuses
        else sum(counts.values()),
    )
    listed = with_columns(ordered(matching, filters.sort))
    if not paged:
        view.rows = ledger_rows(list(listed), matching.values("pk"), today)
        return view
    view.page = Paginator(listed, PER_PAGE).get_page(page_number)
    measures = list(view.page.object_list)
    view.rows = ledger_rows(measures, [m.pk for m in measures], today, start=view.page.start_index() or 1)
    return view


def filter_choices(scope: Scope, viewer) -> dict:
    """The filter bar's choices from the scope (three queries): the owners of its measures in
    official order, its outlines' aspect labels, its meetings' years."""
    base = scope_measures(scope, viewer)
    owners = (
        Member.objects.filter(pk__in=base.values("owner_id"))
        .select_related("unit")
        .order_by("unit__name", "position")
    )
    meetings = scope.meetings()
    labels = Aspect.objects.filter(outline__meetings__in=meetings).order_by("position", "label")
    aspects = _unique(one_line(label) for label in labels.values_list("label", flat=True))
    years = sorted(set(meetings.values_list("year", flat=True)), reverse=True) if scope.for_unit else []
    return {"owners": owners, "aspects": aspects, "years": years}


# --- the 工作台 panel -------------------------------------------------------------------------


def own_due_measures(user, today: datetime.date, *, days: int = SOON_DAYS) -> QuerySet[Measure]:
    """The user's own open measures (they are the owner's login) overdue or due within ``days``,
    in the units they see, most urgent first: one query."""
    if not user.is_authenticated:
        return Measure.objects.none()
    return (
        due_by(Measure.objects.filter(owner__user=user), today, days)
        .filter(material__meeting__unit__in=access.visible_units(user))
        .filter(access.readable_material_q(user))
        .select_related("material__meeting__unit", "material__member")
        .order_by("deadline", "material__meeting__unit__name", "position", "pk")
    )
