"""Names of the meeting, the documents and their files."""

from apps.exports.context.text import one_line
from apps.exports.documents import DocumentRef, Kind
from apps.meetings.models import Meeting
from apps.units.models import Member


def meeting_phrase(meeting: Meeting) -> str:
    """The meeting's title without the unit's name in front: ``2023年度主题教育专题民主生活会``."""
    title = one_line(meeting.title)
    for prefix in sorted({one_line(meeting.unit.name), one_line(meeting.unit.short_name)} - {""}, key=len)[
        ::-1
    ]:
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix) :]
    return title or f"{meeting.year}年度{meeting.get_kind_display()}"


def file_stem(meeting: Meeting, ref: DocumentRef, member: Member | None = None) -> str:
    """``示范市数据资源管理局党组班子2023年度主题教育专题民主生活会对照检查材料`` and the like."""
    unit, phrase = one_line(meeting.unit.name), meeting_phrase(meeting)
    if ref.kind == Kind.TEAM:
        return f"{team_name(unit)}{phrase}对照检查材料"
    if ref.kind == Kind.MEMBER:
        return f"{unit}{one_line(member.name) if member else ''}同志{phrase}个人对照检查材料"
    suffix = {Kind.SITUATION: "情况报告", Kind.LEDGER: "整改台账", Kind.OPINIONS: "征求意见汇总"}[ref.kind]
    return f"{unit}{phrase}{suffix}"


def who(meeting: Meeting) -> str:
    return one_line(meeting.unit.short_name) or one_line(meeting.unit.name)


def team_name(unit: str) -> str:
    """The team of a unit: 某某局党委班子; a name that already says 班子 (市委常委班子) keeps one."""
    return unit if unit.endswith("班子") else f"{unit}班子"
