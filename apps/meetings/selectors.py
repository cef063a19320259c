"""Reads for the meeting pages: a fixed number of queries whatever the number of entries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.entries.models import Cause, Material, Measure, Problem
from apps.meetings.models import Attendance, Meeting
from apps.units.models import Unit


def dashboard_units(units: QuerySet[Unit]) -> QuerySet[Unit]:
    team = Q(materials__member__isnull=True)
    meetings = Meeting.objects.select_related("outline").annotate(
        problem_count=Count("materials__problems", filter=team, distinct=True),
        measure_count=Count("materials__measures", filter=team, distinct=True),
    )
    return units.prefetch_related(Prefetch("meetings", queryset=meetings)).order_by("name")


def meeting_attendance(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related("member").order_by("member__position")


def team_material(meeting: Meeting) -> Material | None:
    """The team material with its problems, causes and measures loaded in a few queries."""
    problems = Problem.objects.select_related("aspect").order_by("aspect__position", "position")
    return (
        Material.objects.team()
        .filter(meeting=meeting)
        .prefetch_related(
            Prefetch("problems", queryset=problems),
            Prefetch("causes", queryset=Cause.objects.prefetch_related("problems")),
            Prefetch("measures", queryset=Measure.objects.select_related("owner").prefetch_related("items")),
        )
        .first()
    )


def problems_by_aspect(meeting: Meeting, material: Material | None) -> list[tuple]:
    """(aspect, [problems]) for every aspect of the outline, in outline order, empty ones included."""
    grouped: dict[int, list[Problem]] = {}
    for problem in material.problems.all() if material else []:
        grouped.setdefault(problem.aspect_id, []).append(problem)
    return [(aspect, grouped.get(aspect.pk, [])) for aspect in meeting.outline.aspects.all()]


def preparation_summary(meeting: Meeting) -> dict:
    """Counts the situation report quotes: study sessions, 座谈会, “xx个方面共xx条意见建议”, talks."""
    opinions = meeting.opinions.aggregate(
        total=Count("pk"),
        aspects=Count("aspect", distinct=True),
        sorted=Count("aspect"),
        claimed=Count("claimed_by"),
    )
    return {
        "study_sessions": meeting.study_sessions.count(),
        "forums": meeting.solicitations.filter(method="forum").count(),
        "opinions": opinions["total"],
        "opinion_aspects": opinions["aspects"],
        "opinions_with_aspect": opinions["sorted"],
        "opinions_claimed": opinions["claimed"],
        "talks": meeting.talks.count(),
    }


def meeting_members(meeting: Meeting) -> QuerySet:
    """The unit's members serving on the meeting day (all current ones before a date is set), in
    official order."""
    members = meeting.unit.members.select_related("user").order_by("position")
    return members.active_on(meeting.date) if meeting.date else members.filter(active_to__isnull=True)
