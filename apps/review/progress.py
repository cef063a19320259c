"""The 工作台's bars: each listed meeting's team material, step by step (问题, 原因, 措施, 预览), in a
fixed number of queries however many meetings the user sees — the workspace computes the same
counts for one material (apps.workspace.selectors.material_counts); here they are grouped."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from apps.entries.models import Cause, Material, Measure, Problem
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect
from apps.workspace.selectors import MaterialCounts, Step, entry_steps


def _grouped(queryset, **aggregates) -> dict[int, dict]:
    return {row.pop("material_id"): row for row in queryset.values("material_id").annotate(**aggregates)}


def counts_of(materials: list[Material]) -> dict[int, MaterialCounts]:
    ids = [material.pk for material in materials]
    aspects: dict[int, list[int]] = defaultdict(list)
    outlines = {material.meeting.outline_id for material in materials}
    for outline_id, pk in Aspect.objects.filter(outline_id__in=outlines).values_list("outline_id", "pk"):
        aspects[outline_id].append(pk)
    with_problems: dict[int, set[int]] = defaultdict(set)
    for material_id, aspect_id in (
        Problem.objects.filter(material_id__in=ids).values_list("material_id", "aspect_id").distinct()
    ):
        with_problems[material_id].add(aspect_id)
    problems = _grouped(
        Problem.objects.filter(material_id__in=ids),
        total=Count("pk"),
        bare=Count("pk", filter=Q(elaboration="")),
        unexplained=Count("pk", filter=~Q(pk__in=Cause.problems.through.objects.values("problem_id"))),
        unanswered=Count("pk", filter=~Q(pk__in=Measure.problems.through.objects.values("problem_id"))),
    )
    measures = _grouped(
        Measure.objects.filter(material_id__in=ids),
        total=Count("pk"),
        incomplete=Count("pk", filter=Q(owner__isnull=True) | Q(deadline__isnull=True)),
    )
    causes = _grouped(Cause.objects.filter(material_id__in=ids), total=Count("pk"))
    result = {}
    for material in materials:
        outline_aspects = aspects[material.meeting.outline_id]
        p = problems.get(material.pk, {})
        m = measures.get(material.pk, {})
        result[material.pk] = MaterialCounts(
            aspects=len(outline_aspects),
            aspects_without_problems=sum(1 for pk in outline_aspects if pk not in with_problems[material.pk]),
            problems=p.get("total", 0),
            problems_without_elaboration=p.get("bare", 0),
            causes=causes.get(material.pk, {}).get("total", 0),
            problems_unexplained=p.get("unexplained", 0),
            measures=m.get("total", 0),
            measures_incomplete=m.get("incomplete", 0),
            problems_unanswered=p.get("unanswered", 0),
        )
    return result


def meeting_progress(meetings: list[Meeting]) -> list[tuple[Meeting, Material, list[Step]]]:
    """Each meeting in preparation with its team material's steps."""
    preparing = {m.pk: m for m in meetings if m.status == Meeting.Status.PREPARING}
    teams = list(Material.objects.team().filter(meeting_id__in=preparing))
    for material in teams:
        material.meeting = preparing[material.meeting_id]
    counts = counts_of(teams)
    teams.sort(key=lambda material: meetings.index(material.meeting))
    return [(m.meeting, m, entry_steps(m, counts[m.pk], first_number=1)) for m in teams]
