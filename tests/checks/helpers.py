"""Small factories for 体检 tests: a material filled with entries written for these tests."""

import datetime

from apps.checks.engine import check_material
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem

# Our own test wording: long enough paragraphs with a concrete example, nothing the rules flag.
CLEAN_ELABORATION = "班子抓理论学习满足于完成规定动作，专题研讨时联系分管工作谈体会不够深入，学用结合不紧。"
CLEAN_EXAMPLE = "比如，去年第三季度中心组学习安排的四次研讨，有两次以传达文件代替讨论。"


def aspects_of(meeting):
    return list(meeting.outline.aspects.order_by("position"))


def add_problem(material: Material, aspect, headline="理论学习的系统性不够", **fields) -> Problem:
    position = material.problems.filter(aspect=aspect).count() + 1
    values = {"elaboration": CLEAN_ELABORATION, "example": CLEAN_EXAMPLE, **fields}
    return Problem.objects.create(
        material=material, aspect=aspect, position=position, headline=headline, **values
    )


def add_cause(material: Material, problems, headline="理想信念的总开关拧得不够紧", **fields) -> Cause:
    cause = Cause.objects.create(
        material=material, position=material.causes.count() + 1, headline=headline, **fields
    )
    cause.problems.set(problems)
    return cause


def add_measure(material: Material, problems, headline="健全学习制度", owner=None, **fields) -> Measure:
    values = {"deadline": datetime.date(2031, 6, 30), **fields}
    measure = Measure.objects.create(
        material=material, position=material.measures.count() + 1, headline=headline, owner=owner, **values
    )
    measure.problems.set(problems)
    return measure


def add_item(measure: Measure, text: str) -> MeasureItem:
    return MeasureItem.objects.create(measure=measure, position=measure.items.count() + 1, text=text)


def set_lead_in(material: Material, aspect, lead_in: str) -> AspectText:
    text, _ = AspectText.objects.update_or_create(
        material=material, aspect=aspect, defaults={"lead_in": lead_in}
    )
    return text


def complete_material(material: Material) -> Material:
    """Every aspect with a problem, each problem explained and answered, measures with owner and
    deadline: a material on which the structural rules find nothing."""
    owner = material.meeting.unit.members.order_by("position").first()
    problems = [add_problem(material, aspect) for aspect in aspects_of(material.meeting)]
    add_cause(material, problems, elaboration="对学习的重要性认识不足，把学习当作软任务。")
    add_measure(material, problems, owner=owner, elaboration="每季度开展一次专题研讨，逐人发言。")
    return material


def codes(material: Material, **kwargs) -> list[str]:
    return [finding.code for finding in check_material(material, **kwargs)]


def findings_of(material: Material, code: str, **kwargs):
    return [finding for finding in check_material(material, **kwargs) if finding.code == code]
