"""The copy index: every material's paragraphs with their MinHash signatures and LSH band keys.

Why the bands live in the database (and not an in-memory MinHashLSH cached per process): the index
grows with every unit and year (1,000 meetings ≈ 100,000 paragraphs), so rebuilding an LSH in each
worker after any edit anywhere would cost seconds and memory per process; with a key column indexed,
a material's candidates are one indexed ``key IN (…)`` query (its paragraphs × 14 keys) on SQLite and
PostgreSQL alike, the same in every process, and an edit rewrites only that material's rows.

Freshness is lazy: before a search, :func:`refresh` compares each material's stamp (latest
``updated_at``, entry counts and revision sums, computed by a few grouped queries) with the stamp
stored when it was indexed, and indexes again only the materials that changed, were added or lost
entries. ``manage.py rebuild_copy_index`` does the same for all materials (or from scratch).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import DatabaseError, transaction
from django.db.models import Count, Max, Sum

from apps.checks.copies.minhash import band_keys, paragraphs, signature, text_hash, to_bytes
from apps.checks.models import IndexedBand, IndexedMaterial, IndexedParagraph
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem

# (model, the texts indexed, the entry type named in findings and links)
ENTRY_TEXTS = [
    (Problem, ("elaboration", "example"), "problem"),
    (Cause, ("elaboration",), "cause"),
    (Measure, ("elaboration",), "measure"),
    (AspectText, ("lead_in",), "aspect"),
]
MATERIAL_TEXTS = ("preamble", "recap", "problems_lead", "causes_lead", "measures_lead", "closing")
CHUNK = 200  # materials loaded and written per batch

logger = logging.getLogger(__name__)


def current_stamps() -> dict[int, str]:
    """A stamp per material that changes whenever any of its indexed texts may have changed."""
    parts: dict[int, list[str]] = {
        pk: [str(at)] for pk, at in Material.objects.values_list("pk", "updated_at")
    }
    summaries = [(model.objects.values("material_id"), "material_id") for model, _, _ in ENTRY_TEXTS]
    summaries.append((MeasureItem.objects.values("measure__material_id"), "measure__material_id"))
    for rows, key in summaries:
        for row in rows.annotate(n=Count("pk"), last=Max("pk"), revisions=Sum("revision"), at=_latest(rows)):
            parts.get(row[key], []).append(f"{row['n']}.{row['last']}.{row['revisions']}.{row['at']}")
    return {pk: "|".join(values)[:200] for pk, values in parts.items()}


def _latest(rows):
    model = rows.model
    return Max("updated_at") if any(f.name == "updated_at" for f in model._meta.fields) else Max("pk")


def refresh(*, force: bool = False) -> int:
    """Index the materials whose stamp changed (all with ``force``); returns how many."""
    stamps = current_stamps()
    stored = dict(IndexedMaterial.objects.values_list("material_id", "stamp"))
    stale = [pk for pk, stamp in stamps.items() if force or stored.get(pk) != stamp]
    for start in range(0, len(stale), CHUNK):
        chunk = stale[start : start + CHUNK]
        try:
            index_materials(chunk, {pk: stamps[pk] for pk in chunk})
        except DatabaseError:
            # Another request is writing the same rows (SQLite allows one writer): the search goes
            # on with the index as it is, and the next one indexes what is still stale.
            logger.warning("copy index: materials %s left for the next refresh", chunk[:5], exc_info=True)
            return start
    return len(stale)


def material_paragraphs(material_ids: Sequence[int]) -> dict[int, list[tuple[str, int, str, int, str]]]:
    """(entry_type, entry_id, field, offset, text) of every indexed paragraph of the materials: one
    query per kind of entry."""
    found: dict[int, list] = defaultdict(list)
    for material in Material.objects.filter(pk__in=material_ids).only("pk", *MATERIAL_TEXTS):
        for name in MATERIAL_TEXTS:
            for para in paragraphs(getattr(material, name)):
                found[material.pk].append(("material", material.pk, name, para.offset, para.text))
    for model, fields, entry_type in ENTRY_TEXTS:
        # An aspect's lead-in is linked to by its aspect (the workspace's form ids use the aspect).
        link = "aspect_id" if model is AspectText else "pk"
        rows = model.objects.filter(material_id__in=material_ids).values_list(link, "material_id", *fields)
        for link_id, material_id, *texts in rows:
            for name, text in zip(fields, texts, strict=True):
                for para in paragraphs(text):
                    found[material_id].append((entry_type, link_id, name, para.offset, para.text))
    items = MeasureItem.objects.filter(measure__material_id__in=material_ids)
    items = items.values_list("pk", "measure__material_id", "text")
    for pk, material_id, text in items:
        for para in paragraphs(text):
            found[material_id].append(("measure_item", pk, "text", para.offset, para.text))
    return found


@transaction.atomic
def index_materials(material_ids: Sequence[int], stamps: dict[int, str]) -> None:
    """Replace the indexed paragraphs of the materials and record their stamps."""
    IndexedParagraph.objects.filter(material_id__in=material_ids).delete()
    found = material_paragraphs(material_ids)
    rows, keys = [], []
    for material_id, paras in found.items():
        for entry_type, entry_id, field, offset, text in paras:
            values = signature(text)
            rows.append(
                IndexedParagraph(
                    material_id=material_id,
                    entry_type=entry_type,
                    entry_id=entry_id,
                    field=field,
                    offset=offset,
                    text=text,
                    text_hash=text_hash(text),
                    signature=to_bytes(values),
                )
            )
            keys.append(band_keys(values))
    created = IndexedParagraph.objects.bulk_create(rows, batch_size=500)
    bands = [
        IndexedBand(paragraph_id=row.pk, key=key)
        for row, row_keys in zip(created, keys, strict=True)
        for key in row_keys
    ]
    IndexedBand.objects.bulk_create(bands, batch_size=2000)
    IndexedMaterial.objects.filter(material_id__in=material_ids).delete()
    IndexedMaterial.objects.bulk_create(
        [IndexedMaterial(material_id=pk, stamp=stamps.get(pk, "")) for pk in material_ids]
    )


def candidates(keys: Iterable[int], *, exclude_material: int) -> dict[int, set[int]]:
    """paragraph id → the band keys it shares with ``keys`` (one indexed query)."""
    shared: dict[int, set[int]] = defaultdict(set)
    rows = IndexedBand.objects.filter(key__in=set(keys)).exclude(paragraph__material_id=exclude_material)
    for paragraph_id, key in rows.values_list("paragraph_id", "key"):
        shared[paragraph_id].add(key)
    return shared
