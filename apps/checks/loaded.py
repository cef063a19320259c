"""A material with everything the rules read, loaded once in a fixed number of queries, and its texts
as (place, text) pairs named the way a drafter names the place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.core.numbering import inline_marker, subheading_marker
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.exports.context.loading import group_by_aspect
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect

# The material's own free texts, in the order they print, with the names drafters use.
MATERIAL_TEXTS = {
    "preamble": "开头",
    "recap": "上年度整改落实情况",
    "problems_lead": "问题部分导语",
    "causes_lead": "原因部分导语",
    "measures_lead": "措施部分导语",
    "closing": "结尾",
}
PROBLEM_FIELDS = {"headline": "问题概括", "elaboration": "具体表现", "example": "典型事例"}
CAUSE_FIELDS = {"headline": "原因概括", "elaboration": "具体剖析"}
MEASURE_FIELDS = {"headline": "措施概括", "elaboration": "具体内容"}


@dataclass
class Place:
    """Where a text sits: the words shown to the drafter and the entry the link opens."""

    where: str
    entry_type: str = ""
    entry_id: int | None = None
    field: str = ""


@dataclass
class Text:
    place: Place
    text: str
    part: str  # "problems", "causes", "measures" or "other": what the proportion rule adds up


@dataclass
class AspectBlock:
    aspect: Aspect
    number: int
    text: AspectText | None
    problems: list[Problem]

    @property
    def name(self) -> str:
        return f"{subheading_marker(self.number)}{self.aspect.label or self.aspect.wording}"


@dataclass
class LoadedMaterial:
    material: Material
    meeting: Meeting
    blocks: list[AspectBlock]
    causes: list[Cause]
    measures: list[Measure]
    cause_links: set[int] = field(default_factory=set)  # ids of problems some cause explains
    measure_links: set[int] = field(default_factory=set)  # ids of problems some measure answers

    @property
    def problems(self) -> list[Problem]:
        return [problem for block in self.blocks for problem in block.problems]

    def texts(self) -> Iterator[Text]:
        """Every text of the material with its place, in print order."""
        for name in ("preamble", "recap", "problems_lead"):
            yield self._material_text(name)
        for block in self.blocks:
            if block.text is not None:
                place = Place(f"{block.name} · 方面导语", "aspect", block.aspect.pk, "lead_in")
                yield Text(place, block.text.lead_in, "other")
            for number, problem in enumerate(block.problems, start=1):
                for name, label in PROBLEM_FIELDS.items():
                    where = f"{block.name} · {inline_marker(number)} · {label}"
                    yield Text(Place(where, "problem", problem.pk, name), getattr(problem, name), "problems")
        yield self._material_text("causes_lead")
        for number, cause in enumerate(self.causes, start=1):
            for name, label in CAUSE_FIELDS.items():
                where = f"原因{subheading_marker(number)} · {label}"
                yield Text(Place(where, "cause", cause.pk, name), getattr(cause, name), "causes")
        yield self._material_text("measures_lead")
        for number, measure in enumerate(self.measures, start=1):
            for name, label in MEASURE_FIELDS.items():
                where = f"措施{subheading_marker(number)} · {label}"
                yield Text(Place(where, "measure", measure.pk, name), getattr(measure, name), "measures")
            for item_number, item in enumerate(measure.items.all(), start=1):
                where = f"措施{subheading_marker(number)} · {inline_marker(item_number, '要')}"
                yield Text(Place(where, "measure_item", item.pk, "text"), item.text, "measures")
        yield self._material_text("closing")

    def _material_text(self, name: str) -> Text:
        place = Place(MATERIAL_TEXTS[name], "material", self.material.pk, name)
        return Text(place, getattr(self.material, name), "other")


def load(material: Material) -> LoadedMaterial:
    """The material's aspects, problems, causes, measures (owner, items) and the problem links of
    causes and measures: 8 queries whatever the number of entries."""
    meeting = material.meeting
    aspects = list(Aspect.objects.filter(outline_id=meeting.outline_id).order_by("position", "pk"))
    problems = list(material.problems.select_related("aspect").order_by("aspect__position", "position", "pk"))
    texts = {text.aspect_id: text for text in AspectText.objects.filter(material=material)}
    causes = list(material.causes.order_by("position", "pk"))
    items = MeasureItem.objects.order_by("position", "pk")
    measures = list(
        material.measures.select_related("owner")
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("position", "pk")
    )
    cause_links = set(
        Cause.problems.through.objects.filter(cause__material=material).values_list("problem_id", flat=True)
    )
    measure_links = set(
        Measure.problems.through.objects.filter(measure__material=material).values_list(
            "problem_id", flat=True
        )
    )
    return LoadedMaterial(
        material=material,
        meeting=meeting,
        blocks=_blocks(aspects, problems, texts),
        causes=causes,
        measures=measures,
        cause_links=cause_links,
        measure_links=measure_links,
    )


def _blocks(
    aspects: list[Aspect], problems: list[Problem], texts: dict[int, AspectText]
) -> list[AspectBlock]:
    """A block per aspect of the outline, then any aspect a problem kept after it left the outline."""
    return [
        AspectBlock(aspect, number, texts.get(aspect.pk), aspect_problems)
        for number, (aspect, aspect_problems) in enumerate(group_by_aspect(aspects, problems), start=1)
    ]


def material_name(material: Material) -> str:
    """How an administrator is told which material: ``单位 · 会议 · 班子/某某个人``."""
    meeting = material.meeting
    return f"{meeting.unit.name} · {meeting.title} · {material.document_label}"
