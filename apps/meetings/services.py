"""Writes for meetings. Each service validates, saves inside one transaction and returns the object."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.ordering import next_position
from apps.core.revisions import save_revision
from apps.core.text import clean_line, strip_typed_numbering
from apps.entries.models import Material, Measure
from apps.meetings.models import (
    Attendance,
    Comment,
    Meeting,
    Opinion,
    OpinionSolicitation,
    StudySession,
    Talk,
)
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit


def propose_meeting_title(*, unit: Unit, outline: OutlineTemplate, year: int) -> str:
    """A title as units write it, naming the outline's theme when it has one for titles:
    某某局党委2026年度民主生活会, 某某局党委2023年度主题教育专题民主生活会, 某某支部2026年度组织生活会."""
    return f"{unit.display_name}{year}年度{outline.title_theme}{outline.get_meeting_kind_display()}"


@transaction.atomic
def meeting_create(
    *,
    unit: Unit,
    outline: OutlineTemplate,
    date: datetime.date | None = None,
    year: int | None = None,
    title: str = "",
    place: str = "",
) -> Meeting:
    """Create a meeting with its (empty) team material and the attendance list of serving members."""
    if not unit.is_active:
        raise ValidationError({"unit": "该单位已停用，不能新建会议。"})
    if not outline.is_active:
        raise ValidationError({"outline": "该提纲已停用，请选择其他提纲。"})
    year = year or outline.year or (date.year if date else timezone.localdate().year)
    meeting = Meeting.objects.create(
        unit=unit,
        outline=outline,
        kind=outline.meeting_kind,
        year=year,
        date=date,
        place=place,
        title=title or propose_meeting_title(unit=unit, outline=outline, year=year),
        host=unit.members.filter(role="secretary").order_by("position").first(),
    )
    meeting_prepare(meeting=meeting)
    return meeting


def meeting_prepare(*, meeting: Meeting) -> None:
    """Give a new meeting its team material and, unless one was entered, the attendance list of the
    members serving on the meeting date (or serving now, when the date is not set yet)."""
    if not meeting.materials.team().exists():
        Material.objects.create(meeting=meeting)
    if not meeting.attendances.exists():
        members = meeting.unit.members.all()
        members = members.active_on(meeting.date) if meeting.date else members.filter(active_to__isnull=True)
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, member=member) for member in members.order_by("position")
        )


def comment_create(*, meeting: Meeting, author, body: str) -> Comment:
    comment = Comment(meeting=meeting, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment


# --- The meeting's own steps: 会议信息, 会前准备, 情况报告 ---------------------------------------------
# The autosaved forms have validated and changed the instance; the *_update services write it only
# if nobody saved it in between (EditConflict otherwise), the *_add services create new rows.

MEETING_INFO_FIELDS = ("title", "date", "place", "host", "supervisor_names", "supervisor_org")
REPORT_FIELDS = ("narrative", "supervisor_remarks", "report_date")
MEMBER_MESSAGE = "只能选择本单位的班子成员。"
HOST_MESSAGE = "主持人必须是本单位班子成员，请从列表中选择。"
ABSENCE_MESSAGE = "请填写缺席原因。"
OPINION_MAX_LENGTH = Opinion._meta.get_field("text").max_length
PASTE_MAX_OPINIONS = 500


def _check_member(meeting: Meeting, member_id: int | None, field: str, message: str = MEMBER_MESSAGE) -> None:
    if member_id is not None and not Member.objects.filter(pk=member_id, unit_id=meeting.unit_id).exists():
        raise ValidationError({field: message})


def _only(fields: Sequence[str], allowed: Sequence[str]) -> list[str]:
    return [name for name in fields if name in allowed]


def meeting_info_update(*, meeting: Meeting, fields: Sequence[str], expected_revision: int) -> Meeting:
    """会议信息: title, date, place, host (a member of the unit) and the 督导组."""
    fields = _only(fields, MEETING_INFO_FIELDS)
    if "host" in fields:
        _check_member(meeting, meeting.host_id, "host", HOST_MESSAGE)
    return save_revision(meeting, fields, expected_revision)


def report_update(*, meeting: Meeting, fields: Sequence[str], expected_revision: int) -> Meeting:
    """情况报告: the narrative of the meeting, the 督导组's remarks and the report's date."""
    return save_revision(meeting, _only(fields, REPORT_FIELDS), expected_revision)


@transaction.atomic
def attendance_update(*, attendance: Attendance, present: bool, absence_reason: str = "") -> Attendance:
    """One member's attendance. A row the list only showed (selectors.meeting_attendance: a serving
    member without one) is created by this, its first save; a second editor saving the same member
    at the same moment meets the row the first created (get_or_create) instead of a duplicate."""
    reason = clean_line(absence_reason)
    if not present and not reason:
        raise ValidationError({"absence_reason": ABSENCE_MESSAGE})
    if attendance.pk is None:
        attendance, _ = Attendance.objects.get_or_create(
            meeting_id=attendance.meeting_id, member_id=attendance.member_id
        )
    attendance.present, attendance.absence_reason = present, reason
    attendance.save(update_fields=["present", "absence_reason"])
    return attendance


def measures_due_before_meeting(meeting: Meeting) -> int:
    """Measures of the meeting (team and personal) whose deadline falls before the meeting date."""
    if not meeting.date:
        return 0
    return Measure.objects.filter(material__meeting=meeting, deadline__lt=meeting.date).count()


# 学习研讨


def study_session_add(
    *, meeting: Meeting, date: datetime.date, topic: str, content: str = ""
) -> StudySession:
    session = StudySession(meeting=meeting, date=date, topic=topic, content=content)
    session.full_clean()
    session.save()
    return session


def study_session_update(
    *, session: StudySession, fields: Sequence[str], expected_revision: int
) -> StudySession:
    return save_revision(session, _only(fields, ("date", "topic", "content")), expected_revision)


def study_session_delete(*, session: StudySession) -> None:
    session.delete()


# 征求意见: the ways opinions were gathered, and the opinions


def solicitation_add(
    *, meeting: Meeting, method: str, date: datetime.date | None = None, participants: str = ""
) -> OpinionSolicitation:
    solicitation = OpinionSolicitation(meeting=meeting, method=method, date=date, participants=participants)
    solicitation.full_clean()
    solicitation.save()
    return solicitation


def solicitation_update(
    *, solicitation: OpinionSolicitation, fields: Sequence[str], expected_revision: int
) -> OpinionSolicitation:
    return save_revision(solicitation, _only(fields, ("method", "date", "participants")), expected_revision)


def solicitation_delete(*, solicitation: OpinionSolicitation) -> int:
    """Delete a solicitation; its opinions stay (without a source). Returns how many lost it."""
    with transaction.atomic():
        kept = solicitation.opinions.count()
        solicitation.delete()
    return kept


def split_pasted_opinions(text: str) -> list[str]:
    """One opinion per line of a pasted list: blank lines skipped, control characters removed,
    typed numbering (1. （一） 一是 …) stripped. Raises ValidationError (on ``text``) naming the
    lines over the length limit, so that nothing is created from a paste that needs fixing."""
    opinions: list[str] = []
    too_long: list[str] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = strip_typed_numbering(clean_line(raw))
        if not line:
            continue
        if len(line) > OPINION_MAX_LENGTH:
            too_long.append(f"第{number}行（{len(line)}字）")
        opinions.append(line)
    if too_long:
        raise ValidationError(
            {
                "text": f"{'、'.join(too_long)}超过每条{OPINION_MAX_LENGTH}字的上限，请拆分或删减后再添加。"
                "本次没有添加任何意见建议。"
            }
        )
    if not opinions:
        raise ValidationError({"text": "请粘贴意见建议，每行一条。"})
    if len(opinions) > PASTE_MAX_OPINIONS:
        raise ValidationError(
            {"text": f"一次最多添加{PASTE_MAX_OPINIONS}条意见建议（现有{len(opinions)}条），请分批粘贴。"}
        )
    return opinions


def opinions_paste(
    *,
    meeting: Meeting,
    text: str,
    solicitation: OpinionSolicitation | None = None,
    aspect: Aspect | None = None,
    target_member: Member | None = None,
) -> list[Opinion]:
    """Create one opinion per pasted line, after the existing ones, all with the same source,
    aspect and target (none: the team). All or nothing."""
    lines = split_pasted_opinions(text)
    if solicitation is not None and solicitation.meeting_id != meeting.pk:
        raise ValidationError({"solicitation": "意见来源必须属于本会议。"})
    if aspect is not None and aspect.outline_id != meeting.outline_id:
        raise ValidationError({"aspect": "所属方面必须来自本会议的提纲。"})
    if target_member is not None and target_member.unit_id != meeting.unit_id:
        raise ValidationError({"target_member": MEMBER_MESSAGE})
    for attempt in range(3):
        try:
            with transaction.atomic():
                start = next_position(meeting.opinions.all())
                return Opinion.objects.bulk_create(
                    Opinion(
                        meeting=meeting,
                        position=start + index,
                        text=line,
                        solicitation=solicitation,
                        aspect=aspect,
                        target_member=target_member,
                    )
                    for index, line in enumerate(lines)
                )
        except IntegrityError:  # someone added opinions at the same moment: take the next positions
            if attempt == 2:
                raise ValidationError({"text": "其他人正在同时添加意见建议，请再提交一次。"}) from None
    raise AssertionError("unreachable")


def opinion_update(*, opinion: Opinion, fields: Sequence[str], expected_revision: int) -> Opinion:
    meeting = opinion.meeting
    fields = _only(fields, ("text", "aspect", "target_member", "solicitation"))
    if opinion.aspect_id and not meeting.outline.aspects.filter(pk=opinion.aspect_id).exists():
        raise ValidationError({"aspect": "所属方面必须来自本会议的提纲。"})
    _check_member(meeting, opinion.target_member_id, "target_member")
    return save_revision(opinion, fields, expected_revision)


def opinion_delete(*, opinion: Opinion) -> None:
    opinion.delete()


# 谈心谈话

TALK_FIELDS = ("initiator", "counterpart", "counterpart_name", "date", "summary")


def _check_talk(meeting: Meeting, talk: Talk) -> None:
    _check_member(meeting, talk.initiator_id, "initiator")
    _check_member(meeting, talk.counterpart_id, "counterpart")
    if talk.counterpart_id is None and not clean_line(talk.counterpart_name):
        raise ValidationError({"counterpart": "请选择谈话对象，或在“其他人员”中填写姓名和职务。"})
    if talk.counterpart_id is not None and talk.counterpart_id == talk.initiator_id:
        raise ValidationError({"counterpart": "谈话人和谈话对象不能是同一人。"})


def talk_add(
    *,
    meeting: Meeting,
    initiator_id: int,
    counterpart_id: int | None = None,
    counterpart_name: str = "",
    date: datetime.date | None = None,
    summary: str = "",
) -> Talk:
    talk = Talk(
        meeting=meeting,
        initiator_id=initiator_id,
        counterpart_id=counterpart_id,
        counterpart_name=counterpart_name,
        date=date,
        summary=summary,
    )
    _check_talk(meeting, talk)
    talk.full_clean(exclude=["initiator", "counterpart"])  # checked above, without loading them
    talk.save()
    return talk


def talk_update(*, talk: Talk, fields: Sequence[str], expected_revision: int) -> Talk:
    _check_talk(talk.meeting, talk)
    return save_revision(talk, _only(fields, TALK_FIELDS), expected_revision)


def talk_delete(*, talk: Talk) -> None:
    talk.delete()
