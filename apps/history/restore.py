"""Putting an entry, or the whole material, back as a snapshot had it.

Writes go through the entry services (apps/entries/services.py): an existing entry is updated with a
new optimistic-lock revision (an editor's open page then merges or is told, instead of overwriting
the restore), a deleted one comes back under its old id with its links (``entry_restore``), orders
are set with the ``*_reorder`` services (positions stay unique), the database guards still hold.
Each restore first snapshots the material as it is (恢复前) and then the result (恢复): restoring the
恢复前 snapshot undoes it.
"""

import json

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.numbering import cn_date
from apps.core.ordering import next_position
from apps.entries import services
from apps.entries.models import (
    MATERIAL_LEAD_FIELDS,
    MATERIAL_PRINT_SETTINGS,
    MATERIAL_WORDING_FIELDS,
    AspectText,
    Cause,
    Material,
    Measure,
    Problem,
)
from apps.history.models import Snapshot
from apps.history.snapshots import Reason, snapshot_take
from apps.history.state import MaterialState, revision_state

KINDS = {"problem": Problem, "cause": Cause, "measure": Measure}
LABELS = {"problem": "问题", "cause": "原因", "measure": "措施"}
TEXT = {
    "problem": ["headline", "elaboration", "example", "source"],
    "cause": ["headline", "elaboration", "category"],
    # Not the status: it is the 整改台账's, changed only there with its record.
    "measure": ["headline", "elaboration", "owner", "department", "deadline", "kind"],
}
# Not the review status: a restore changes the text, not where the review stands.
MATERIAL_FIELDS = [
    "preamble",
    "recap",
    "closing",
    *MATERIAL_WORDING_FIELDS,
    *MATERIAL_LEAD_FIELDS,
    *MATERIAL_PRINT_SETTINGS,
]


def _object(state: MaterialState, label: str, pk: int):
    """The stored row as an unsaved model instance (the values converted by the deserialiser)."""
    record = state.records[(label, pk)]
    return next(serializers.deserialize("json", json.dumps([record]))).object


def _links(state: MaterialState, kind: str, pk: int) -> dict[str, list[int]]:
    row = getattr(state, kind + "s")[pk]
    return {name: list(row.get(name, [])) for name in ("problems", "causes") if name in row}


def _existing(model, material: Material, ids) -> list[int]:
    return list(model.objects.filter(material=material, pk__in=ids).values_list("pk", flat=True))


def _valid_owner(material: Material, stored) -> None:
    """A measure's owner who has left the unit since is not brought back (the guard refuses it)."""
    if stored.owner_id and not material.meeting.unit.members.filter(pk=stored.owner_id).exists():
        stored.owner_id = None


def _put_back(material: Material, state: MaterialState, kind: str, pk: int):
    """The entry as ``state`` had it: updated if it still exists, re-created (with its links) if not."""
    model = KINDS[kind]
    stored = _object(state, model._meta.label_lower, pk)
    if kind == "measure":
        _valid_owner(material, stored)
    current = model.objects.filter(material=material, pk=pk).first()
    if current is None:
        return _recreate(material, state, kind, pk, stored)
    for name in TEXT[kind]:
        attname = model._meta.get_field(name).attname
        setattr(current, attname, getattr(stored, attname))
    links = _links(state, kind, pk)
    if kind == "problem":
        _move_to_aspect(current, stored.aspect_id)
        return services.problem_update(problem=current, fields=TEXT[kind], expected_revision=current.revision)
    if kind == "cause":
        ids = _existing(Problem, material, links["problems"])
        return services.cause_update(
            cause=current, fields=TEXT[kind], expected_revision=current.revision, problem_ids=ids
        )
    measure = services.measure_update(
        measure=current,
        fields=TEXT[kind],
        expected_revision=current.revision,
        problem_ids=_existing(Problem, material, links["problems"]),
        cause_ids=_existing(Cause, material, links["causes"]),
    )
    _put_back_items(measure, state)
    return measure


