"""Writes for the structured entries. New entries go to the end of their list; numbering is derived
from order at display and export time, so users never type numbers."""

import datetime
from collections.abc import Iterable, Sequence

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from apps.core.ordering import next_position, reorder
from apps.core.revisions import save_revision
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.meetings.models import Opinion
from apps.outlines.models import Aspect
from apps.units.models import Member


def _check_same_material(material: Material, entries: Iterable[Problem | Cause], field: str) -> None:
    if any(entry.material_id != material.pk for entry in entries):
        raise ValidationError({field: "只能关联同一份材料中的条目。"})


@transaction.atomic
def problem_add(
    *,
    material: Material,
    aspect: Aspect,
    headline: str,
    elaboration: str = "",
    example: str = "",
    source: str = Problem.Source.SELF_EXAMINATION,
    claimed_opinion_ids: Sequence[int] = (),
    carried_from: Measure | None = None,
) -> Problem:
    """Add a problem at the end of its aspect; ``carried_from`` links a 上年未结 problem to last
    year's open measure (the 整改台账 decides which measures qualify)."""
    if aspect.outline_id != material.meeting.outline_id:
        raise ValidationError({"aspect": "所属方面必须来自本会议的提纲。"})
    problem = Problem(
        material=material,
        aspect=aspect,
        position=next_position(material.problems.filter(aspect=aspect)),
        headline=headline,
        elaboration=elaboration,
        example=example,
        source=source,
        carried_from=carried_from,
    )
    problem.full_clean()
    problem.save()
    if claimed_opinion_ids:
        _claim_opinions(problem, claimed_opinion_ids)
    return problem


@transaction.atomic
def cause_add(
    *,
    material: Material,
    headline: str,
    elaboration: str = "",
    category: str = Cause.Category.OTHER,
    problems: Sequence[Problem] = (),
) -> Cause:
    _check_same_material(material, problems, "problems")
    cause = Cause(
        material=material,
        position=next_position(material.causes.all()),
        headline=headline,
        elaboration=elaboration,
        category=category,
    )
    cause.full_clean()
    cause.save()
    cause.problems.set(problems)
    return cause


@transaction.atomic
def measure_add(
    *,
    material: Material,
    headline: str,
    elaboration: str = "",
    items: Sequence[str] = (),
    problems: Sequence[Problem] = (),
    causes: Sequence[Cause] = (),
    owner: Member | None = None,
    department: str = "",
    deadline: datetime.date | None = None,
    kind: str = Measure.Kind.DEADLINE,
) -> Measure:
    meeting = material.meeting
    _check_same_material(material, problems, "problems")
    _check_same_material(material, causes, "causes")
    if owner is not None and owner.unit_id != meeting.unit_id:
        raise ValidationError({"owner": OWNER_MESSAGE})
    if deadline and meeting.date and deadline < meeting.date:
        raise ValidationError({"deadline": deadline_message(meeting.date)})
    measure = Measure(
        material=material,
        position=next_position(material.measures.all()),
        headline=headline,
        elaboration=elaboration,
        owner=owner,
        department=department,
        deadline=deadline,
        kind=kind,
    )
    measure.full_clean()
    measure.save()
    measure.problems.set(problems)
    measure.causes.set(causes)
    for text in items:
        measure_item_add(measure=measure, text=text)
    return measure


def measure_item_add(*, measure: Measure, text: str) -> MeasureItem:
    item = MeasureItem(measure=measure, position=next_position(measure.items.all()), text=text)
    item.full_clean()
    item.save()
    return item


def problems_reorder(*, material: Material, aspect: Aspect, ordered_ids: Sequence[int]) -> None:
    """Put the problems of one aspect in the given order (drag and drop, Alt+↑/↓)."""
    _reorder_or_explain(material.problems.filter(aspect=aspect), ordered_ids)


