"""Invented data for ``manage.py bench_dashboards`` (and its test): a tree of units under one root,
each with a meeting of the year, its team material in some review state, a personal material,
problems and measures in every status, some overdue, some completed month by month.

Written in bulk (a few thousand rows a second), never through the services: the bench measures the
reading, not the writing.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.entries.models import Material, Measure, Problem
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

YEAR = 2024
ASPECTS = (
    ("理论学习", "学习"),
    ("政治纪律", "纪律"),
    ("为民服务", "服务"),
    ("担当作为", "担当"),
    ("廉洁自律", "廉洁"),
)
TEAM_STATES = (
    Material.Status.APPROVED,
    Material.Status.SUBMITTED,
    Material.Status.DRAFT,
    Material.Status.RETURNED,
    Material.Status.APPROVED,
)
MEASURE_STATES = (
    Measure.Status.NOT_STARTED,
    Measure.Status.IN_PROGRESS,
    Measure.Status.IN_PROGRESS,
    Measure.Status.DONE,
    Measure.Status.CLOSED,
)
PROBLEMS_PER_UNIT = 10
BATCH = 1000


@dataclass
class BenchTree:
    root: Unit
    units: int
    measures: int


def _units(count: int) -> Unit:
    """``count`` units: a root, about √count departments under it, the rest spread under those."""
    root = Unit.objects.create(name="基准市委", short_name="基准市委")
    departments_count = max(1, min(count - 1, round((count - 1) ** 0.5)))
    departments = Unit.objects.bulk_create(
        [
            Unit(name=f"基准部门{n:03d}党委", short_name=f"部门{n:03d}", parent=root)
            for n in range(departments_count)
        ]
    )
    rest = count - 1 - departments_count
    Unit.objects.bulk_create(
        [
            Unit(
                name=f"基准单位{n:04d}党支部",
                short_name=f"单位{n:04d}",
                parent=departments[n % departments_count],
            )
            for n in range(rest)
        ],
        batch_size=BATCH,
    )
    return root


def _outline() -> tuple[OutlineTemplate, list[Aspect]]:
    outline = OutlineTemplate.objects.create(name="基准提纲", year=YEAR, meeting_kind="democratic_life")
    aspects = [
        Aspect.objects.create(outline=outline, position=n, wording=f"在{wording}上作表率", label=label)
        for n, (wording, label) in enumerate(ASPECTS, start=1)
    ]
    return outline, aspects


@transaction.atomic
def build(*, units: int = 500, measures: int = 10_000) -> BenchTree:
    root = _units(units)
    outline, aspects = _outline()
    unit_ids = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    Member.objects.bulk_create(
        [Member(unit_id=pk, name=f"成员{n}", position=n, title="委员") for pk in unit_ids for n in (1, 2)],
        batch_size=BATCH,
    )
    # Every unit but one in five holds its meeting of the year (those have not started).
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                unit_id=pk, outline=outline, kind=outline.meeting_kind, year=YEAR, title=f"基准{pk}年度会"
            )
            for n, pk in enumerate(unit_ids)
            if n % 5 != 4
        ],
        batch_size=BATCH,
    )
    members = dict(Member.objects.filter(position=2).values_list("unit_id", "pk"))
    teams = Material.objects.bulk_create(
        [Material(meeting=m, status=TEAM_STATES[n % len(TEAM_STATES)]) for n, m in enumerate(meetings)],
        batch_size=BATCH,
    )
    personal = Material.objects.bulk_create(
        [Material(meeting=m, member_id=members[m.unit_id]) for m in meetings], batch_size=BATCH
    )
    Problem.objects.bulk_create(
        [
            Problem(material=team, aspect=aspects[n % len(aspects)], position=n, headline=f"问题{n}")
            for team in teams
            for n in range(PROBLEMS_PER_UNIT)
        ],
        batch_size=BATCH,
    )
    Measure.objects.bulk_create(_measures(teams + personal, measures), batch_size=BATCH)
    return BenchTree(root=root, units=len(unit_ids), measures=measures)


def _measures(materials: list[Material], count: int):
    """``count`` measures spread over the materials (the team's get four in five), due from a year
    ago to a year ahead, completed over the last twelve months."""
    today = timezone.localdate()
    teams = [m for m in materials if m.member_id is None]
    cycle = itertools.cycle(teams * 4 + [m for m in materials if m.member_id is not None])
    positions: dict[int, int] = {}
    for n in range(count):
        material = next(cycle)
        positions[material.pk] = positions.get(material.pk, 0) + 1
        status = MEASURE_STATES[n % len(MEASURE_STATES)]
        finished = status in (Measure.Status.DONE, Measure.Status.CLOSED)
        yield Measure(
            material=material,
            position=positions[material.pk],
            headline=f"措施{n}",
            status=status,
            deadline=today + datetime.timedelta(days=(n * 37) % 730 - 365),
            completed_on=today - datetime.timedelta(days=(n * 13) % 365) if finished else None,
        )
