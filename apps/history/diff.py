"""What changed between two states of a material, laid out as the preview prints it.

Entries are matched by id (a restore brings a deleted entry back under its old id). Within each list
(the problems of an aspect, the causes, the measures, a measure's sub-items) the two orders are
aligned with difflib: an entry outside the aligned runs, or under another aspect, is *moved*.
Changed text is compared character by character — Chinese has no spaces to split words on — with
difflib's SequenceMatcher and ``autojunk=False`` (its junk heuristic would ignore the common
characters 的、了、，); the standard library is enough for fields of at most 3,000 characters, so
diff-match-patch is not needed.
"""

import datetime
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from apps.core.numbering import cn_date, inline_marker, subheading_marker
from apps.entries.models import MATERIAL_PRINT_SETTINGS, Cause, Material, Measure, Problem
from apps.exports.context.loading import aspect_title
from apps.history.state import MaterialState
from apps.outlines.models import Aspect


@dataclass
class Segment:
    op: str  # "eq", "ins" or "del"
    text: str


def char_diff(old: str, new: str) -> list[Segment]:
    old, new = old or "", new or ""
    if old == new:
        return [Segment("eq", new)] if new else []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("eq", new[b1:b2]))
            continue
        if a2 > a1:
            segments.append(Segment("del", old[a1:a2]))
        if b2 > b1:
            segments.append(Segment("ins", new[b1:b2]))
    return segments


def _whole(op: str, text: str) -> list[Segment]:
    return [Segment(op, text)] if text else []


