"""Reads for the meeting pages: a fixed number of queries whatever the number of entries."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from apps.entries.models import Cause, Material, Measure, Problem
from apps.meetings.models import Attendance, Meeting, Opinion, OpinionSolicitation, StudySession, Talk
from apps.outlines.models import Aspect
from apps.units.models import Member, Unit


def dashboard_units(units: QuerySet[Unit]) -> QuerySet[Unit]:
    team = Q(materials__member__isnull=True)
    meetings = Meeting.objects.select_related("outline").annotate(
        problem_count=Count("materials__problems", filter=team, distinct=True),
        measure_count=Count("materials__measures", filter=team, distinct=True),
    )
    return units.prefetch_related(Prefetch("meetings", queryset=meetings)).order_by("name")


def meeting_attendance(meeting: Meeting) -> list[Attendance]:
    """The attendance list in official order: the rows entered, and an unsaved row (present, the
    default) for every member serving on the meeting day who has none yet — a member who joined
    after the list was made, or a meeting never opened. Reading it writes nothing: a row is created
    by its first save (services.attendance_update). A member who left keeps the row entered for them.
    Two queries whatever the number of members."""
    rows = {row.member_id: row for row in meeting.attendances.select_related("member")}
    for member in meeting_members(meeting):
        rows.setdefault(member.pk, Attendance(meeting=meeting, member=member))
    return sorted(rows.values(), key=lambda row: row.member.position)


def attendance_row(meeting: Meeting, member_pk: int) -> Attendance | None:
    """One member's line of the list above (saved or not); None for a member not on it."""
    row = meeting.attendances.select_related("member").filter(member_id=member_pk).first()
    if row is not None:
        return row
    member = meeting_members(meeting).filter(pk=member_pk).first()
    return Attendance(meeting=meeting, member=member) if member is not None else None


def has_attendance(meeting: Meeting) -> bool:
    """Whether the list has anyone on it (rows entered, or members serving): what 会议信息 needs."""
    return meeting.attendances.exists() or meeting_members(meeting).exists()


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


def opinions_sentence(total: int, aspects: int) -> str:
    """The opinions collected, in the situation report's words: 征求到3个方面共5条意见建议."""
    if not total:
        return "尚未录入征求到的意见建议"
    return f"征求到{aspects}个方面共{total}条意见建议" if aspects else f"共征求到{total}条意见建议"


def _preparation_sql() -> str:
    """The counts below as one query: every workspace page of a team material shows the 会前准备
    mark, and as four ORM queries they were a tenth of the 原因剖析 page's time. Table names come
    from the models, every value is a parameter (SQLite and PostgreSQL alike)."""
    quote = connection.ops.quote_name
    opinion, study, solicitation, talk = (
        quote(model._meta.db_table) for model in (Opinion, StudySession, OpinionSolicitation, Talk)
    )
    return (
        "SELECT o.total, o.aspects, o.sorted, o.claimed, "  # noqa: S608 - table names from the models
        f"(SELECT COUNT(*) FROM {study} s WHERE s.meeting_id = %(meeting)s), "
        f"(SELECT COUNT(*) FROM {solicitation} f WHERE f.meeting_id = %(meeting)s AND f.method = %(forum)s), "
        f"(SELECT COUNT(*) FROM {talk} t WHERE t.meeting_id = %(meeting)s) "
        "FROM (SELECT COUNT(*) AS total, COUNT(DISTINCT aspect_id) AS aspects, COUNT(aspect_id) AS sorted, "
        f"COUNT(claimed_by_id) AS claimed FROM {opinion} WHERE meeting_id = %(meeting)s) o"
    )


def preparation_summary(meeting: Meeting) -> dict:
    """Counts the situation report quotes: study sessions, 座谈会, “xx个方面共xx条意见建议”, talks."""
    with connection.cursor() as cursor:
        cursor.execute(_preparation_sql(), {"meeting": meeting.pk, "forum": OpinionSolicitation.Method.FORUM})
        total, aspects, sorted_, claimed, study_sessions, forums, talks = cursor.fetchone()
    return {
        "study_sessions": study_sessions,
        "forums": forums,
        "opinions": total,
        "opinion_aspects": aspects,
        "opinions_with_aspect": sorted_,
        "opinions_claimed": claimed,
        "opinions_sentence": opinions_sentence(total, aspects),
        "talks": talks,
    }


def meeting_members(meeting: Meeting) -> QuerySet:
    """The unit's members serving on the meeting day (all current ones before a date is set), in
    official order."""
    members = meeting.unit.members.select_related("user").order_by("position")
    return members.active_on(meeting.date) if meeting.date else members.filter(active_to__isnull=True)


# --- The meeting's own steps (会议信息, 会前准备, 情况报告) -----------------------------------------


def unit_members(meeting: Meeting) -> list[Member]:
    """Every member of the meeting's unit in official order (former ones too: an entry written
    with them must still show them)."""
    return list(Member.objects.filter(unit_id=meeting.unit_id).order_by("position"))


def talk_counts(meeting: Meeting) -> dict:
    """谈心谈话 in 人次: among the team's members, and with people outside the team."""
    counts = meeting.talks.aggregate(
        total=Count("pk"), between=Count("pk", filter=Q(counterpart__isnull=False))
    )
    return {**counts, "others": counts["total"] - counts["between"]}


@dataclass
class MemberProblems:
    """One member's line in the report's 成员问题摘要."""

    member: Member
    material: Material | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ReportSummary:
    attendance: list[Attendance]
    preparation: dict
    talks: dict
    problems_per_aspect: list[tuple[Aspect, int]]
    members: list[MemberProblems]
    measures: int

    @property
    def expected(self) -> int:
        return len(self.attendance)

    @property
    def present(self) -> int:
        return sum(1 for row in self.attendance if row.present)

    @property
    def absentees(self) -> list[Attendance]:
        return [row for row in self.attendance if not row.present]

    @property
    def team_problems(self) -> int:
        return sum(count for _, count in self.problems_per_aspect)

    @property
    def problem_aspects(self) -> int:
        return sum(1 for _, count in self.problems_per_aspect if count)


def report_summary(meeting: Meeting) -> ReportSummary:
    """What the situation report prints, for checking on screen: a fixed number of queries."""
    per_aspect = dict(
        Problem.objects.filter(material__meeting=meeting, material__member__isnull=True)
        .values_list("aspect")
        .annotate(n=Count("pk"))
        .values_list("aspect", "n")
    )
    aspects = Aspect.objects.filter(outline_id=meeting.outline_id).order_by("position")
    problems = Problem.objects.only("pk", "material_id", "aspect_id", "headline", "position")
    personal = (
        Material.objects.filter(meeting=meeting, member__isnull=False)
        .select_related("member")
        .prefetch_related(Prefetch("problems", queryset=problems.order_by("aspect__position", "position")))
    )
    by_member = {material.member_id: MemberProblems(material.member, material) for material in personal}
    for lines in by_member.values():
        lines.problems = list(lines.material.problems.all())
    for member in meeting_members(meeting):
        by_member.setdefault(member.pk, MemberProblems(member, None))
    measures = Measure.objects.filter(material__meeting=meeting, material__member__isnull=True).count()
    return ReportSummary(
        attendance=list(meeting_attendance(meeting)),
        preparation=preparation_summary(meeting),
        talks=talk_counts(meeting),
        problems_per_aspect=[(aspect, per_aspect.get(aspect.pk, 0)) for aspect in aspects],
        members=sorted(by_member.values(), key=lambda line: line.member.position),
        measures=measures,
    )
