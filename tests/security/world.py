"""One of everything a URL of the site can name, and one user per role, for the access matrix and
the fuzz test.

测试市委 (组织部门 ``organisation`` holds its role here)
└── 测试局党委 (``unit``): drafter, member (owns the personal material), other_member, secretary,
    supervisor; its 2030 meeting with the team material and 孙委员's personal material, each with
    a problem, cause, measure and sub-item, a progress note with an evidence file, a comment, a
    snapshot, a pending import and a snippet use.
另一单位党组 (``other_unit``): ``outsider`` drafts there; its own meeting, to be invisible.

``World.objects(variant)`` is what the URL filler reads: the material-scoped objects of the team
material (variant ``team``) or of the personal one (``personal``), over the unit-wide ones.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from apps.accounts.models import UnitRole
from apps.bundles.models import BundleJob
from apps.comments.models import MaterialComment
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.history.models import Snapshot
from apps.history.snapshots import snapshot_take
from apps.imports.models import PendingImport
from apps.ledger.models import Evidence, ProgressNote
from apps.meetings.models import (
    Attendance,
    Comment,
    Meeting,
    Opinion,
    OpinionSolicitation,
    StudySession,
    Talk,
)
from apps.notifications.models import Notification
from apps.snippets.models import Snippet, SnippetUse
from apps.units.models import Member, Unit
from tests.conftest import make_user

Role = UnitRole.Role

# Every role of the matrix, in the order of the table's columns.
ROLES = (
    "anonymous",
    "drafter",
    "member",  # 班子成员 whose personal material the world holds
    "other_member",  # another 班子成员 of the same unit
    "secretary",
    "supervisor",
    "organisation",  # 组织部门 of the parent unit: reads the subtree
    "outsider",  # a drafter of another unit
    "admin",
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    common: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)

    def objects(self, variant: str) -> dict:
        return {**self.common, **self.variants[variant]}


def _with_role(username: str, unit: Unit, role: str):
    user = make_user(username)
    UnitRole.objects.create(user=user, unit=unit, role=role)
    return user


def _material_objects(material: Material, aspect, author, owner: Member) -> dict:
    problem = Problem.objects.create(material=material, aspect=aspect, position=1, headline="问题一")
    cause = Cause.objects.create(material=material, position=1, headline="原因一")
    measure = Measure.objects.create(
        material=material, position=1, headline="措施一", deadline=datetime.date(2031, 6, 30), owner=owner
    )
    item = MeasureItem.objects.create(measure=measure, position=1, text="一要制定计划")
    aspect_text = AspectText.objects.create(material=material, aspect=aspect, lead_in="导语")
    note = ProgressNote.objects.create(measure=measure, author=author, text="已制定计划")
    evidence = Evidence(note=note, name="计划.pdf", kind="pdf", size=len(PDF_BYTES), uploaded_by=author)
    evidence.file.save("plan.pdf", ContentFile(PDF_BYTES), save=True)
    snippet = Snippet.objects.create(unit=material.meeting.unit, text=f"素材{material.pk}", created_by=author)
    return {
        "material": material,
        "problem": problem,
        "cause": cause,
        "measure": measure,
        "item": item,
        "aspect_text": aspect_text,
        "note": note,
        "evidence": evidence,
        "comment": MaterialComment.objects.create(material=material, author=author, body="请补充事例"),
        "snapshot": snapshot_take(material=material, reason=Snapshot.Reason.EXPORT, user=author),
        "import": PendingImport.objects.create(
            material=material, created_by=author, source_kind="paste", source_lines=["一、存在的问题"]
        ),
        "done_import": PendingImport.objects.create(
            material=material,
            created_by=author,
            source_kind="paste",
            source_lines=["一、存在的问题"],
            status=PendingImport.Status.COMMITTED,
        ),
        "use": SnippetUse.objects.create(
            snippet=snippet,
            material=material,
            entry_type=ContentType.objects.get_for_model(Problem),
            entry_id=problem.pk,
            field_name="headline",
            mode="append",
            used_by=author,
        ),
    }


def _last_year_measure(meeting) -> Measure:
    old = Meeting.objects.create(
        unit=meeting.unit,
        outline=meeting.outline,
        kind=meeting.kind,
        year=meeting.year - 1,
        title="去年的会议",
    )
    material = Material.objects.create(meeting=old)
    return Measure.objects.create(material=material, position=1, headline="去年的措施")


def _finished_bundle(meeting, requester) -> BundleJob:
    job = BundleJob.objects.create(
        meeting=meeting, requested_by=requester, filename="全部材料.zip", status=BundleJob.Status.DONE
    )
    job.file.save("bundle.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=True)  # an empty zip
    return job


def build_world(unit: Unit, other_unit: Unit, meeting, other_meeting, member_user, admin_user) -> World:
    parent = Unit.objects.create(name="测试市委", short_name="测试市委")
    unit.parent = parent
    unit.save(update_fields=["parent"])
    drafter = _with_role("w-drafter", unit, Role.DRAFTER)
    other_member = _with_role("w-other-member", unit, Role.MEMBER)
    unit.members.filter(position=2).update(user=other_member)
    users = {
        "anonymous": None,
        "drafter": drafter,
        "member": member_user,
        "other_member": other_member,
        "secretary": _with_role("w-secretary", unit, Role.SECRETARY),
        "supervisor": _with_role("w-supervisor", unit, Role.SUPERVISOR),
        "organisation": _with_role("w-zuzhi", parent, Role.ORGANISATION),
        "outsider": _with_role("w-outsider", other_unit, Role.DRAFTER),
        "admin": admin_user,
    }
    owner = unit.members.get(user=member_user)
    team = meeting.materials.team().get()
    personal = Material.objects.create(meeting=meeting, member=owner)
    aspect = meeting.outline.aspects.first()
    solicitation = OpinionSolicitation.objects.create(meeting=meeting, method="forum")
    common = {
        "unit": unit,
        "meeting": meeting,
        "member": owner,
        "aspect": aspect,
        "attendance": Attendance.objects.create(meeting=meeting, member=owner),
        "study": StudySession.objects.create(meeting=meeting, date=datetime.date(2030, 11, 1), topic="学习"),
        "solicitation": solicitation,
        "opinion": Opinion.objects.create(
            meeting=meeting, position=1, text="意见", solicitation=solicitation
        ),
        "talk": Talk.objects.create(meeting=meeting, initiator=owner, counterpart_name="群众"),
        "snippet": Snippet.objects.create(unit=unit, text="单位素材", created_by=drafter),
        "meeting_comment": Comment.objects.create(meeting=meeting, author=drafter, body="请补充"),
        # The drafter's own message: everybody else's bell is another list.
        "notification": Notification.objects.create(
            user=drafter, text="请审核", url="/", kind="review_submit"
        ),
        "other_meeting": other_meeting,
        # Last year's measure, for 从去年措施续写 (ledger:carry_over).
        "old_measure": _last_year_measure(meeting),
        # The drafter's 导出全部材料 job: only its requester may follow and download it.
        "bundle": _finished_bundle(meeting, drafter),
    }
    variants = {
        # The team's measure is other_member's to follow (责任领导), the personal one the member's own.
        "team": _material_objects(team, aspect, drafter, unit.members.get(user=other_member)),
        "personal": _material_objects(personal, aspect, member_user, owner),
    }
    return World(users=users, common=common, variants=variants)
