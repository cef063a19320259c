"""A tree of units read by an organisation department (组织部门), and one outside it.

测试市委 (the organisation department ``zuzhi`` holds its role here)
├── 甲局党委            2030: team material submitted, a member's material started; 2029 too
│   └── 甲局机关党委     2030: team material 起草中
├── 乙局党组            no meeting
└── 丙局党委 (停用)       2030: team material 退回修改
外市委 (another tree)   2030: everything, to be counted nowhere
└── 外局党组
"""

import datetime
import itertools

import pytest
from django.utils import timezone

from apps.accounts.models import UnitRole
from apps.entries.models import Material, Measure, Problem
from apps.meetings.models import Meeting
from apps.units.models import Member, Unit
from tests.conftest import make_user

Status = Measure.Status
_positions = itertools.count(1)


def make_unit(name: str, parent: Unit | None = None, **extra) -> Unit:
    unit = Unit.objects.create(name=name, short_name=name[:10], parent=parent, **extra)
    Member.objects.create(unit=unit, name=f"{name[:2]}书记", position=1, role="secretary")
    Member.objects.create(unit=unit, name=f"{name[:2]}委员", position=2)
    return unit


def make_meeting(unit: Unit, outline, year: int = 2030, team_status: str = "draft") -> Meeting:
    meeting = Meeting.objects.create(
        unit=unit,
        outline=outline,
        kind=outline.meeting_kind,
        year=year,
        title=f"{unit.name}{year}年度民主生活会",
    )
    Material.objects.create(meeting=meeting, status=team_status)
    return meeting


def add_problems(material: Material, label_counts: dict[str, int]) -> None:
    aspects = {aspect.label: aspect for aspect in material.meeting.outline.aspects.all()}
    for label, count in label_counts.items():
        start = material.problems.filter(aspect=aspects[label]).count()
        for index in range(count):
            Problem.objects.create(
                material=material,
                aspect=aspects[label],
                position=start + index + 1,
                headline=f"{label}问题{index}",
            )


def add_measure(material: Material, status: str = Status.NOT_STARTED, *, days: int | None = 30, done=None):
    """A measure due ``days`` from today (past when negative, none when None), completed on ``done``."""
    today = timezone.localdate()
    return Measure.objects.create(
        material=material,
        position=next(_positions),
        headline=f"措施{status}",
        status=status,
        deadline=None if days is None else today + datetime.timedelta(days=days),
        completed_on=done,
    )


@pytest.fixture
def tree(db, outline) -> dict:
    root = make_unit("测试市委")
    jia = make_unit("甲局党委", root)
    jia_office = make_unit("甲局机关党委", jia)
    yi = make_unit("乙局党组", root)
    bing = make_unit("丙局党委", root, is_active=False)
    outside = make_unit("外市委")
    outside_child = make_unit("外局党组", outside)

    jia_meeting = make_meeting(jia, outline, team_status="submitted")
    jia_team = jia_meeting.materials.team().get()
    jia_personal = Material.objects.create(meeting=jia_meeting, member=jia.members.get(position=2))
    add_problems(jia_team, {"学习": 2, "落实": 1})
    add_problems(jia_personal, {"学习": 4})  # a member's own: not the team's problems
    done_day = datetime.date(2031, 3, 10)
    add_measure(jia_team, Status.NOT_STARTED, days=-10)  # overdue
    add_measure(jia_team, Status.IN_PROGRESS, days=-1)  # overdue
    add_measure(jia_team, Status.IN_PROGRESS, days=5)
    add_measure(jia_team, Status.DONE, days=-20, done=done_day)  # past its deadline but done
    add_measure(jia_team, Status.CLOSED, days=None, done=datetime.date(2031, 5, 2))
    add_measure(jia_personal, Status.DONE, days=10, done=done_day)
    add_measure(jia_personal, Status.NOT_STARTED, days=-3)  # overdue

    office_meeting = make_meeting(jia_office, outline)
    office_team = office_meeting.materials.team().get()
    add_problems(office_team, {"落实": 2, "廉洁": 1})
    add_measure(office_team, Status.NOT_STARTED, days=-5)  # overdue
    add_measure(office_team, Status.NOT_STARTED, days=None)

    bing_meeting = make_meeting(bing, outline, team_status="returned")
    add_measure(bing_meeting.materials.team().get(), Status.IN_PROGRESS, days=-2)  # overdue

    old = make_meeting(jia, outline, year=2029, team_status="approved")
    add_problems(old.materials.team().get(), {"廉洁": 3})
    add_measure(old.materials.team().get(), Status.CLOSED, days=-300, done=datetime.date(2030, 6, 1))

    foreign = make_meeting(outside_child, outline, team_status="draft")
    add_problems(foreign.materials.team().get(), {"学习": 5})
    add_measure(foreign.materials.team().get(), Status.NOT_STARTED, days=-10)
    make_meeting(outside, outline, year=2031)

    return {
        "root": root,
        "jia": jia,
        "jia_office": jia_office,
        "yi": yi,
        "bing": bing,
        "outside": outside,
        "outside_child": outside_child,
        "jia_meeting": jia_meeting,
        "jia_personal": jia_personal,
        "office_meeting": office_meeting,
        "bing_meeting": bing_meeting,
        "old_meeting": old,
        "foreign_meeting": foreign,
    }


def with_role(username: str, unit: Unit, role: str):
    user = make_user(username)
    UnitRole.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def org_user(tree):
    return with_role("zuzhi", tree["root"], UnitRole.Role.ORGANISATION)


@pytest.fixture
def jia_drafter(tree):
    return with_role("jia-drafter", tree["jia"], UnitRole.Role.DRAFTER)


@pytest.fixture
def outside_org_user(tree):
    return with_role("wai-zuzhi", tree["outside"], UnitRole.Role.ORGANISATION)