def _move_to_aspect(problem: Problem, aspect_id: int) -> None:
    """A problem moved to another aspect since goes back to the end of its old aspect's list."""
    if problem.aspect_id == aspect_id:
        return
    siblings = Problem.objects.filter(material_id=problem.material_id, aspect_id=aspect_id)
    position = next_position(siblings)
    Problem.objects.filter(pk=problem.pk).update(aspect_id=aspect_id, position=position)
    problem.aspect_id, problem.position = aspect_id, position


def _recreate(material: Material, state: MaterialState, kind: str, pk: int, stored):
    """A deleted entry, back under its id with its own links and the links other entries had to it."""
    rows = [state.records[(stored._meta.label_lower, pk)]]
    if kind == "measure":
        rows += [state.records[("entries.measureitem", item_pk)] for item_pk, _ in state.items_of(pk)]
    reverse = {}
    if kind == "problem":
        reverse = {
            "cause.problems": [c for c, row in state.causes.items() if pk in row["problems"]],
            "measure.problems": [m for m, row in state.measures.items() if pk in row["problems"]],
        }
    elif kind == "cause":
        reverse = {"measure.causes": [m for m, row in state.measures.items() if pk in row["causes"]]}
    if kind == "measure" and rows[0]["fields"].get("owner") != stored.owner_id:
        rows[0] = {**rows[0], "fields": {**rows[0]["fields"], "owner": stored.owner_id}}
    return services.entry_restore(
        material=material, snapshot={"rows": json.dumps(rows), "reverse": reverse, "claimed_opinions": []}
    )


def _put_back_items(measure: Measure, state: MaterialState) -> None:
    wanted = state.items_of(measure.pk)
    wanted_ids = {pk for pk, _ in wanted}
    measure.items.exclude(pk__in=wanted_ids).delete()
    current = {item.pk: item for item in measure.items.all()}
    order = []
    for pk, row in wanted:
        item = current.get(pk)
        if item is None:  # deleted since: back under its id, like the other entries
            record = state.records[("entries.measureitem", pk)]
            item = services.entry_restore(material=measure.material, snapshot={"rows": json.dumps([record])})
        elif item.text != row["text"]:
            item.text = row["text"]
            services.measure_item_update(item=item, expected_revision=item.revision)
        order.append(item.pk)
    services.measure_items_reorder(measure=measure, ordered_ids=order)


def _place(material: Material, state: MaterialState, kind: str, entry) -> None:
    """Put a restored entry back at its place in the list as far as the list allows."""
    rows = getattr(state, kind + "s")
    if kind == "problem":
        siblings = list(material.problems.filter(aspect_id=entry.aspect_id).order_by("position"))
        before = [pk for pk, row in rows.items() if row["aspect"] == entry.aspect_id]
    else:
        siblings = list(getattr(material, kind + "s").order_by("position"))
        before = list(rows)
    earlier = {pk for pk in before if rows[pk]["position"] < rows[entry.pk]["position"]}
    order = [s.pk for s in siblings if s.pk != entry.pk]
    index = sum(1 for pk in order if pk in earlier)
    order.insert(index, entry.pk)
    if kind == "problem":
        services.problems_reorder(material=material, aspect=entry.aspect, ordered_ids=order)
    else:
        getattr(services, kind + "s_reorder")(material=material, ordered_ids=order)


def _entry_label(state: MaterialState, kind: str, pk: int) -> str:
    return f"{LABELS[kind]}“{getattr(state, kind + 's')[pk]['headline'][:40]}”"


@transaction.atomic
def entry_restore_to(*, material: Material, snapshot: Snapshot, kind: str, pk: int, user) -> Snapshot:
    """Restore one problem, cause or measure (text, links, place; a measure with its sub-items)."""
    state = revision_state(snapshot.revision)
    if kind not in KINDS or pk not in getattr(state, kind + "s"):
        raise ValidationError("该版本中没有这一条目。")
    label = _entry_label(state, kind, pk)
    snapshot_take(material=material, reason=Reason.BEFORE_RESTORE, user=user, note=f"恢复{label}之前")
    entry = _put_back(material, state, kind, pk)
    _place(material, state, kind, type(entry).objects.get(pk=entry.pk))
    after = snapshot_take(
        material=material, reason=Reason.RESTORE, user=user, note=f"{label}恢复到{_when(snapshot)}的版本"
    )
    return after


