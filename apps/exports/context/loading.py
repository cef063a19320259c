"""Loading what a document prints, in a fixed number of queries whatever the number of entries."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.entries.models import AspectText, Cause, Material, Measure, Problem
from apps.exports.context.text import one_line
from apps.exports.documents import DocumentNotFound, DocumentRef, Kind
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineSection, SectionPart
from apps.units.models import Member

DEFAULT_SECTIONS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.TEAM: (
        (SectionPart.PROBLEMS, "存在的主要问题"),
        (SectionPart.CAUSES, "产生问题的原因剖析"),
        (SectionPart.MEASURES, "整改措施和努力方向"),
    ),
    Kind.MEMBER: (
        (SectionPart.RECAP, "上年度民主生活会整改措施落实情况"),
        (SectionPart.PROBLEMS, "对照检查查摆的问题"),
        (SectionPart.CAUSES, "问题产生的原因剖析"),
        (SectionPart.MEASURES, "今后努力方向和整改措施"),
    ),
    Kind.SITUATION: (
        (SectionPart.PREPARATION, "精心组织准备，深入查摆问题"),
        (SectionPart.MEETING, "深刻对照检查，真诚批评帮助"),
        (SectionPart.RECTIFICATION, "制定整改措施，强力推进落实"),
    ),
}


def member_for_document(meeting: Meeting, ref: DocumentRef) -> Member:
    """The member a ``member:ID`` reference names, if they belong to the meeting's unit."""
    member = Member.objects.filter(unit_id=meeting.unit_id, pk=ref.member_id).first()
    if member is None:
        raise DocumentNotFound(f"本单位没有编号为 {ref.member_id} 的班子成员。")
    return member


def outline_sections(meeting: Meeting, kind: Kind) -> list[tuple[str, str]]:
    """(part, heading) of the document kind under the meeting's outline, in order (1 query)."""
    rows = OutlineSection.objects.filter(outline_id=meeting.outline_id, document=kind.value).order_by(
        "position"
    )
    sections = [(row.part, one_line(row.heading)) for row in rows]
    return sections or list(DEFAULT_SECTIONS[kind])


def load_material(meeting: Meeting, member: Member | None) -> Material | None:
    """The material with problems, causes, measures (with owners and items) and its aspect texts:
    6 queries. (The 整改台账 has its own rows: apps/ledger/selectors.py.) A measure's linked
    problems are not printed, so they are not read."""
    measures = Measure.objects.select_related("owner").prefetch_related("items").order_by("position", "pk")
    materials = Material.objects.filter(meeting=meeting)
    materials = materials.filter(member=member) if member else materials.filter(member__isnull=True)
    problems = Problem.objects.select_related("aspect").order_by("aspect__position", "position", "pk")
    # No ordering where none is needed (one material; aspect texts go into a dict): the default
    # orderings join the member and the aspect only to sort, and a cached download builds this
    # context every time to find its key.
    return (
        materials.prefetch_related(
            Prefetch("measures", queryset=measures),
            Prefetch("problems", queryset=problems),
            Prefetch("causes", queryset=Cause.objects.order_by("position", "pk")),
            Prefetch("aspect_texts", queryset=AspectText.objects.order_by()),
        )
        .order_by("pk")
        .first()
    )


@dataclass
class Entries:
    """A material and its entries as lists (an absent material has none and prints the defaults)."""

    material: Material | None = None
    problems: list[Problem] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    aspect_texts: dict[int, AspectText] = field(default_factory=dict)

    @classmethod
    def of(cls, material: Material | None) -> "Entries":
        if material is None:
            return cls()
        return cls(
            material=material,
            problems=list(material.problems.all()),
            causes=list(material.causes.all()),
            measures=list(material.measures.all()),
            aspect_texts={t.aspect_id: t for t in material.aspect_texts.all()},
        )

    def text(self, name: str) -> str:
        """A free text of the material (``preamble``, ``causes_lead`` …), empty without one."""
        return getattr(self.material, name, "") if self.material else ""


def group_by_aspect(aspects: Sequence[Aspect], problems: Sequence[Problem]) -> list[tuple[Aspect, list]]:
    """(aspect, problems) for every aspect of the outline in order, empty ones included; a problem
    whose aspect left the outline is kept, after the outline's aspects."""
    grouped: dict[int, list[Problem]] = {aspect.pk: [] for aspect in aspects}
    extra: dict[int, Aspect] = {}
    for problem in problems:
        if problem.aspect_id not in grouped:
            grouped[problem.aspect_id] = []
            extra[problem.aspect_id] = problem.aspect
        grouped[problem.aspect_id].append(problem)
    ordered = [*aspects, *extra.values()]
    return [(aspect, grouped[aspect.pk]) for aspect in ordered]


def aspect_title(aspect: Aspect) -> str:
    """The outline's wording of an aspect as a heading: ``带头……方面``."""
    wording = one_line(aspect.wording) or one_line(aspect.label)
    return wording if wording.endswith("方面") else f"{wording}方面"
