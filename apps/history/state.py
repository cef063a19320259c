"""A material with all its entries as plain data (``MaterialState``), read either from the database
now or from a stored revision. Diffs compare two states; restores write one back; the content hash
of a state tells whether anything changed since the last snapshot.

Both sources go through Django's JSON serialiser (what reversion stores), so a state read back from
a revision equals the state of the same content read live.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core import serializers
from django.db import models
from django.db.models import Prefetch
from reversion.models import Revision, Version

from apps.entries.models import AspectText, Cause, Material, Measure, Problem
from apps.history.registration import versioned_fields

# Timestamps change on every save, with or without a change of text: left out of the comparison.
IGNORED = ("created_at", "updated_at")
MODEL_KEYS = {
    "entries.material": "material",
    "entries.aspecttext": "aspect_texts",
    "entries.problem": "problems",
    "entries.cause": "causes",
    "entries.measure": "measures",
    "entries.measureitem": "items",
}


@dataclass
class MaterialState:
    """Rows by kind and id: ``fields`` as the serialiser writes them (ids for links, ISO dates)."""

    material: dict = field(default_factory=dict)
    aspect_texts: dict[int, dict] = field(default_factory=dict)
    problems: dict[int, dict] = field(default_factory=dict)
    causes: dict[int, dict] = field(default_factory=dict)
    measures: dict[int, dict] = field(default_factory=dict)
    items: dict[int, dict] = field(default_factory=dict)
    # The serialised rows themselves, keyed (model label, id): what a restore deserialises.
    records: dict[tuple[str, int], dict] = field(default_factory=dict, repr=False)

    def add(self, record: dict) -> None:
        key = MODEL_KEYS.get(record["model"])
        if key is None:
            return
        values = {name: value for name, value in record["fields"].items() if name not in IGNORED}
        self.records[(record["model"], record["pk"])] = record
        if key == "material":
            self.material = values
        else:
            getattr(self, key)[record["pk"]] = values

    def items_of(self, measure_id: int) -> list[tuple[int, dict]]:
        return sorted(
            ((pk, item) for pk, item in self.items.items() if item["measure"] == measure_id),
            key=lambda pair: pair[1]["position"],
        )

    def content_hash(self) -> str:
        """Equal for equal content: positions count as the order they give (1, 3 is 1, 2), and
        links as sets (the serialiser lists them in the linked model's order, the lean read of
        apps.history.fingerprint in the database's)."""
        groups = {"problems": "aspect", "causes": None, "measures": None, "items": "measure"}
        data = {
            "material": self.material,
            "aspect_texts": sorted(self.aspect_texts.items()),
            **{key: _ranked(_links_sorted(getattr(self, key)), group) for key, group in groups.items()},
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _links_sorted(rows: dict[int, dict]) -> dict[int, dict]:
    return {
        pk: {name: sorted(value) if isinstance(value, list) else value for name, value in row.items()}
        for pk, row in rows.items()
    }


def _ranked(rows: dict[int, dict], group: str | None) -> list:
    ordered = sorted(
        rows.items(), key=lambda pair: (pair[1].get(group) if group else 0, pair[1]["position"], pair[0])
    )
    ranks: dict[object, int] = {}
    ranked = []
    for pk, row in ordered:
        key = row.get(group) if group else None
        ranks[key] = ranks.get(key, 0) + 1
        ranked.append((pk, {**row, "position": ranks[key]}))
    return sorted(ranked)


def load_rows(material: Material) -> list[models.Model]:
    """The material and every entry, in a fixed number of queries however many entries it has."""
    material = (
        Material.objects.select_related("meeting", "member")
        .prefetch_related(
            Prefetch("aspect_texts", AspectText.objects.select_related("aspect")),
            "problems",
            Prefetch(
                "causes", Cause.objects.prefetch_related(Prefetch("problems", Problem.objects.only("pk")))
            ),
            Prefetch(
                "measures",
                Measure.objects.prefetch_related(
                    Prefetch("problems", Problem.objects.only("pk")),
                    Prefetch("causes", Cause.objects.only("pk")),
                    "items",
                ),
            ),
        )
        .get(pk=material.pk)
    )
    rows: list[models.Model] = [material, *material.aspect_texts.all(), *material.problems.all()]
    rows += material.causes.all()
    for measure in material.measures.all():
        rows += [measure, *measure.items.all()]
    return rows


def serialise(rows: list[models.Model]) -> list[dict]:
    """Each row as reversion stores it (JSON, the registered fields), in the order of ``rows``.

    One serializer call per model rather than per row: an export takes a snapshot, and row by row
    this was most of the time of an unchanged (cached) re-download."""
    positions: dict[type, list[int]] = {}
    for position, row in enumerate(rows):
        positions.setdefault(type(row), []).append(position)
    records: list[dict] = [{}] * len(rows)
    for model, indices in positions.items():
        serialised = json.loads(
            serializers.serialize("json", [rows[i] for i in indices], fields=versioned_fields(model))
        )
        for index, record in zip(indices, serialised, strict=True):
            records[index] = record
    return records


def state_of(records: list[dict]) -> MaterialState:
    state = MaterialState()
    for record in records:
        state.add(record)
    return state


def live_state(material: Material) -> MaterialState:
    return state_of(serialise(load_rows(material)))


def revision_state(revision: Revision) -> MaterialState:
    """The material as a whole-material revision (a snapshot's) stored it: one query."""
    state = MaterialState()
    for data in Version.objects.filter(revision=revision).values_list("serialized_data", flat=True):
        for record in json.loads(data):
            state.add(record)
    return state
