"""Into next year: last year's 整改台账 feeds this year's material.

- :func:`recap_draft` writes the 上年度整改落实情况 from the previous meeting's measures, in the words
  real materials use (``上年度民主生活会查摆的N个问题、制定的M项整改措施，已完成X项……``), then what
  is still open as 一是…二是… with owner and deadline. A new material starts with it (the receiver
  :func:`start_recap`), and the workspace regenerates it on demand (views/carryover.py).
- :func:`problem_carry_over` turns an open measure of last year into a problem of source 上年未结,
  linked to the old measure, so that the ledger can follow it into this year.
- :func:`rectification_summary` counts the measures; the 情况报告 (apps/exports) uses the same counts.

"Last year" is the previous meeting of the same unit (:func:`previous_meeting`), and a material is
matched with its predecessor: the team's with the team's, a member's with that member's own.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from apps.core.numbering import cn_date, inline_marker
from apps.core.text import clean_line
from apps.entries import services as entries
from apps.entries.models import Material, Measure, Problem
from apps.history.models import MaterialEdit
from apps.ledger.selectors import with_latest_note
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect

Status = Measure.Status
RECAP_LIMIT = Material._meta.get_field("recap").max_length
HEADLINE_LIMIT = Problem._meta.get_field("headline").max_length
ELABORATION_LIMIT = Problem._meta.get_field("elaboration").max_length

NOT_PREVIOUS = "这项措施不是本材料上一次会议对应材料中的整改措施，不能作为上年未结问题加入。"
NOT_OPEN = "这项措施在整改台账中已{status}，不需要作为上年未结问题加入。"
ALREADY_CARRIED = "这项措施已作为上年未结问题加入过本材料。"
EDIT_ACTION = "台账：加入上年未结问题"


# --- Which meeting and material came before ------------------------------------------------------


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The same unit's latest meeting before ``meeting``: an earlier year, or the same year on an
    earlier date (when both are dated). Never the meeting itself."""
    earlier = Q(year__lt=meeting.year)
    if meeting.date:
        earlier |= Q(year=meeting.year, date__lt=meeting.date)
    candidates = Meeting.objects.filter(earlier, unit_id=meeting.unit_id).exclude(pk=meeting.pk)
    return candidates.order_by("-year", F("date").desc(nulls_last=True), "-pk").first()


def previous_material(material: Material) -> Material | None:
    """The material of the previous meeting matching ``material``: the team's for the team's, the
    same member's own for a personal one (None when that member wrote none)."""
    meeting = previous_meeting(material.meeting)
    if meeting is None:
        return None
    found = meeting.materials.filter(member_id=material.member_id).select_related("member").first()
    if found is not None:
        found.meeting = meeting
    return found


def measures_of(material: Material) -> QuerySet[Measure]:
    """A material's measures in order, with owner, linked problems (and their aspects) and the
    latest progress note (its date and text) loaded: a fixed number of queries for any count."""
    problems = Problem.objects.select_related("aspect").order_by("aspect__position", "position")
    measures = material.measures.select_related("owner").prefetch_related(
        Prefetch("problems", queryset=problems)
    )
    return with_latest_note(measures).order_by("position")


def previous_measures(material: Material) -> list[Measure]:
    """The measures of the previous matching material (empty without one)."""
    previous = previous_material(material)
    return list(measures_of(previous)) if previous else []


def counting_day() -> datetime.date:
    """The day overdue is counted on (one place, so tests can set it)."""
    return timezone.localdate()


# --- The counts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RectificationSummary:
    """How far a set of measures got. ``done`` includes the closed (销号) ones; ``overdue`` counts
    open measures past their deadline."""

    problems: int
    measures: int
    done: int
    closed: int
    in_progress: int
    not_started: int
    overdue: int

    @property
    def open(self) -> int:
        return self.in_progress + self.not_started


def rectification_summary(
    measures: Iterable[Measure], *, problems: int | None = None, today: datetime.date | None = None
) -> RectificationSummary:
    """Count ``measures`` by status. ``problems`` is, unless given, the number of distinct problems
    linked to them; the recap passes the previous material's own problem count instead, because a
    material says how many problems it found (查摆的N个问题) whether or not each has a measure."""
    measures = list(measures)
    today = today or counting_day()
    statuses = Counter(measure.status for measure in measures)
    if problems is None:
        links = Measure.problems.through.objects.filter(measure_id__in=[m.pk for m in measures])
        problems = links.values("problem_id").distinct().count() if measures else 0
    return RectificationSummary(
        problems=problems,
        measures=len(measures),
        done=statuses[Status.DONE] + statuses[Status.CLOSED],
        closed=statuses[Status.CLOSED],
        in_progress=statuses[Status.IN_PROGRESS],
        not_started=statuses[Status.NOT_STARTED],
        overdue=sum(1 for measure in measures if measure.is_overdue(today)),
    )