def causes_reorder(*, material: Material, ordered_ids: Sequence[int]) -> None:
    _reorder_or_explain(material.causes.all(), ordered_ids)


def measures_reorder(*, material: Material, ordered_ids: Sequence[int]) -> None:
    _reorder_or_explain(material.measures.all(), ordered_ids)


def measure_items_reorder(*, measure: Measure, ordered_ids: Sequence[int]) -> None:
    _reorder_or_explain(measure.items.all(), ordered_ids)


def _reorder_or_explain(queryset, ordered_ids: Sequence[int]) -> None:
    try:
        reorder(queryset, ordered_ids)
    except ValueError as error:
        raise ValidationError("排序列表与当前内容不一致，请刷新页面后重试。") from error


# --- Updates from the autosaved forms -------------------------------------------------------------
# The form has validated the instance; these write it only if nobody saved it in between
# (apps.core.revisions.EditConflict otherwise).


def material_text_update(*, material: Material, fields: Sequence[str], expected_revision: int) -> Material:
    return save_revision(material, fields, expected_revision)


@transaction.atomic
def aspect_text_update(
    *, material: Material, aspect: Aspect, values: dict[str, str], expected_revision: int
) -> AspectText:
    """Write one aspect's heading or lead-in for ``material``. The row is created by the first save
    (revision 1, empty), so the first editor's form, loaded at revision 1, writes it directly and a
    second editor's stale form merges or conflicts like any other entry's."""
    if aspect.outline_id != material.meeting.outline_id:
        raise ValidationError({"aspect": "所属方面必须来自本会议的提纲。"})
    text, _ = AspectText.objects.get_or_create(material=material, aspect=aspect)
    for name, value in values.items():
        setattr(text, name, value)
    return save_revision(text, list(values), expected_revision)


def problem_update(
    *, problem: Problem, fields: Sequence[str], expected_revision: int, claimed_opinion_ids=None
) -> Problem:
    # The claims merge like a link list: a stale save that did not touch them keeps another
    # editor's newer claims instead of releasing them.
    links = {"claimed_opinions": claimed_opinion_ids} if claimed_opinion_ids is not None else None
    return save_revision(problem, fields, expected_revision, m2m=links)


def _claim_opinions(problem: Problem, opinion_ids: Iterable[int]) -> None:
    """The opinions this problem answers: claim the ticked ones, release the others it held."""
    opinions = Opinion.objects.filter(meeting_id=problem.material.meeting_id)
    opinions.filter(claimed_by=problem).exclude(pk__in=list(opinion_ids)).update(claimed_by=None)
    opinions.filter(pk__in=list(opinion_ids)).update(claimed_by=problem)


def cause_update(
    *, cause: Cause, fields: Sequence[str], expected_revision: int, problem_ids: Sequence[int]
) -> Cause:
    return save_revision(cause, fields, expected_revision, m2m={"problems": problem_ids})


def measure_update(
    *,
    measure: Measure,
    fields: Sequence[str],
    expected_revision: int,
    problem_ids: Sequence[int],
    cause_ids: Sequence[int],
) -> Measure:
    meeting = measure.material.meeting
    if measure.deadline and meeting.date and measure.deadline < meeting.date:
        raise ValidationError({"deadline": deadline_message(meeting.date)})
    if measure.owner_id and measure.owner.unit_id != meeting.unit_id:
        raise ValidationError({"owner": OWNER_MESSAGE})
    return save_revision(
        measure, fields, expected_revision, m2m={"problems": problem_ids, "causes": cause_ids}
    )


def measure_item_update(*, item: MeasureItem, expected_revision: int) -> MeasureItem:
    return save_revision(item, ["text"], expected_revision)


def deadline_message(meeting_date: datetime.date) -> str:
    return f"完成时限不能早于会议日期（{meeting_date.year}年{meeting_date.month}月{meeting_date.day}日）。"


OWNER_MESSAGE = "责任领导必须是本单位班子成员。"


