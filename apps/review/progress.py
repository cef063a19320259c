"""The 工作台's bars: each listed meeting's team material, step by step (问题, 原因, 措施, 预览), in a
fixed number of queries however many meetings the user sees (apps.workspace.selectors.counts_of,
which the workspace uses for one material too)."""

from __future__ import annotations

from apps.entries.models import Material
from apps.meetings.models import Meeting
from apps.workspace.selectors import Step, counts_of, entry_steps


def meeting_progress(meetings: list[Meeting]) -> list[tuple[Meeting, Material, list[Step]]]:
    """Each meeting in preparation with its team material's steps."""
    preparing = {m.pk: m for m in meetings if m.status == Meeting.Status.PREPARING}
    teams = list(Material.objects.team().filter(meeting_id__in=preparing))
    for material in teams:
        material.meeting = preparing[material.meeting_id]
    counts = counts_of(teams)
    teams.sort(key=lambda material: meetings.index(material.meeting))
    return [(m.meeting, m, entry_steps(m, counts[m.pk], first_number=1)) for m in teams]
