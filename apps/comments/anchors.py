"""What a comment is anchored to: parsing the anchor the workspace script sends (``problem:12``,
``aspect:3``, ``text:preamble``, ``material``), checking it belongs to the material (anything else is
a 404), and the excerpt and label a comment keeps of it."""

from dataclasses import dataclass

from django.http import Http404

from apps.core.ids import parse_id
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem

from .models import EXCERPT_LIMIT, MaterialComment

Anchor = MaterialComment.Anchor

# The material's own texts a comment may concern, with the name the workspace shows for each.
TEXT_FIELDS = {
    "preamble": "开头",
    "recap": "上年度整改落实情况",
    "problems_lead": "“存在的问题”部分导语",
    "causes_lead": "原因部分导语",
    "measures_lead": "措施部分导语",
    "closing": "结尾",
}
ENTRY_KINDS = {
    Anchor.PROBLEM: (Problem, "headline"),
    Anchor.CAUSE: (Cause, "headline"),
    Anchor.MEASURE: (Measure, "headline"),
    Anchor.ITEM: (MeasureItem, "text"),
}


@dataclass(frozen=True)
class Target:
    kind: str
    id: int | None = None
    field: str = ""
    excerpt: str = ""
    entry_revision: int | None = None

    @property
    def key(self) -> str:
        return MaterialComment(anchor_kind=self.kind, anchor_id=self.id, anchor_field=self.field).anchor


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LIMIT else text[:EXCERPT_LIMIT] + "…"


def _entries(kind: str, material: Material):
    model, _ = ENTRY_KINDS[kind]
    if kind == Anchor.ITEM:
        return model.objects.filter(measure__material=material)
    return model.objects.filter(material=material)


def resolve(material: Material, anchor: str) -> Target:
    """The anchor, checked against ``material``: an unknown anchor or another material's entry
    (another unit's included) is a 404, so nothing about it is revealed."""
    kind, _, rest = (anchor or "").partition(":")
    if kind == Anchor.MATERIAL and not rest:
        return Target(Anchor.MATERIAL)
    if kind == Anchor.TEXT and rest in TEXT_FIELDS:
        return Target(Anchor.TEXT, field=rest, excerpt=excerpt(getattr(material, rest)))
    pk = parse_id(rest)
    if pk is None:
        raise Http404("没有找到该条目。")
    if kind == Anchor.ASPECT:
        aspect = material.meeting.outline.aspects.filter(pk=pk).first()
        if aspect is None:
            raise Http404("没有找到该方面。")
        text = AspectText.objects.filter(material=material, aspect=aspect).first()
        return Target(
            Anchor.ASPECT,
            id=pk,
            excerpt=excerpt(text.lead_in if text and text.lead_in else aspect.label),
            entry_revision=text.revision if text else None,
        )
    if kind not in ENTRY_KINDS:
        raise Http404("没有找到该条目。")
    entry = _entries(kind, material).filter(pk=pk).first()
    if entry is None:
        raise Http404("没有找到该条目。")
    _, field = ENTRY_KINDS[kind]
    return Target(kind, id=pk, excerpt=excerpt(getattr(entry, field)), entry_revision=entry.revision)


def label(comment: MaterialComment) -> str:
    """How a list names what a comment concerns: 问题“……”, 开头, 整份材料."""
    if comment.anchor_kind == Anchor.MATERIAL:
        return "整份材料"
    if comment.anchor_kind == Anchor.TEXT:
        return TEXT_FIELDS.get(comment.anchor_field, "材料文字")
    name = comment.get_anchor_kind_display()
    return f"{name}“{comment.excerpt}”" if comment.excerpt else name


def mark_deleted_anchors(material: Material, comments: list[MaterialComment]) -> None:
    """Set ``anchor_deleted`` on each comment whose entry no longer exists: one query per kind of
    entry, whatever the number of comments."""
    wanted: dict[str, set[int]] = {}
    for comment in comments:
        if comment.anchor_kind in ENTRY_KINDS:
            wanted.setdefault(comment.anchor_kind, set()).add(comment.anchor_id)
    existing = {
        kind: set(_entries(kind, material).filter(pk__in=ids).values_list("pk", flat=True))
        for kind, ids in wanted.items()
    }
    for comment in comments:
        comment.anchor_deleted = (
            comment.anchor_kind in ENTRY_KINDS and comment.anchor_id not in existing[comment.anchor_kind]
        )


STEP_OF_KIND = {
    Anchor.PROBLEM: "problems",
    Anchor.ASPECT: "problems",
    Anchor.CAUSE: "causes",
    Anchor.MEASURE: "measures",
    Anchor.ITEM: "measures",
}
STEP_OF_FIELD = {"causes_lead": "causes", "measures_lead": "measures", "closing": "measures"}


def step_of(comment: MaterialComment) -> str:
    """The workspace step (its URL name) where the anchored text is written."""
    if comment.anchor_kind == Anchor.TEXT:
        return STEP_OF_FIELD.get(comment.anchor_field, "problems")
    return STEP_OF_KIND.get(comment.anchor_kind, "problems")
