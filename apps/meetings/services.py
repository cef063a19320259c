"""Writes for meetings. Each service validates, saves inside one transaction and returns the object."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.entries.models import Material
from apps.meetings.models import Attendance, Comment, Meeting
from apps.outlines.models import MeetingKind, OutlineTemplate
from apps.units.models import Unit


def propose_meeting_title(*, unit: Unit, outline: OutlineTemplate, year: int) -> str:
    """A title as units write it: 某某局党委2026年度民主生活会, 某某局党委2023年专题民主生活会."""
    period = "年" if outline.meeting_kind == MeetingKind.SPECIAL_DEMOCRATIC_LIFE else "年度"
    return f"{unit.display_name}{year}{period}{outline.get_meeting_kind_display()}"


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