def meeting_label(previous: Meeting, meeting: Meeting) -> str:
    """``上年度民主生活会`` (the previous year), ``2021年度民主生活会`` (a year was skipped), or
    ``上次专题民主生活会`` (the same year)."""
    kind = previous.get_kind_display()
    if previous.year == meeting.year:
        return f"上次{kind}"
    if previous.year == meeting.year - 1:
        return f"上年度{kind}"
    return f"{previous.year}年度{kind}"


def summary_clause(summary: RectificationSummary, *, subject: str = "") -> str:
    """``查摆的14个问题、制定的8项整改措施，已完成5项（其中已销号3项），正在推进2项，尚未启动1项``:
    the counts as the documents write them (Arabic numerals in running text, parts that are
    zero left out). ``subject`` goes before 查摆 (``我`` in a personal material)."""
    found = f"查摆的{summary.problems}个问题、" if summary.problems else ""
    clause = f"{subject}{found}制定的{summary.measures}项整改措施，"
    closed = f"（其中已销号{summary.closed}项）" if summary.closed else ""
    if summary.done == summary.measures:
        return clause + "已全部完成" + closed
    if summary.in_progress == summary.measures:
        return clause + "均在推进中"
    if summary.not_started == summary.measures:
        return clause + "均尚未启动"
    parts = []
    if summary.done:
        parts.append(f"已完成{summary.done}项{closed}")
    if summary.in_progress:
        parts.append(f"正在推进{summary.in_progress}项")
    if summary.not_started:
        parts.append(f"尚未启动{summary.not_started}项")
    return clause + "，".join(parts)


# --- The draft of 上年度整改落实情况 -----------------------------------------------------------------


def _bare(text: str) -> str:
    """A headline inside a sentence: one line, no closing punctuation of its own."""
    return clean_line(text).strip().rstrip("。；;，,、.!！?？ ")


def _open_item(
    number: int, measure: Measure, material: Material, today: datetime.date, *, say_late: bool = True
) -> str:
    """``一是强化理论武装，责任领导赵书记，完成时限2031年6月30日，正在推进`` (and ``已超过完成时限``
    unless the sentence already says every one is late)."""
    parts = [inline_marker(number) + _bare(measure.headline)]
    if measure.owner_id and measure.owner_id != material.member_id:
        parts.append(f"责任领导{clean_line(measure.owner.name)}")
    if measure.deadline:
        parts.append(f"完成时限{cn_date(measure.deadline)}")
    elif measure.kind == Measure.Kind.LONG_TERM:
        parts.append("长期坚持")
    parts.append("正在推进" if measure.status == Status.IN_PROGRESS else "尚未启动")
    if say_late and measure.is_overdue(today):
        parts.append("已超过完成时限")
    return "，".join(parts)


def _open_sentence(open_measures: list[Measure], material: Material, today: datetime.date, room: int) -> str:
    """``尚未完成的3项中，1项已超过完成时限：一是…；二是…。`` within ``room`` characters (the
    items that do not fit are counted, not listed)."""
    overdue = sum(1 for measure in open_measures if measure.is_overdue(today))
    intro = f"尚未完成的{len(open_measures)}项"
    all_late = overdue == len(open_measures)
    if all_late:
        intro += "均已超过完成时限："
    else:
        intro += f"中，{overdue}项已超过完成时限：" if overdue else "："
    items = [
        _open_item(n, m, material, today, say_late=not all_late) for n, m in enumerate(open_measures, start=1)
    ]
    while items:
        left = len(open_measures) - len(items)
        rest = f"；另有{left}项未列出" if left else ""
        text = intro + "；".join(items) + rest + "。"
        if len(text) <= room:
            return text
        items.pop()
    return ""


def recap_draft(material: Material, *, today: datetime.date | None = None) -> str:
    """The generated 上年度整改落实情况 of ``material`` from the previous matching material's
    measures (first person for a personal material); empty when there is none to report."""
    previous = previous_material(material)
    if previous is None:
        return ""
    measures = list(measures_of(previous))
    if not measures:
        return ""
    today = today or counting_day()
    summary = rectification_summary(measures, problems=previous.problems.count(), today=today)
    personal = not material.is_team
    label = meeting_label(previous.meeting, material.meeting)
    text = f"{label}{summary_clause(summary, subject='我' if personal else '')}。"
    if not summary.open:
        return text
    closing = (
        "对尚未完成的整改措施，我将继续推进，确保按期整改到位。"
        if personal
        else "班子将把尚未完成的整改措施纳入本年度整改，持续跟踪推进，确保逐项销号。"
    )
    open_measures = [measure for measure in measures if measure.is_open]
    room = RECAP_LIMIT - len(text) - len(closing)
    return text + _open_sentence(open_measures, material, today, room) + closing


@receiver(post_save, sender=Material, dispatch_uid="ledger_start_recap")
def start_recap(sender, instance: Material, created: bool, raw: bool = False, **kwargs) -> None:
    """A new material of a unit that met before starts with the recap drafted from last year's
    measures, unless it was created with a recap of its own (an import, the demo)."""
    if not created or raw or instance.recap:
        return
    draft = recap_draft(instance)
    if draft:
        # No revision bump: nobody has loaded the material yet.
        Material.objects.filter(pk=instance.pk, recap="").update(recap=draft)
        instance.recap = draft


