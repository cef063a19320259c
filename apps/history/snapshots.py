"""Whole-material snapshots: at each review transition, each export, and around a restore."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from apps.entries.models import Material
from apps.history.fingerprint import live_content_hash
from apps.history.models import Snapshot
from apps.history.state import load_rows, serialise

Reason = Snapshot.Reason


def snapshot_take(
    *,
    material: Material,
    reason: str,
    user=None,
    note: str = "",
    transition_id: int | None = None,
) -> Snapshot:
    """Record ``material`` as it is now, with why, who and when.

    The material is first read lean and hashed (apps.history.fingerprint). When it is the same as
    at the last snapshot — an export right after another — the new snapshot points at that
    snapshot's revision instead of copying every entry again: the cost of an unchanged export is
    that read and one small row, a single statement that needs no transaction of its own (BEGIN and
    COMMIT were two more round trips on every cached download). Otherwise the rows are loaded whole
    and written as one reversion Revision (one bulk insert), the same data reversion's own
    ``create_revision`` would store, so its tools and admin can read it, in one transaction with
    the snapshot.
    """
    content_hash = live_content_hash(material)
    user = user if getattr(user, "is_authenticated", False) else None
    last = Snapshot.objects.filter(material=material).order_by("-created_at", "-pk").first()
    fields = {
        "material": material,
        "reason": reason,
        "note": note[:500],
        "user": user,
        "transition_id": transition_id,
        "content_hash": content_hash,
    }
    if last is not None and last.content_hash == content_hash:
        return Snapshot.objects.create(revision_id=last.revision_id, **fields)
    with transaction.atomic():
        revision = _store_revision(material, user, reason)
        return Snapshot.objects.create(revision_id=revision.pk, **fields)


def _store_revision(material: Material, user, reason: str) -> Revision:
    """Every row of the material as a new reversion Revision, one Version per row."""
    rows = load_rows(material)
    records = serialise(rows)
    revision = Revision.objects.create(
        date_created=timezone.now(), user=user, comment=f"版本：{Reason(reason).label}"
    )
    content_types = ContentType.objects.get_for_models(*{type(row) for row in rows})
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=content_types[type(row)],
            object_id=str(row.pk),
            db="default",
            format="json",
            serialized_data=json.dumps([record], ensure_ascii=False),
            object_repr=str(row)[:191],
        )
        for row, record in zip(rows, records, strict=True)
    )
    return revision
