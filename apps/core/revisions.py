"""Optimistic locking for autosaved forms: the second of two people saving the same entry is told,
with both texts, instead of silently overwriting the first."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


@dataclass
class EditConflict(Exception):
    """The row changed since the editor loaded it. ``changed`` maps each field whose stored value
    differs from the one being saved to ``(mine, theirs)``; ``current`` is the stored row."""

    current: models.Model
    changed: dict[str, tuple[object, object]] = field(default_factory=dict)


def _values(instance: models.Model, names: Sequence[str]) -> dict[str, object]:
    return {name: getattr(instance, instance._meta.get_field(name).attname) for name in names}


def _m2m_ids(instance: models.Model, names: Sequence[str]) -> dict[str, list[int]]:
    return {name: sorted(getattr(instance, name).values_list("pk", flat=True)) for name in names}


@transaction.atomic
def save_revision(
    instance: models.Model,
    fields: Sequence[str],
    expected: int,
    m2m: Mapping[str, Sequence[int]] | None = None,
) -> models.Model:
    """Write ``fields`` (and the ``m2m`` id lists) of the validated ``instance`` if the stored row
    still has revision ``expected``, and bump the revision; raise :class:`EditConflict` otherwise.

    The check and the write are one ``UPDATE … WHERE revision = expected``, so two simultaneous
    saves cannot both pass, on SQLite as on PostgreSQL, without holding row locks. If the stored
    row differs only in fields nobody changed (both saved the same text), the save goes through.
    """
    model = type(instance)
    m2m = {name: sorted(ids) for name, ids in (m2m or {}).items()}
    values = {name: model._meta.get_field(name).pre_save(instance, add=False) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    columns = {model._meta.get_field(name).attname: value for name, value in values.items()}
    rows = model._default_manager.filter(pk=instance.pk, revision=expected)
    if not rows.update(revision=F("revision") + 1, **columns):
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        mine, theirs = _values(instance, fields), _values(current, fields)
        mine.update(m2m)
        theirs.update(_m2m_ids(current, list(m2m)))
        changed = {name: (mine[name], theirs[name]) for name in mine if mine[name] != theirs[name]}
        if changed:
            raise EditConflict(current=current, changed=changed)
        expected = current.revision
        model._default_manager.filter(pk=instance.pk).update(revision=F("revision") + 1, **columns)
    for name, ids in m2m.items():
        getattr(instance, name).set(ids)
    instance.revision = expected + 1
    return instance