# --- Delete with undo -----------------------------------------------------------------------------
# A deleted entry is kept as a snapshot (the serialised rows and the links pointing at them) that
# the drafter can restore for a while: the "撤销" of a delete.


FOLLOWED_MEASURE_MESSAGE = "该措施已在整改台账中办理（{status}），不能删除；进展和销号请在整改台账中办理。"


def entry_delete(entry: Problem | Cause | Measure | MeasureItem) -> dict:
    """Delete ``entry`` and return a JSON-serialisable snapshot for :func:`entry_restore`.

    A measure already followed in the 整改台账 (past 未启动) keeps its progress record: it is never
    deleted here, only followed, completed or signed off there."""
    if isinstance(entry, Measure) and entry.status != Measure.Status.NOT_STARTED:
        raise ValidationError(FOLLOWED_MEASURE_MESSAGE.format(status=entry.get_status_display()))
    rows = [entry, *(entry.items.all() if isinstance(entry, Measure) else [])]
    snapshot = {
        "rows": serializers.serialize("json", rows),
        "reverse": _reverse_links(entry),
        "claimed_opinions": (
            list(entry.claimed_opinions.values_list("pk", flat=True)) if isinstance(entry, Problem) else []
        ),
    }
    entry.delete()
    return snapshot


def _reverse_links(entry) -> dict[str, list[int]]:
    """Many-to-many links stored on other entries that point at ``entry`` (they die with it)."""
    if isinstance(entry, Problem):
        return {
            "cause.problems": list(entry.causes.values_list("pk", flat=True)),
            "measure.problems": list(entry.measures.values_list("pk", flat=True)),
        }
    if isinstance(entry, Cause):
        return {"measure.causes": list(entry.measures.values_list("pk", flat=True))}
    return {}


_REVERSE_MODELS = {"cause": Cause, "measure": Measure}


@transaction.atomic
def entry_restore(*, material: Material, snapshot: dict) -> Problem | Cause | Measure | MeasureItem:
    """Put back what :func:`entry_delete` removed, at its old place if that place is still free."""
    restored = list(serializers.deserialize("json", snapshot["rows"]))
    entry = restored[0].object
    owner_material_id = entry.measure.material_id if isinstance(entry, MeasureItem) else entry.material_id
    if owner_material_id != material.pk:
        raise ValidationError("无法恢复：该条目不属于当前材料。")
    for row in restored:
        _free_position(row.object)
        row.object.revision = 1
        row.object.save(force_insert=True)
        for name, ids in row.m2m_data.items():
            related = getattr(row.object, name)
            related.set(related.model.objects.filter(pk__in=ids, material=material))
    for key, ids in snapshot.get("reverse", {}).items():
        model_name, field_name = key.split(".")
        others = _REVERSE_MODELS[model_name].objects.filter(pk__in=ids, material=material)
        for other in others:
            getattr(other, field_name).add(entry)
        # A page opened between the delete and the undo shows these entries without the link:
        # a new revision makes its next save merge (keeping the link) instead of overwriting it.
        others.update(revision=F("revision") + 1)
    if snapshot.get("claimed_opinions"):
        Opinion.objects.filter(
            pk__in=snapshot["claimed_opinions"], meeting_id=material.meeting_id, claimed_by__isnull=True
        ).update(claimed_by=entry)
    return entry


def _free_position(entry) -> None:
    siblings = {
        Problem: lambda e: Problem.objects.filter(material_id=e.material_id, aspect_id=e.aspect_id),
        Cause: lambda e: Cause.objects.filter(material_id=e.material_id),
        Measure: lambda e: Measure.objects.filter(material_id=e.material_id),
        MeasureItem: lambda e: MeasureItem.objects.filter(measure_id=e.measure_id),
    }[type(entry)](entry)
    if siblings.filter(position=entry.position).exists():
        entry.position = next_position(siblings)
