"""Writes for the structured entries. New entries go to the end of their list; numbering is derived
from order at display and export time, so users never type numbers."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core.ordering import next_position, reorder
from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem
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
) -> Problem:
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
    )
    problem.full_clean()
    problem.save()
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
        raise ValidationError({"owner": "责任领导必须是本单位班子成员。"})
    if deadline and meeting.date and deadline < meeting.date:
        raise ValidationError({"deadline": f"完成时限不能早于会议日期（{meeting.date:%Y年%-m月%-d日}）。"})
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
    try:
        reorder(material.problems.filter(aspect=aspect), ordered_ids)
    except ValueError as error:
        raise ValidationError("排序列表与当前问题不一致，请刷新页面后重试。") from error
