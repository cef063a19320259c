"""Optimistic locking for autosaved forms: the second of two people saving the same entry is told,
with both texts, instead of silently overwriting the first."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from apps.core.text import clean_line


class Expected(int):
    """The revision an editor's form was loaded at, with the field values it showed then (``base``).

    With a base, a stale save is a conflict only for fields someone else changed since: two people
    editing different fields of one entry are merged, not told they collided."""

    base: Mapping[str, object] | None

    def __new__(cls, revision: int, base: Mapping[str, object] | None = None):
        instance = super().__new__(cls, revision)
        instance.base = base
        return instance


def _same(shown: object, stored: object) -> bool:
    """Whether a value the form showed (text from the browser) is the value stored now."""
    if isinstance(stored, list):
        values = shown if isinstance(shown, list) else [shown]
        try:
            return sorted(int(v) for v in values if v not in ("", None)) == sorted(stored)
        except (TypeError, ValueError):
            return False
    if isinstance(stored, bool):
        return (shown not in (None, "", False, [])) == stored
    if stored is None or stored == "":
        # Spaces typed into an empty field are stored as nothing but stay in the page's base:
        # they are the empty value too, as other text is compared cleaned below.
        return shown in (None, []) or clean_line(str(shown)) == ""
    if hasattr(stored, "isoformat"):
        return str(shown) == stored.isoformat()
    return clean_line(str(shown)) == clean_line(str(stored))


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
    saves cannot both pass, on SQLite as on PostgreSQL, without holding row locks. A stale save is
    merged instead when no field differs both ways (see :func:`_merge`).
    """
    model = type(instance)
    m2m = {name: sorted(ids) for name, ids in (m2m or {}).items()}
    fields = list(fields)
    base = getattr(expected, "base", None)
    if base is not None:
        # A field missing from the base was not on the editor's page (a link group is left out
        # while there is nothing to link), so the form's empty value for it is no edit: writing
        # it would wipe the links someone made since, even after a conflict resolved as "theirs".
        fields = [name for name in fields if name in base]
        m2m = {name: ids for name, ids in m2m.items() if name in base}
    rows = model._default_manager.filter(pk=instance.pk, revision=expected)
    if not rows.update(revision=F("revision") + 1, **_columns(instance, fields)):
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        fields, m2m = _merge(instance, current, fields, m2m, getattr(expected, "base", None))
        expected = current.revision
        model._default_manager.filter(pk=instance.pk).update(
            revision=F("revision") + 1, **_columns(instance, fields)
        )
    for name, ids in m2m.items():
        _set_links(instance, name, ids)
    instance.revision = expected + 1
    return instance


def _set_links(instance: models.Model, name: str, ids: Sequence[int]) -> None:
    """Link ``instance`` to exactly the rows ``ids`` through the relation ``name``: a many-to-many
    field, or the reverse side of a nullable foreign key (a problem's claimed opinions), whose
    rows are pointed at the instance or released."""
    manager = getattr(instance, name)
    if hasattr(manager, "through"):
        manager.set(ids)
        return
    field = manager.field.name
    manager.exclude(pk__in=ids).update(**{field: None})
    manager.model._default_manager.filter(pk__in=ids).update(**{field: instance})


def _columns(instance: models.Model, fields: Sequence[str]) -> dict[str, object]:
    """Column values as Model.save() would write them (pre_save: clean text, auto_now)."""
    meta = instance._meta
    columns = {meta.get_field(n).attname: meta.get_field(n).pre_save(instance, add=False) for n in fields}
    if any(f.name == "updated_at" for f in meta.concrete_fields):
        columns["updated_at"] = timezone.now()
    return columns


def _merge(instance, current, fields: list[str], m2m: dict, base: Mapping[str, object] | None):
    """Three-way merge of a stale save: for each field, the value this editor's form showed
    (``base``), the one they send (mine) and the stored one (theirs).

    - mine == theirs: nothing to decide;
    - theirs unchanged since the form loaded: mine is written;
    - mine unchanged since the form loaded: theirs is kept (the stale value is not written);
    - both changed, differently: a conflict, with both texts, and nothing is written.
    Without a base (an old page, a script), any difference is a conflict.
    Returns the fields and m2m lists still to write; ``instance`` takes the kept values.
    """
    mine = {**_values(instance, fields), **m2m}
    theirs = {**_values(current, fields), **_m2m_ids(current, list(m2m))}
    conflicts, keep_theirs = {}, set()
    for name in mine:
        if mine[name] == theirs[name]:
            continue
        if base is not None and name in base and _same(base[name], theirs[name]):
            continue  # only I changed it
        if base is not None and name in base and _same(base[name], mine[name]):
            keep_theirs.add(name)  # only they changed it
            continue
        conflicts[name] = (mine[name], theirs[name])
    if conflicts:
        raise EditConflict(current=current, changed=conflicts)
    for name in keep_theirs - set(m2m):
        attname = instance._meta.get_field(name).attname
        setattr(instance, attname, getattr(current, attname))
    # What the editor's page must now show instead of its stale values.
    instance.merged_values = {name: theirs[name] for name in keep_theirs}
    return (
        [n for n in fields if n not in keep_theirs],
        {n: ids for n, ids in m2m.items() if n not in keep_theirs},
    )
