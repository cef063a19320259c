"""A fixed cast for every test: one unit with its team, its drafter, member, secretary and supervisor,
and an outsider unit whose objects must stay invisible (404) to them."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from apps.accounts.models import UnitRole
from apps.entries.models import Material
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

User = get_user_model()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The default PBKDF2 hasher costs ~0.3 s a password; tests only need a working login.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, **extra) -> "User":
    return User.objects.create_user(username=username, password="pw-" + username, **extra)


@pytest.fixture
def outline(db) -> OutlineTemplate:
    outline = OutlineTemplate.objects.create(
        name="测试提纲", year=2030, meeting_kind="democratic_life", theme="测试主题"
    )
    for position, (wording, label) in enumerate(
        [("带头学习测试内容", "学习"), ("带头落实测试内容", "落实"), ("带头廉洁测试内容", "廉洁")], start=1
    ):
        Aspect.objects.create(outline=outline, position=position, wording=wording, label=label)
    return outline


@pytest.fixture
def unit(db) -> Unit:
    unit = Unit.objects.create(name="测试市测试局党委", short_name="测试局党委")
    for position, (name, role) in enumerate(
        [("赵书记", "secretary"), ("钱副书记", "deputy_secretary"), ("孙委员", "committee_member")], start=1
    ):
        Member.objects.create(unit=unit, name=name, role=role, position=position, title="职务")
    return unit


@pytest.fixture
def other_unit(db) -> Unit:
    unit = Unit.objects.create(name="另一单位党组", short_name="另一党组")
    Member.objects.create(unit=unit, name="外单位成员", position=1)
    return unit


def _with_role(username: str, unit: Unit, role: str) -> "User":
    user = make_user(username)
    UnitRole.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def drafter(unit):
    return _with_role("drafter", unit, UnitRole.Role.DRAFTER)


@pytest.fixture
def member_user(unit):
    user = _with_role("member", unit, UnitRole.Role.MEMBER)
    unit.members.filter(position=3).update(user=user)
    return user


@pytest.fixture
def secretary(unit):
    return _with_role("secretary", unit, UnitRole.Role.SECRETARY)


@pytest.fixture
def supervisor(unit):
    return _with_role("supervisor", unit, UnitRole.Role.SUPERVISOR)


@pytest.fixture
def outsider(other_unit):
    return _with_role("outsider", other_unit, UnitRole.Role.DRAFTER)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser(username="root", password="pw-root", email="root@example.invalid")


@pytest.fixture
def meeting(unit, outline) -> Meeting:
    meeting = Meeting.objects.create(
        unit=unit,
        outline=outline,
        kind=outline.meeting_kind,
        year=2030,
        title="测试局党委2030年度民主生活会",
        date=datetime.date(2031, 1, 5),
    )
    Material.objects.create(meeting=meeting)
    return meeting


@pytest.fixture
def other_meeting(other_unit, outline) -> Meeting:
    meeting = Meeting.objects.create(
        unit=other_unit, outline=outline, kind=outline.meeting_kind, year=2030, title="另一党组会议"
    )
    Material.objects.create(meeting=meeting)
    return meeting
