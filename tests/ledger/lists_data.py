"""A meeting with a ledger to list: team measures overdue, due soon, later and signed off, and a
personal material's measure, with progress notes and an evidence file; the clock frozen on TODAY.

Imported by the list, export, panel and reminder tests (``from tests.ledger.lists_data import
ledger_fixture``: pytest registers it under its ``name``); a module, not a conftest, so that it sits
beside the other ledger tests without touching theirs."""

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
import time_machine

from apps.accounts.models import UnitRole
from apps.entries import services as entries
from apps.entries.models import Material, Measure
from apps.ledger.models import Evidence, ProgressNote
from apps.meetings.models import Meeting
from apps.units.models import Unit
from tests.conftest import make_user

TODAY = datetime.date(2031, 6, 20)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def travel_to(day: datetime.date, hour: int = 9):
    """Freeze the clock at ``hour`` o'clock of ``day`` in Beijing time."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False
    )


@pytest.fixture(name="frozen_today")
def frozen_today_fixture():
    with travel_to(TODAY):
        yield TODAY


@dataclass
class Ledger:
    meeting: Meeting
    overdue: Measure  # 强化理论武装: in progress, 5 days late, two notes, one evidence file
    soon: Measure  # 狠抓工作落实: not started, due in 3 days
    later: Measure  # 健全制度机制: in progress, due in 30 days, answers two problems
    closed: Measure  # 完成专项整治: signed off, its deadline past
    personal: Measure  # 加快分管项目进度: 孙委员's own material, due in 7 days

    @property
    def all(self) -> list[Measure]:
        return [self.overdue, self.soon, self.later, self.closed, self.personal]


def set_status(measure: Measure, status: str, completed_on: datetime.date | None = None) -> None:
    measure.status, measure.completed_on = status, completed_on
    measure.save()


@pytest.fixture(name="ledger")
def ledger_fixture(meeting, unit, member_user) -> Ledger:
    first, second, _third = meeting.outline.aspects.order_by("position")
    zhao, qian, sun = unit.members.order_by("position")
    team = meeting.materials.get(member__isnull=True)
    study = entries.problem_add(material=team, aspect=first, headline="理论学习不够深入", source="opinions")
    work = entries.problem_add(material=team, aspect=second, headline="落实部署不够有力", source="inspection")
    overdue = entries.measure_add(
        material=team, headline="强化理论武装", items=["每季度研讨一次"], problems=[study], owner=zhao,
        department="办公室", deadline=days(-5),
    )  # fmt: skip
    soon = entries.measure_add(
        material=team, headline="狠抓工作落实", problems=[work], owner=qian, department="综合处",
        deadline=days(3), kind="immediate",
    )  # fmt: skip
    later = entries.measure_add(
        material=team, headline="健全制度机制", problems=[study, work], owner=zhao, department="办公室",
        deadline=days(30), kind="long_term",
    )  # fmt: skip
    closed = entries.measure_add(
        material=team, headline="完成专项整治", problems=[work], owner=qian, deadline=days(-10)
    )
    set_status(overdue, Measure.Status.IN_PROGRESS)
    set_status(later, Measure.Status.IN_PROGRESS)
    set_status(closed, Measure.Status.CLOSED, days(-12))
    old = ProgressNote.objects.create(measure=overdue, noted_on=days(-40), text="制定了学习计划。")
    new = ProgressNote.objects.create(measure=overdue, noted_on=days(-2), text="完成第一次研讨。\n形成纪要。")
    Evidence.objects.create(note=new, file="evidence/a.pdf", name="研讨纪要.pdf", kind="pdf", size=10)
    Evidence.objects.create(note=old, file="evidence/b.pdf", name="学习计划.pdf", kind="pdf", size=10)
    ProgressNote.objects.create(measure=closed, noted_on=days(-12), text="整治完成。")
    own = Material.objects.create(meeting=meeting, member=sun)
    slow = entries.problem_add(material=own, aspect=second, headline="分管工作推进慢")
    personal = entries.measure_add(
        material=own, headline="加快分管项目进度", problems=[slow], owner=sun, deadline=days(7)
    )
    return Ledger(meeting, overdue, soon, later, closed, personal)


@pytest.fixture(name="organisation_user")
def organisation_user_fixture(unit):
    """An organisation department holding its role on the cast's unit's parent: reads its subtree."""
    parent = Unit.objects.create(name="测试市委组织部", short_name="组织部")
    unit.parent = parent
    unit.save()
    user = make_user("organisation")
    UnitRole.objects.create(user=user, unit=parent, role=UnitRole.Role.ORGANISATION)
    return user


def add_measures(meeting: Meeting, count: int, *, start: int = 100) -> None:
    """``count`` more team measures, each with a problem, a sub-item, a note and an evidence file."""
    team = meeting.materials.get(member__isnull=True)
    aspect = meeting.outline.aspects.order_by("position").first()
    owner = meeting.unit.members.order_by("position").first()
    for n in range(start, start + count):
        problem = entries.problem_add(material=team, aspect=aspect, headline=f"问题{n}")
        measure = entries.measure_add(
            material=team, headline=f"措施{n}", items=["细项"], problems=[problem], owner=owner,
            deadline=days(n % 20 - 10),
        )  # fmt: skip
        note = ProgressNote.objects.create(measure=measure, noted_on=days(-1), text=f"进展{n}")
        Evidence.objects.create(note=note, file=f"evidence/{n}.pdf", name=f"佐证{n}.pdf", kind="pdf", size=1)
