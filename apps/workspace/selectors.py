"""Reads for the workspace: the steps with their states, counters and each step's entries, each
in a fixed number of queries whatever the number of entries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from apps.core.numbering import chinese_numeral
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.meetings import selectors as meeting_selectors
from apps.meetings.models import Meeting, Opinion
from apps.outlines.models import Aspect
from apps.workspace.figures import figures_of

EMPTY, PROGRESS, COMPLETE, ATTENTION = "empty", "progress", "complete", "attention"
STATE_LABELS = {EMPTY: "空", PROGRESS: "填写中", COMPLETE: "完成", ATTENTION: "需处理"}


@dataclass
class Step:
    key: str
    number: int
    label: str
    url: str
    state: str = EMPTY
    notes: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class MaterialCounts:
    """What the step marks are computed from; one small aggregate query each."""

    aspects: int
    aspects_without_problems: int
    problems: int
    problems_without_elaboration: int
    causes: int
    problems_unexplained: int
    measures: int
    measures_incomplete: int
    problems_unanswered: int


def _counts(values: dict[str, int]) -> MaterialCounts:
    names = [name for name in MaterialCounts.__dataclass_fields__ if name != "aspects_without_problems"]
    without = values["aspects"] - values["aspects_with_problems"]
    return MaterialCounts(aspects_without_problems=without, **{name: values[name] for name in names})


def counts_of(materials: list[Material]) -> dict[int, MaterialCounts]:
    """The counts of many materials in one query (the 工作台's bars list many)."""
    return {pk: _counts(values) for pk, values in figures_of([m.pk for m in materials]).items()}


def entry_steps(material: Material, counts: MaterialCounts, first_number: int) -> list[Step]:
    """The material's own steps (问题, 原因, 措施, 预览) from its counts (apps/review's 工作台 bars
    compute the counts of many materials at once)."""

    def url(name: str) -> str:
        return reverse(f"workspace:{name}", args=[material.meeting_id, material.pk])

    problems = Step("problems", first_number, "查摆问题", url("problems"))
    if counts.problems:
        problems.state = COMPLETE
        if counts.aspects_without_problems:
            problems.state = ATTENTION
            problems.notes.append(f"{counts.aspects_without_problems}个方面还没有查摆问题")
        if counts.problems_without_elaboration:
            problems.state = ATTENTION
            problems.notes.append(f"{counts.problems_without_elaboration}条问题还没有写具体表现")

    causes = Step("causes", first_number + 1, "原因剖析", url("causes"))
    if counts.causes:
        causes.state = COMPLETE
        if counts.problems_unexplained:
            causes.state = ATTENTION
            causes.notes.append(f"{counts.problems_unexplained}条问题还没有对应的原因")

    measures = Step("measures", first_number + 2, "整改措施", url("measures"))
    if counts.measures:
        measures.state = COMPLETE
        if counts.problems_unanswered:
            measures.state = ATTENTION
            measures.notes.append(f"{counts.problems_unanswered}条问题还没有对应的整改措施")
        if counts.measures_incomplete:
            measures.state = ATTENTION
            measures.notes.append(f"{counts.measures_incomplete}项措施缺少责任领导或完成时限")

    parts = [problems, causes, measures]
    preview = Step("preview", first_number + 3, "预览", url("preview"))
    preview.state = _overall(parts)
    return [*parts, preview]


def _overall(steps: list[Step]) -> str:
    states = {step.state for step in steps}
    if states == {EMPTY}:
        return EMPTY
    if states == {COMPLETE}:
        return COMPLETE
    return ATTENTION if ATTENTION in states else PROGRESS


def meeting_info_step(meeting: Meeting, number: int = 1) -> Step:
    step = Step("info", number, "会议信息", reverse("workspace:info", args=[meeting.pk]))
    filled = [bool(meeting.date), bool(meeting.place), bool(meeting.host_id), bool(meeting.supervisor_names)]
    if all(filled) and meeting_selectors.has_attendance(meeting):
        step.state = COMPLETE
    elif any(filled):
        step.state = PROGRESS
        labels = ["召开日期", "地点", "主持人", "督导组"]
        missing = [label for label, ok in zip(labels, filled, strict=True) if not ok]
        step.notes.append("还需填写：" + "、".join(missing))
    return step


def preparation_step(meeting: Meeting, summary: dict, number: int = 2) -> Step:
    step = Step("preparation", number, "会前准备", reverse("workspace:preparation", args=[meeting.pk]))
    parts = [summary["study_sessions"], summary["opinions"], summary["talks"]]
    if all(parts):
        step.state = COMPLETE
    elif any(parts):
        step.state = PROGRESS
    unsorted = summary["opinions"] - summary["opinions_with_aspect"]
    if unsorted:
        step.state = ATTENTION
        step.notes.append(f"{unsorted}条意见建议还没有归入方面")
    return step


def report_step(meeting: Meeting, number: int) -> Step:
    step = Step("report", number, "情况报告", reverse("workspace:report", args=[meeting.pk]))
    if meeting.narrative and meeting.supervisor_remarks:
        step.state = COMPLETE
    elif meeting.narrative or meeting.supervisor_remarks:
        step.state = PROGRESS
    return step


TEAM_ENTRY_STEPS_FROM = 3  # 会议信息 and 会前准备 come first in the team material


def team_steps(meeting: Meeting, material: Material, counts: MaterialCounts) -> list[Step]:
    summary = meeting_selectors.preparation_summary(meeting)
    parts = entry_steps(material, counts, first_number=TEAM_ENTRY_STEPS_FROM)
    return [
        meeting_info_step(meeting),
        preparation_step(meeting, summary),
        *parts,
        report_step(meeting, number=TEAM_ENTRY_STEPS_FROM + len(parts)),
    ]


def page_overview(meeting: Meeting, material: Material) -> tuple[dict, list[Step]]:
    """The counters and every step's mark of a workspace page, from one query of the figures."""
    values = figures_of([material.pk])[material.pk]
    counts = _counts(values)
    if material.is_team:
        steps = team_steps(meeting, material, counts)
    else:
        steps = entry_steps(material, counts, first_number=1)
    return _stats(material, values), steps


def material_progress(material: Material) -> tuple[dict, list[Step]]:
    """The counters and the marks of the steps an entry or a text of ``material`` can change (问题,
    原因, 措施 and 预览, which sums them up), from one query: what every autosave sends back. The
    meeting's own steps do not depend on the material."""
    values = figures_of([material.pk])[material.pk]
    first = TEAM_ENTRY_STEPS_FROM if material.is_team else 1
    return _stats(material, values), entry_steps(material, _counts(values), first_number=first)


def meeting_steps(meeting: Meeting) -> list[Step]:
    """The steps of the meeting itself (会议信息, 会前准备, 情况报告): what its autosaves send back."""
    return [
        meeting_info_step(meeting),
        preparation_step(meeting, meeting_selectors.preparation_summary(meeting)),
        report_step(meeting, number=TEAM_ENTRY_STEPS_FROM + 4),
    ]


# --- Counters -------------------------------------------------------------------------------------


def _stats(material: Material, values: dict[str, int]) -> dict:
    """Characters per part and the share of problems + causes in the whole text (reviewers send
    back materials whose 问题 and 原因 are a thin slice of a long text); the lead-ins count as free
    text (they tell achievements)."""
    problems, causes = values["problem_chars"], values["cause_chars"]
    measures = values["measure_chars"] + values["item_chars"]
    free_names = ["preamble", "recap", "closing", "problems_lead", "causes_lead", "measures_lead"]
    free_text = sum(len(getattr(material, name)) for name in free_names) + values["lead_in_chars"]
    total = problems + causes + measures + free_text
    share = round(100 * (problems + causes) / total) if total else 0
    return {"total": total, "problems": problems, "causes": causes, "measures": measures, "share": share}


# --- Step contents ------------------------------------------------------------------------------


@dataclass
class AspectBlock:
    aspect: Aspect
    number: int
    problems: list[Problem]
    text: AspectText | None = None  # the material's own heading and lead-in, once written

    @property
    def marker(self) -> str:
        return f"（{chinese_numeral(self.number)}）"


def problem_blocks(
    material: Material, *, with_opinions: bool = True, with_texts: bool = True
) -> list[AspectBlock]:
    """Every aspect of the outline, in order, with the material's problems under it."""
    problems = material.problems.order_by("aspect__position", "position")
    if with_opinions:
        claimed = Opinion.objects.only("pk", "claimed_by").order_by()  # checked boxes: a set
        problems = problems.prefetch_related(Prefetch("claimed_opinions", queryset=claimed))
    else:
        problems = problems.only("pk", "material_id", "aspect_id", "headline", "position")
    grouped: dict[int, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.aspect_id, []).append(problem)
    aspects = Aspect.objects.filter(outline_id=material.meeting.outline_id).order_by("position")
    texts = {text.aspect_id: text for text in material.aspect_texts.all()} if with_texts else {}
    return [AspectBlock(a, n, grouped.get(a.pk, []), texts.get(a.pk)) for n, a in enumerate(aspects, start=1)]


def opinion_choices(material: Material) -> dict[int | None, list[tuple[int, str]]]:
    """The meeting's opinions a problem of this material may claim, by aspect (None: not sorted).
    The team material answers the opinions addressed to the team; a personal material those
    addressed to its member."""
    opinions = Opinion.objects.filter(meeting_id=material.meeting_id, target_member_id=material.member_id)
    by_aspect: dict[int | None, list[tuple[int, str]]] = {}
    for pk, aspect_id, text in opinions.order_by("position").values_list("pk", "aspect_id", "text"):
        label = text if len(text) <= 60 else text[:58] + "……"
        by_aspect.setdefault(aspect_id, []).append((pk, label))
    return by_aspect


def problem_labels(material: Material) -> list[tuple[int, str]]:
    """(pk, "（一）一是 headline") for choosing problems in causes and measures."""
    labels = []
    for block in problem_blocks(material, with_opinions=False, with_texts=False):
        for index, problem in enumerate(block.problems, start=1):
            labels.append((problem.pk, f"{block.marker}{chinese_numeral(index)}是 {problem.headline}"))
    return labels


# --- 原因剖析 and 整改措施 ------------------------------------------------------------------------


def cause_cards(material: Material) -> QuerySet[Cause]:
    """The material's causes in order, with the ids of the problems they explain."""
    only_pk = Problem.objects.only("pk").order_by()  # a set of ids: no ordering, none of its joins
    return material.causes.order_by("position").prefetch_related(Prefetch("problems", queryset=only_pk))


def measure_cards(material: Material) -> QuerySet[Measure]:
    """The material's measures in order, with their linked ids (sets: no ordering, none of the
    default ordering's joins up to the meeting) and their sub-items."""
    return material.measures.order_by("position").prefetch_related(
        Prefetch("problems", queryset=Problem.objects.only("pk").order_by()),
        Prefetch("causes", queryset=Cause.objects.only("pk").order_by()),
        Prefetch("items", queryset=MeasureItem.objects.order_by("position")),
    )


def cause_labels(material: Material) -> list[tuple[int, str]]:
    """(pk, "（一）headline") for choosing causes in measures."""
    causes = material.causes.order_by("position").values_list("pk", "headline")
    return [(pk, f"（{chinese_numeral(n)}）{headline}") for n, (pk, headline) in enumerate(causes, start=1)]


def uncovered_problems(
    material: Material, relation: str, labels: list[tuple[int, str]] | None = None
) -> list[dict]:
    """The problems no cause explains (``relation="causes"``) or no measure answers
    (``relation="measures"``), in document order, as ``{"id", "label"}`` for the page and the
    JSON answer of a save. Pass ``labels`` when the page has already computed them."""
    if relation not in {"causes", "measures"}:
        raise ValueError(relation)
    unlinked = material.problems.filter(**{f"{relation}__isnull": True}).order_by()
    uncovered = set(unlinked.values_list("pk", flat=True))
    if labels is None:
        labels = problem_labels(material) if uncovered else []
    return [{"id": pk, "label": label} for pk, label in labels if pk in uncovered]
