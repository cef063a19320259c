"""Fixtures of the import tests: a meeting under the 2021 outline (the seed's), as the export's
round-trip test sets it up, with an empty team material."""

import datetime

import pytest

from apps.entries.models import Material
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate


@pytest.fixture
def meeting_2021(unit) -> Meeting:
    outline = OutlineTemplate.objects.get(year=2021)
    meeting = Meeting.objects.create(
        unit=unit, outline=outline, kind=outline.meeting_kind, year=2021,
        title="测试局党委2021年度专题民主生活会", date=datetime.date(2022, 1, 10),
    )  # fmt: skip
    Material.objects.get_or_create(meeting=meeting, member=None)
    return meeting
