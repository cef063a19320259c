"""The cast around one measure of the 整改台账 (for the rules, services, evidence and measure-page
tests): its owner (the login of the member named 责任领导), the drafter, a member who does not own
it, the 书记, the 督导组, an organisation department above the unit, an outsider and an
administrator. Import the fixtures a module uses; ``media`` keeps stored files in a temporary folder.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.accounts.models import UnitRole
from apps.entries import services as entry_services
from apps.entries.models import Material, Measure
from apps.ledger.models import ProgressNote
from apps.units.models import Unit
from tests.conftest import make_user

Status = Measure.Status
ROLES = ["owner", "drafter", "member", "secretary", "supervisor", "organisation", "outsider", "admin"]
STATUSES = [status.value for status in Status]
# The meeting of the shared cast is on 2031-01-05; completion dates must not be before it nor in the future.
COMPLETED_ON = datetime.date(2031, 3, 1)
TODAY = datetime.date(2031, 6, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence is stored under a fresh folder, never the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Every test runs on TODAY, after the meeting of the shared cast (2031-01-05)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.team().get()


@pytest.fixture
def owner(unit, member_user):
    """The member login (孙委员, position 3) that the measure names as 责任领导."""
    return member_user


@pytest.fixture
def measure(team, unit, owner) -> Measure:
    aspect = team.meeting.outline.aspects.order_by("position").first()
    problem = entry_services.problem_add(material=team, aspect=aspect, headline="理论学习不够深入")
    return entry_services.measure_add(
        material=team,
        headline="坚持不懈强化理论武装",
        elaboration="完善中心组学习制度。",
        items=["每季度开展一次专题研讨"],
        problems=[problem],
        owner=unit.members.get(user=owner),
        department="办公室",
        deadline=datetime.date(2031, 12, 31),
    )


@pytest.fixture
def other_member(unit):
    """A member with a login who does not own the measure (钱副书记)."""
    user = make_user("qian")
    UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.MEMBER)
    unit.members.filter(position=2).update(user=user)
    return user


@pytest.fixture
def organisation(unit):
    """An organisation department (组织部门) holding its role on the unit's parent."""
    parent = Unit.objects.create(name="测试市委组织部", short_name="组织部")
    unit.parent = parent
    unit.save()
    user = make_user("zuzhibu")
    UnitRole.objects.create(user=user, unit=parent, role=UnitRole.Role.ORGANISATION)
    return user


@pytest.fixture
def cast(owner, drafter, other_member, secretary, supervisor, organisation, outsider, admin_user) -> dict:
    return {
        "owner": owner,
        "drafter": drafter,
        "member": other_member,
        "secretary": secretary,
        "supervisor": supervisor,
        "organisation": organisation,
        "outsider": outsider,
        "admin": admin_user,
    }


def set_status(measure: Measure, status: str) -> Measure:
    """Put ``measure`` in ``status`` without the services (a done one gets a completion date)."""
    done = status in (Status.DONE, Status.CLOSED)
    Measure.objects.filter(pk=measure.pk).update(status=status, completed_on=COMPLETED_ON if done else None)
    measure.refresh_from_db()
    return measure


def add_note(measure: Measure, text: str = "已制定学习计划。") -> ProgressNote:
    return ProgressNote.objects.create(measure=measure, text=text, noted_on=COMPLETED_ON)


# --- Files --------------------------------------------------------------------------------------


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>整改佐证材料</p>").write_pdf()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