@dataclass
class EntryDiff:
    kind: str  # problem, cause, measure, item
    pk: int
    marker: str
    status: str  # added, removed, changed, same
    moved: bool = False
    fields: dict[str, list[Segment]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    items: list["EntryDiff"] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return self.status != "same" or self.moved or any(item.touched for item in self.items)


@dataclass
class AspectDiff:
    aspect: Aspect
    marker: str
    heading: list[Segment]
    lead_in: list[Segment]
    problems: list[EntryDiff]


@dataclass
class MaterialDiff:
    texts: dict[str, list[Segment]]
    settings: list[tuple[str, str, str]]
    aspects: list[AspectDiff]
    causes: list[EntryDiff]
    measures: list[EntryDiff]
    counts: dict[str, int]

    @property
    def has_changes(self) -> bool:
        return (
            any(self.counts.values())
            or bool(self.settings)
            or any(any(s.op != "eq" for s in segments) for segments in self.texts.values())
        )


TEXT_FIELDS = {
    "problem": ("headline", "elaboration", "example"),
    "cause": ("headline", "elaboration"),
    "measure": ("headline", "elaboration"),
    "item": ("text",),
}
MATERIAL_TEXTS = (
    "title",
    "preamble",
    "recap_heading",
    "recap",
    "problems_heading",
    "problems_lead",
    "causes_heading",
    "causes_lead",
    "measures_heading",
    "measures_lead",
    "closing",
)
MATERIAL_SETTINGS = MATERIAL_PRINT_SETTINGS
# Fields shown as a note (label: old → new) rather than as text.
NOTE_FIELDS = {
    "problem": ("source",),
    "cause": ("category",),
    "measure": ("owner", "department", "deadline", "kind", "status", "completed_on"),
}
LINK_FIELDS = {"cause": (("problems", "problem"),), "measure": (("problems", "problem"), ("causes", "cause"))}
MODELS = {"problem": Problem, "cause": Cause, "measure": Measure}


class _Differ:
    def __init__(self, old: MaterialState, new: MaterialState, aspects: Sequence[Aspect], names: dict):
        self.old, self.new, self.aspects = old, new, list(aspects)
        self.member_names = names
        self.counts = {"added": 0, "removed": 0, "moved": 0, "changed": 0}
        self.aspect_markers = {a.pk: subheading_marker(n) for n, a in enumerate(self.aspects, start=1)}

    # --- the lists ---------------------------------------------------------------------------------

    def _ordered(self, rows: dict[int, dict], **match) -> list[int]:
        chosen = [(pk, row) for pk, row in rows.items() if all(row.get(k) == v for k, v in match.items())]
        return [pk for pk, _ in sorted(chosen, key=lambda pair: (pair[1]["position"], pair[0]))]

    def _merge(
        self, old_ids: list[int], new_ids: list[int], everywhere_new: set[int]
    ) -> list[tuple[int, bool]]:
        """(id, moved) in display order: the new order, with removed entries where they stood."""
        merged: list[tuple[int, bool]] = []
        old_set = set(old_ids)
        matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                merged += [(pk, False) for pk in new_ids[b1:b2]]
                continue
            merged += [(pk, False) for pk in old_ids[a1:a2] if pk not in everywhere_new]
            merged += [(pk, pk in old_set or pk in self._old_anywhere) for pk in new_ids[b1:b2]]
        return merged

    def _entries(
        self, kind: str, old_rows: dict, new_rows: dict, old_ids, new_ids, marker
    ) -> list[EntryDiff]:
        self._old_anywhere = set(old_rows)
        diffs, number, old_numbers = [], 0, {pk: n for n, pk in enumerate(old_ids, start=1)}
        for pk, moved in self._merge(old_ids, new_ids, set(new_rows)):
            if pk in new_rows:
                number += 1
                diffs.append(self._entry(kind, pk, old_rows.get(pk), new_rows[pk], marker(number), moved))
            else:
                diffs.append(self._entry(kind, pk, old_rows[pk], None, "原" + marker(old_numbers[pk]), False))
        return diffs

    def _entry(
        self, kind: str, pk: int, old: dict | None, new: dict | None, marker: str, moved: bool
    ) -> EntryDiff:
        if old is None:
            status, fields = "added", {n: _whole("ins", new[n]) for n in TEXT_FIELDS[kind]}
        elif new is None:
            status, fields = "removed", {n: _whole("del", old[n]) for n in TEXT_FIELDS[kind]}
        else:
            fields = {n: char_diff(old[n], new[n]) for n in TEXT_FIELDS[kind]}
            status = "changed" if any(old[n] != new[n] for n in TEXT_FIELDS[kind]) else "same"
        diff = EntryDiff(kind, pk, marker, status, moved, fields)
        if old is not None and new is not None:
            diff.notes = self._notes(kind, old, new)
            if moved and kind == "problem" and old["aspect"] != new["aspect"]:
                diff.notes.insert(0, f"原在{self.aspect_markers.get(old['aspect'], '')}方面")
            if diff.notes and status == "same":
                diff.status = "changed"
        if kind == "measure":
            diff.items = self._items(pk)
            if diff.status == "same" and any(item.touched for item in diff.items):
                diff.status = "changed"
        self.counts[diff.status] = self.counts.get(diff.status, 0) + 1
        self.counts["moved"] += int(moved)
        return diff

    def _items(self, measure_id: int) -> list[EntryDiff]:
        old = {pk: row for pk, row in self.old.items.items() if row["measure"] == measure_id}
        new = {pk: row for pk, row in self.new.items.items() if row["measure"] == measure_id}
        saved = dict(self.counts)
        saved_anywhere = self._old_anywhere
        items = self._entries(
            "item", old, new, self._ordered(old), self._ordered(new), lambda n: inline_marker(n, "要")
        )
        self.counts, self._old_anywhere = saved, saved_anywhere  # sub-items count with their measure
        return items

    def _notes(self, kind: str, old: dict, new: dict) -> list[str]:
        model = MODELS.get(kind)
        notes = []
        for name in NOTE_FIELDS.get(kind, ()):
            if old.get(name) != new.get(name):
                label = model._meta.get_field(name).verbose_name
                before, after = self._show(model, name, old.get(name)), self._show(model, name, new.get(name))
                notes.append(f"{label}：{before} → {after}")
        for name, target in LINK_FIELDS.get(kind, ()):
            gone = set(old.get(name, [])) - set(new.get(name, []))
            came = set(new.get(name, [])) - set(old.get(name, []))
            rows = {**getattr(self.old, target + "s"), **getattr(self.new, target + "s")}
            label = model._meta.get_field(name).verbose_name
            for pk in sorted(came):
                notes.append(f"{label}增加：{rows.get(pk, {}).get('headline', '（已删除）')}")
            for pk in sorted(gone):
                notes.append(f"{label}去掉：{rows.get(pk, {}).get('headline', '（已删除）')}")
        return notes

    def _show(self, model, name: str, value) -> str:
        if value in (None, ""):
            return "（空）"
        if name == "owner":
            return self.member_names.get(value, "（已删除的成员）")
        choices = dict(model._meta.get_field(name).choices or [])
        if choices:
            return str(choices.get(value, value))
        if (
            name in ("deadline", "completed_on", "signature_date")
            and isinstance(value, str)
            and len(value) == 10
        ):
            return cn_date(datetime.date.fromisoformat(value))
        return str(value)

    # --- the document --------------------------------------------------------------------------

    def aspects_diff(self) -> list[AspectDiff]:
        old_texts = {row["aspect"]: row for row in self.old.aspect_texts.values()}
        new_texts = {row["aspect"]: row for row in self.new.aspect_texts.values()}
        blocks = []
        for aspect in self.aspects:
            old_text, new_text = old_texts.get(aspect.pk, {}), new_texts.get(aspect.pk, {})
            heading = char_diff(old_text.get("heading", ""), new_text.get("heading", ""))
            blocks.append(
                AspectDiff(
                    aspect=aspect,
                    marker=self.aspect_markers[aspect.pk],
                    heading=heading or [Segment("eq", aspect_title(aspect))],
                    lead_in=char_diff(old_text.get("lead_in", ""), new_text.get("lead_in", "")),
                    problems=self._entries(
                        "problem",
                        self.old.problems,
                        self.new.problems,
                        self._ordered(self.old.problems, aspect=aspect.pk),
                        self._ordered(self.new.problems, aspect=aspect.pk),
                        inline_marker,
                    ),
                )
            )
        return blocks

    def build(self) -> MaterialDiff:
        texts = {
            n: char_diff(self.old.material.get(n, ""), self.new.material.get(n, "")) for n in MATERIAL_TEXTS
        }
        settings = []
        for name in MATERIAL_SETTINGS:
            before, after = self.old.material.get(name), self.new.material.get(name)
            if before != after and self.old.material:
                label = str(Material._meta.get_field(name).verbose_name)
                settings.append(
                    (label, self._show(Material, name, before), self._show(Material, name, after))
                )
        aspects = self.aspects_diff()
        causes = self._entries(
            "cause",
            self.old.causes,
            self.new.causes,
            self._ordered(self.old.causes),
            self._ordered(self.new.causes),
            subheading_marker,
        )
        measures = self._entries(
            "measure",
            self.old.measures,
            self.new.measures,
            self._ordered(self.old.measures),
            self._ordered(self.new.measures),
            subheading_marker,
        )
        return MaterialDiff(texts, settings, aspects, causes, measures, self.counts)


def material_diff(
    old: MaterialState, new: MaterialState, aspects: Sequence[Aspect], member_names: dict[int, str]
) -> MaterialDiff:
    """``old`` → ``new``, in the outline's ``aspects``; ``member_names`` names the measures' owners."""
    return _Differ(old, new, aspects, member_names).build()