# --- Open measures offered as 上年未结 problems ------------------------------------------------------


@dataclass
class Offer:
    """An open measure of last year, as the 查摆问题 step offers it."""

    measure: Measure
    default_aspect: Aspect | None
    carried: Problem | None = None  # the problem of this material it became, if it was added

    @property
    def overdue(self) -> bool:
        return self.measure.is_overdue(counting_day())


@dataclass
class Carryover:
    """What the previous meeting hands to ``material``: the matching material, its measures and
    counts, and the open measures offered as problems."""

    previous: Material | None = None
    measures: list[Measure] = field(default_factory=list)
    summary: RectificationSummary | None = None
    offers: list[Offer] = field(default_factory=list)
    aspects: list[Aspect] = field(default_factory=list)


def default_aspect(measure: Measure, aspects: list[Aspect]) -> Aspect | None:
    """This year's first aspect whose label is the label of one of the old problems' aspects (学习
    stays 学习 across outlines), else the first aspect."""
    labels = {problem.aspect.label for problem in measure.problems.all() if problem.aspect.label}
    return next((aspect for aspect in aspects if aspect.label in labels), aspects[0] if aspects else None)


def carryover_for(material: Material) -> Carryover:
    """Everything the workspace shows about last year, loaded once per material instance (the
    recap button and the offers panel of one page share it)."""
    cached = getattr(material, "_carryover", None)
    if cached is not None:
        return cached
    info = Carryover(previous=previous_material(material))
    if info.previous is not None:
        info.measures = list(measures_of(info.previous))
    if info.measures:
        info.summary = rectification_summary(info.measures, problems=info.previous.problems.count())
        info.aspects = list(material.meeting.outline.aspects.order_by("position"))
        carried = {p.carried_from_id: p for p in material.problems.filter(carried_from__in=info.measures)}
        info.offers = [
            Offer(measure, default_aspect(measure, info.aspects), carried.get(measure.pk))
            for measure in info.measures
            if measure.is_open or measure.pk in carried
        ]
    material._carryover = info
    return info


def _headline(measure: Measure) -> str:
    old = next(iter(measure.problems.all()), None)
    text = _bare(old.headline) if old else f"上年度整改措施“{_bare(measure.headline)}”尚未完成"
    return text[:HEADLINE_LIMIT]


def carried_elaboration(measure: Measure, material: Material, today: datetime.date | None = None) -> str:
    """What is still open: the old measure with owner and deadline, its status, the latest progress."""
    today = today or counting_day()
    who = "我" if not material.is_team else ""
    target = "针对这一问题" if measure.problems.all() else ""
    details = []
    if measure.owner_id and measure.owner_id != material.member_id:
        details.append(f"责任领导{clean_line(measure.owner.name)}")
    if measure.deadline:
        details.append(f"完成时限{cn_date(measure.deadline)}")
    said = f"（{'，'.join(details)}）" if details else ""
    state = "目前正在推进" if measure.status == Status.IN_PROGRESS else "目前尚未启动"
    late = "，已超过完成时限" if measure.is_overdue(today) else ""
    text = f"上年度{who}{target}制定的整改措施“{_bare(measure.headline)}”{said}尚未完成，{state}{late}。"
    note = clean_line(getattr(measure, "latest_note", None) or "")
    if note:
        noted_on = getattr(measure, "latest_noted_on", None)
        text += f"最新进展{f'（{cn_date(noted_on)}）' if noted_on else ''}：{note}"
        if not text.endswith(("。", "！", "？", "…")):
            text += "。"
    return text[:ELABORATION_LIMIT]


def problem_carry_over(*, material: Material, measure: Measure, aspect: Aspect, user) -> Problem:
    """Add last year's open ``measure`` to ``material`` as a problem of source 上年未结 under
    ``aspect``, linked to the measure; once per measure and material. Recorded in the material's
    history like a workspace edit."""
    previous = previous_material(material)
    if previous is None or measure.material_id != previous.pk:
        raise ValidationError(NOT_PREVIOUS)
    with reversion.create_revision():  # atomic: the lock below holds until the problem exists
        # Locked: two clicks at once add the problem once.
        locked = measures_of(previous).select_for_update(of=("self",)).get(pk=measure.pk)
        if not locked.is_open:
            raise ValidationError(NOT_OPEN.format(status=locked.get_status_display()))
        if material.problems.filter(carried_from=locked).exists():
            raise ValidationError(ALREADY_CARRIED)
        problem = entries.problem_add(
            material=material,
            aspect=aspect,
            headline=_headline(locked),
            elaboration=carried_elaboration(locked, material),
            source=Problem.Source.CARRIED_OVER,
            carried_from=locked,
        )
        reversion.set_user(user)
        reversion.set_comment(f"{EDIT_ACTION}“{_bare(locked.headline)[:60]}”")
        reversion.add_meta(MaterialEdit, material_id=material.pk, action=EDIT_ACTION)
    return problem