@transaction.atomic
def material_restore_to(*, material: Material, snapshot: Snapshot, user) -> Snapshot:
    """Restore the whole material: its own text and settings, every aspect's heading and lead-in,
    every entry (deleting those added since, bringing back those deleted), their links and order.
    A measure added since and already followed in the 整改台账 is kept."""
    state = revision_state(snapshot.revision)
    snapshot_take(material=material, reason=Reason.BEFORE_RESTORE, user=user, note="恢复整份材料之前")
    _restore_material_fields(material, state)
    _restore_aspect_texts(material, state)
    for kind in ("measure", "cause", "problem"):
        added = getattr(material, kind + "s").exclude(pk__in=list(getattr(state, kind + "s")))
        if kind == "measure":
            # A measure followed in the 整改台账 since keeps its record: it stays, last in the list.
            added = added.filter(status=Measure.Status.NOT_STARTED)
        added.delete()
    # Problems first, then causes, then measures: each entry's links point at entries already back.
    for kind in ("problem", "cause", "measure"):
        for pk in getattr(state, kind + "s"):
            _put_back(material, state, kind, pk)
    _restore_orders(material, state)
    return snapshot_take(
        material=material, reason=Reason.RESTORE, user=user, note=f"整份材料恢复到{_when(snapshot)}的版本"
    )


def _restore_material_fields(material: Material, state: MaterialState) -> None:
    stored = _object(state, "entries.material", material.pk)
    current = Material.objects.get(pk=material.pk)
    for name in MATERIAL_FIELDS:
        attname = Material._meta.get_field(name).attname
        setattr(current, attname, getattr(stored, attname))
    services.material_text_update(
        material=current, fields=MATERIAL_FIELDS, expected_revision=current.revision
    )


def _restore_aspect_texts(material: Material, state: MaterialState) -> None:
    wanted = {row["aspect"]: row for row in state.aspect_texts.values()}
    for text in AspectText.objects.filter(material=material).select_related("aspect"):
        row = wanted.pop(text.aspect_id, {"heading": "", "lead_in": ""})
        if (text.heading, text.lead_in) != (row["heading"], row["lead_in"]):
            _write_aspect_text(material, text.aspect, row, text.revision)
    for aspect in material.meeting.outline.aspects.filter(pk__in=list(wanted)):
        _write_aspect_text(material, aspect, wanted[aspect.pk], 1)


def _write_aspect_text(material, aspect, row: dict, revision: int) -> None:
    values = {"heading": row["heading"], "lead_in": row["lead_in"]}
    services.aspect_text_update(material=material, aspect=aspect, values=values, expected_revision=revision)


def _restore_orders(material: Material, state: MaterialState) -> None:
    def by_position(rows: dict, ids) -> list[int]:
        # An entry the version lacks (a followed measure kept by the restore) goes last.
        return sorted(ids, key=lambda pk: (rows[pk]["position"] if pk in rows else 1 << 30, pk))

    for aspect in material.meeting.outline.aspects.all():
        ids = list(material.problems.filter(aspect=aspect).values_list("pk", flat=True))
        services.problems_reorder(
            material=material, aspect=aspect, ordered_ids=by_position(state.problems, ids)
        )
    causes = material.causes.values_list("pk", flat=True)
    services.causes_reorder(material=material, ordered_ids=by_position(state.causes, causes))
    measures = material.measures.values_list("pk", flat=True)
    services.measures_reorder(material=material, ordered_ids=by_position(state.measures, measures))


def _when(snapshot: Snapshot) -> str:
    moment = timezone.localtime(snapshot.created_at)
    return f"{cn_date(moment)}{moment:%H:%M}"
